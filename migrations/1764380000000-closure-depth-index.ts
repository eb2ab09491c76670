import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Direct reports by (ancestor, depth): the team page asked the primary key for every descendant of the supervisor
 * and dropped all but depth 1, which grows with the whole tree below them (`docs/adr/0006-closure-tables.md`);
 * with depth in the index it reads the reports alone.
 */
export class ClosureDepthIndex1764380000000 implements MigrationInterface {
  name = 'ClosureDepthIndex1764380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'employee_closure',
      new TableIndex({
        name: 'IDX_employee_closure_ancestor_depth',
        columnNames: ['ancestor_id', 'depth', 'descendant_id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('employee_closure', 'IDX_employee_closure_ancestor_depth');
  }
}
