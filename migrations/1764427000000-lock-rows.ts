import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * `lock_row` replaces `tree_lock`: a lock is taken by writing its row rather than by `SELECT … FOR UPDATE`, which
 * on a Galera cluster locks only on one node. It holds the trees' locks and the locks of single records
 * (`src/core/database/cluster-lock.ts`).
 */
export class LockRows1764427000000 implements MigrationInterface {
  name = 'LockRows1764427000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'lock_row',
        columns: [
          { name: 'name', type: 'varchar', length: '100', isPrimary: true },
          { name: 'generation', type: 'integer', default: 0 },
        ],
      }),
    );
    await queryRunner.query(
      "INSERT INTO lock_row (name, generation) VALUES ('tree:employee_closure', 0), ('tree:unit_closure', 0)",
    );
    await queryRunner.dropTable('tree_lock');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({ name: 'tree_lock', columns: [{ name: 'name', type: 'varchar', length: '64', isPrimary: true }] }),
    );
    await queryRunner.query("INSERT INTO tree_lock (name) VALUES ('employee_closure'), ('unit_closure')");
    await queryRunner.dropTable('lock_row');
  }
}
