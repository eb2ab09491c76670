import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * SIASN, BKN's national system (`docs/siasn.md`): `employee.siasn_id` is the person's id there (imported, optional),
 * and `siasn_sync` records which version of each evaluation the portal has sent there, under which SIASN id, so that
 * exports are incremental and a changed or replacing evaluation is sent again.
 */
export class Siasn1764423000000 implements MigrationInterface {
  name = 'Siasn1764423000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'employee',
      new TableColumn({ name: 'siasn_id', type: 'varchar', length: '64', isNullable: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'siasn_sync',
        columns: [
          { name: 'evaluation_id', type: 'integer', isPrimary: true },
          { name: 'siasn_id', type: 'varchar', length: '64' },
          { name: 'evaluation_version', type: 'integer' },
          { name: 'synced_at', type: 'datetime' },
          { name: 'synced_by_subject', type: 'varchar', length: '191' },
        ],
        foreignKeys: [
          {
            name: 'FK_siasn_sync_evaluation',
            columnNames: ['evaluation_id'],
            referencedTableName: 'evaluation',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('siasn_sync');
    await queryRunner.dropColumn('employee', 'siasn_id');
  }
}
