import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * One lockable row per tree. Every change to a tree's shape takes its row FOR UPDATE first: two moves that are
 * each fine alone can together close a loop (A under B's subtree while B goes under A's), which no check on the
 * rows they touch would see. Tree changes are rare HR operations, so serialising them costs nothing.
 */
export class TreeLocks1764330000000 implements MigrationInterface {
  name = 'TreeLocks1764330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({ name: 'tree_lock', columns: [{ name: 'name', type: 'varchar', length: '64', isPrimary: true }] }),
    );
    await queryRunner.query("INSERT INTO tree_lock (name) VALUES ('employee_closure'), ('unit_closure')");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('tree_lock');
  }
}
