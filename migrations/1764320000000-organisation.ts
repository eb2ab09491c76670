import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, type TableColumnOptions } from 'typeorm';

/** Shared column shapes, so that every table spells ids, versions and timestamps the same way. */
const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const version = (): TableColumnOptions => ({ name: 'version', type: 'integer' });
const timestamps = (): TableColumnOptions[] => [
  { name: 'created_at', type: 'datetime' },
  { name: 'updated_at', type: 'datetime' },
];
const closure = (table: string, target: string): Table =>
  new Table({
    name: table,
    columns: [
      { name: 'ancestor_id', type: 'integer', isPrimary: true },
      { name: 'descendant_id', type: 'integer', isPrimary: true },
      { name: 'depth', type: 'integer' },
    ],
    indices: [{ name: `IDX_${table}_descendant`, columnNames: ['descendant_id', 'depth'] }],
    foreignKeys: [
      {
        name: `FK_${table}_ancestor`,
        columnNames: ['ancestor_id'],
        referencedTableName: target,
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
        onUpdate: 'NO ACTION',
      },
      {
        name: `FK_${table}_descendant`,
        columnNames: ['descendant_id'],
        referencedTableName: target,
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
        onUpdate: 'NO ACTION',
      },
    ],
  });

/** The organisation: units, external officials (the Bupati), employees, both trees, and the audit trail. */
export class Organisation1764320000000 implements MigrationInterface {
  name = 'Organisation1764320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type !== 'better-sqlite3') {
      // Names are Indonesian and Papuan: every table must be utf8mb4 whatever the server default is.
      await queryRunner.query('ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    }

    await queryRunner.createTable(
      new Table({
        name: 'unit',
        columns: [
          id(),
          { name: 'code', type: 'varchar', length: '64' },
          { name: 'name', type: 'varchar', length: '191' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'parent_id', type: 'integer', isNullable: true },
          { name: 'head_id', type: 'integer', isNullable: true },
          version(),
          ...timestamps(),
        ],
        indices: [
          { name: 'IDX_unit_code', columnNames: ['code'], isUnique: true },
          { name: 'IDX_unit_parent', columnNames: ['parent_id'] },
          { name: 'IDX_unit_head', columnNames: ['head_id'] },
        ],
        foreignKeys: [
          {
            name: 'FK_unit_parent',
            columnNames: ['parent_id'],
            referencedTableName: 'unit',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
    await queryRunner.createTable(closure('unit_closure', 'unit'));

    await queryRunner.createTable(
      new Table({
        name: 'external_official',
        columns: [
          id(),
          { name: 'name', type: 'varchar', length: '191' },
          { name: 'position_title', type: 'varchar', length: '191' },
          { name: 'active', type: 'boolean' },
          version(),
          ...timestamps(),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'employee',
        columns: [
          id(),
          { name: 'nip', type: 'varchar', length: '18' },
          { name: 'name', type: 'varchar', length: '191' },
          { name: 'title_prefix', type: 'varchar', length: '64', isNullable: true },
          { name: 'title_suffix', type: 'varchar', length: '64', isNullable: true },
          { name: 'employment_type', type: 'varchar', length: '8' },
          { name: 'grade', type: 'varchar', length: '8' },
          { name: 'gender', type: 'varchar', length: '8', isNullable: true },
          { name: 'position_title', type: 'varchar', length: '191' },
          { name: 'position_kind', type: 'varchar', length: '16' },
          { name: 'unit_id', type: 'integer' },
          { name: 'supervisor_id', type: 'integer', isNullable: true },
          { name: 'external_supervisor_id', type: 'integer', isNullable: true },
          { name: 'email', type: 'varchar', length: '191', isNullable: true },
          { name: 'active', type: 'boolean' },
          version(),
          ...timestamps(),
        ],
        indices: [
          { name: 'IDX_employee_nip', columnNames: ['nip'], isUnique: true },
          { name: 'IDX_employee_name', columnNames: ['name'] },
          { name: 'IDX_employee_unit', columnNames: ['unit_id'] },
          { name: 'IDX_employee_supervisor', columnNames: ['supervisor_id'] },
          { name: 'IDX_employee_external_supervisor', columnNames: ['external_supervisor_id'] },
        ],
        foreignKeys: [
          {
            name: 'FK_employee_unit',
            columnNames: ['unit_id'],
            referencedTableName: 'unit',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
            onUpdate: 'NO ACTION',
          },
          {
            name: 'FK_employee_supervisor',
            columnNames: ['supervisor_id'],
            referencedTableName: 'employee',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
            onUpdate: 'NO ACTION',
          },
          {
            name: 'FK_employee_external_supervisor',
            columnNames: ['external_supervisor_id'],
            referencedTableName: 'external_official',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
    await queryRunner.createTable(closure('employee_closure', 'employee'));
    // The unit head is an employee: this key can only exist once both tables do.
    await queryRunner.createForeignKey(
      'unit',
      new TableForeignKey({
        name: 'FK_unit_head',
        columnNames: ['head_id'],
        referencedTableName: 'employee',
        referencedColumnNames: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'NO ACTION',
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          id(),
          { name: 'occurred_at', type: 'datetime' },
          { name: 'actor_kind', type: 'varchar', length: '16' },
          { name: 'actor_employee_id', type: 'integer', isNullable: true },
          { name: 'actor_subject', type: 'varchar', length: '191' },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'entity_type', type: 'varchar', length: '64' },
          { name: 'entity_id', type: 'integer' },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
        ],
        indices: [{ name: 'IDX_audit_entry_entity', columnNames: ['entity_type', 'entity_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_entry');
    await queryRunner.dropForeignKey('unit', 'FK_unit_head');
    await queryRunner.dropTable('employee_closure');
    await queryRunner.dropTable('employee');
    await queryRunner.dropTable('external_official');
    await queryRunner.dropTable('unit_closure');
    await queryRunner.dropTable('unit');
  }
}
