import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * `appraisal.progress_version`: bumped with every change to a plan's realizations and the feedback on them, in
 * the same transaction, so that a reader can keep what it read of them by (plan, version, progress_version).
 * Kept apart from `version`, which guards the plan's own edits: recording a realization must not make the
 * appraiser's next workflow step a conflict.
 */
export class PlanProgressVersion1764370000000 implements MigrationInterface {
  name = 'PlanProgressVersion1764370000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'appraisal',
      new TableColumn({ name: 'progress_version', type: 'integer', default: 0 }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('appraisal', 'progress_version');
  }
}
