import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  TableColumn,
  type TableColumnOptions,
  type TableForeignKeyOptions,
} from 'typeorm';

const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const versioned = (): TableColumnOptions[] => [
  { name: 'version', type: 'integer' },
  { name: 'created_at', type: 'datetime' },
  { name: 'updated_at', type: 'datetime' },
];
const fk = (
  name: string,
  column: string,
  table: string,
  onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'RESTRICT',
): TableForeignKeyOptions => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
  onUpdate: 'NO ACTION',
});

/** Follow-through and evaluation: realizations, daily activity, feedback, ratings, unit ratings, objections. */
export class FollowThroughAndEvaluation1764350000000 implements MigrationInterface {
  name = 'FollowThroughAndEvaluation1764350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'appraisal',
      new TableColumn({ name: 'delivered_at', type: 'datetime', isNullable: true }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'realization',
        columns: [
          id(),
          { name: 'indicator_id', type: 'integer' },
          { name: 'appraisal_id', type: 'integer' },
          { name: 'sub_period', type: 'integer' },
          { name: 'value', type: 'decimal', precision: 18, scale: 4, isNullable: true },
          { name: 'statement', type: 'varchar', length: '1000', isNullable: true },
          { name: 'narrative', type: 'text', isNullable: true },
          { name: 'evidence', type: 'text' },
          ...versioned(),
        ],
        indices: [
          { name: 'IDX_realization_indicator_sub_period', columnNames: ['indicator_id', 'sub_period'], isUnique: true },
          { name: 'IDX_realization_appraisal', columnNames: ['appraisal_id'] },
        ],
        foreignKeys: [
          fk('FK_realization_indicator', 'indicator_id', 'indicator', 'CASCADE'),
          fk('FK_realization_appraisal', 'appraisal_id', 'appraisal', 'CASCADE'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'daily_activity',
        columns: [
          id(),
          { name: 'employee_id', type: 'integer' },
          { name: 'appraisal_id', type: 'integer', isNullable: true },
          { name: 'indicator_id', type: 'integer', isNullable: true },
          { name: 'activity_date', type: 'date' },
          { name: 'description', type: 'varchar', length: '2000' },
          { name: 'duration_minutes', type: 'integer' },
          { name: 'evidence_url', type: 'varchar', length: '500', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'review_comment', type: 'varchar', length: '2000', isNullable: true },
          { name: 'reviewer_employee_id', type: 'integer', isNullable: true },
          { name: 'reviewed_at', type: 'datetime', isNullable: true },
          ...versioned(),
        ],
        indices: [
          { name: 'IDX_daily_activity_employee_date', columnNames: ['employee_id', 'activity_date'] },
          { name: 'IDX_daily_activity_appraisal', columnNames: ['appraisal_id'] },
        ],
        foreignKeys: [
          fk('FK_daily_activity_employee', 'employee_id', 'employee'),
          fk('FK_daily_activity_appraisal', 'appraisal_id', 'appraisal', 'SET NULL'),
          fk('FK_daily_activity_indicator', 'indicator_id', 'indicator', 'SET NULL'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'feedback',
        columns: [
          id(),
          { name: 'recipient_employee_id', type: 'integer' },
          { name: 'appraisal_id', type: 'integer', isNullable: true },
          { name: 'author_employee_id', type: 'integer' },
          { name: 'target_kind', type: 'varchar', length: '16' },
          { name: 'target_id', type: 'integer', isNullable: true },
          { name: 'core_value', type: 'varchar', length: '32', isNullable: true },
          { name: 'text', type: 'varchar', length: '2000' },
          { name: 'reply', type: 'varchar', length: '2000', isNullable: true },
          { name: 'replied_at', type: 'datetime', isNullable: true },
          ...versioned(),
        ],
        indices: [
          { name: 'IDX_feedback_recipient', columnNames: ['recipient_employee_id', 'id'] },
          { name: 'IDX_feedback_target', columnNames: ['target_kind', 'target_id'] },
          { name: 'IDX_feedback_appraisal', columnNames: ['appraisal_id'] },
          { name: 'IDX_feedback_author', columnNames: ['author_employee_id'] },
        ],
        foreignKeys: [
          fk('FK_feedback_recipient', 'recipient_employee_id', 'employee'),
          fk('FK_feedback_appraisal', 'appraisal_id', 'appraisal', 'CASCADE'),
          fk('FK_feedback_author', 'author_employee_id', 'employee'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'evaluation',
        columns: [
          id(),
          { name: 'appraisal_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'sub_period', type: 'integer' },
          { name: 'result_rating', type: 'varchar', length: '32' },
          { name: 'result_justification', type: 'text', isNullable: true },
          { name: 'suggested_result_rating', type: 'varchar', length: '32', isNullable: true },
          { name: 'unit_rating', type: 'varchar', length: '32', isNullable: true },
          { name: 'behavior_rating', type: 'varchar', length: '32' },
          { name: 'predikat', type: 'varchar', length: '32' },
          { name: 'credit_points', type: 'decimal', precision: 10, scale: 4, isNullable: true },
          { name: 'rated_by_employee_id', type: 'integer', isNullable: true },
          { name: 'rated_by_subject', type: 'varchar', length: '191' },
          { name: 'rated_at', type: 'datetime' },
          ...versioned(),
        ],
        indices: [{ name: 'IDX_evaluation_slot', columnNames: ['appraisal_id', 'kind', 'sub_period'], isUnique: true }],
        foreignKeys: [fk('FK_evaluation_appraisal', 'appraisal_id', 'appraisal', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'evaluation_behavior',
        columns: [
          id(),
          { name: 'evaluation_id', type: 'integer' },
          { name: 'core_value', type: 'varchar', length: '32' },
          { name: 'rating', type: 'varchar', length: '32', isNullable: true },
          { name: 'feedback', type: 'varchar', length: '2000', isNullable: true },
        ],
        indices: [
          { name: 'IDX_evaluation_behavior_value', columnNames: ['evaluation_id', 'core_value'], isUnique: true },
        ],
        foreignKeys: [fk('FK_evaluation_behavior_evaluation', 'evaluation_id', 'evaluation', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'unit_rating',
        columns: [
          id(),
          { name: 'unit_id', type: 'integer' },
          { name: 'period_id', type: 'integer' },
          { name: 'rating', type: 'varchar', length: '32' },
          { name: 'finalized_at', type: 'datetime', isNullable: true },
          { name: 'override_justification', type: 'text', isNullable: true },
          { name: 'set_by_subject', type: 'varchar', length: '191' },
          ...versioned(),
        ],
        indices: [
          { name: 'IDX_unit_rating_unit_period', columnNames: ['unit_id', 'period_id'], isUnique: true },
          { name: 'IDX_unit_rating_period', columnNames: ['period_id'] },
        ],
        foreignKeys: [
          fk('FK_unit_rating_unit', 'unit_id', 'unit'),
          fk('FK_unit_rating_period', 'period_id', 'performance_period'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'objection',
        columns: [
          id(),
          { name: 'appraisal_id', type: 'integer' },
          { name: 'reason', type: 'text' },
          { name: 'filed_at', type: 'datetime' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'original_result_rating', type: 'varchar', length: '32' },
          { name: 'original_behavior_rating', type: 'varchar', length: '32' },
          { name: 'original_predikat', type: 'varchar', length: '32' },
          { name: 'decided_result_rating', type: 'varchar', length: '32', isNullable: true },
          { name: 'decided_behavior_rating', type: 'varchar', length: '32', isNullable: true },
          { name: 'decided_predikat', type: 'varchar', length: '32', isNullable: true },
          { name: 'decision_reason', type: 'text', isNullable: true },
          { name: 'decided_by_subject', type: 'varchar', length: '191', isNullable: true },
          { name: 'decided_at', type: 'datetime', isNullable: true },
          ...versioned(),
        ],
        indices: [{ name: 'IDX_objection_appraisal', columnNames: ['appraisal_id'], isUnique: true }],
        foreignKeys: [fk('FK_objection_appraisal', 'appraisal_id', 'appraisal', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'objection',
      'unit_rating',
      'evaluation_behavior',
      'evaluation',
      'feedback',
      'daily_activity',
      'realization',
    ])
      await queryRunner.dropTable(table);
    await queryRunner.dropColumn('appraisal', 'delivered_at');
  }
}
