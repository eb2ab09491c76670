import {
  type MigrationInterface,
  type QueryRunner,
  Table,
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
const timestamps = (): TableColumnOptions[] => [
  { name: 'created_at', type: 'datetime' },
  { name: 'updated_at', type: 'datetime' },
];
const fk = (
  name: string,
  column: string,
  table: string,
  onDelete: 'RESTRICT' | 'CASCADE' = 'RESTRICT',
): TableForeignKeyOptions => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
  onUpdate: 'NO ACTION',
});

/** Performance planning: periods, plans (SKP) with their workflow history, RHK, IKI and behaviour expectations. */
export class PerformancePlanning1764340000000 implements MigrationInterface {
  name = 'PerformancePlanning1764340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'performance_period',
        columns: [
          id(),
          { name: 'year', type: 'integer' },
          { name: 'cadence', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'start_date', type: 'date' },
          { name: 'end_date', type: 'date' },
          { name: 'planning_deadline', type: 'date' },
          { name: 'periodic_evaluation_days', type: 'integer' },
          { name: 'annual_evaluation_deadline', type: 'date' },
          { name: 'version', type: 'integer' },
          ...timestamps(),
        ],
        indices: [{ name: 'IDX_performance_period_year', columnNames: ['year'], isUnique: true }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'appraisal',
        columns: [
          id(),
          { name: 'employee_id', type: 'integer' },
          { name: 'period_id', type: 'integer' },
          { name: 'open_period_id', type: 'integer', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'form', type: 'varchar', length: '8' },
          { name: 'approach', type: 'varchar', length: '16' },
          { name: 'start_date', type: 'date' },
          { name: 'end_date', type: 'date' },
          { name: 'position_title', type: 'varchar', length: '191' },
          { name: 'position_kind', type: 'varchar', length: '16' },
          { name: 'grade', type: 'varchar', length: '8' },
          { name: 'unit_id', type: 'integer' },
          { name: 'appraiser_employee_id', type: 'integer', isNullable: true },
          { name: 'appraiser_external_id', type: 'integer', isNullable: true },
          { name: 'appraiser_name', type: 'varchar', length: '191', isNullable: true },
          { name: 'appraiser_position_title', type: 'varchar', length: '191', isNullable: true },
          { name: 'appraiser_supervisor_employee_id', type: 'integer', isNullable: true },
          { name: 'appraiser_supervisor_external_id', type: 'integer', isNullable: true },
          { name: 'appraiser_supervisor_name', type: 'varchar', length: '191', isNullable: true },
          { name: 'appraiser_supervisor_position_title', type: 'varchar', length: '191', isNullable: true },
          { name: 'resource_support', type: 'text', isNullable: true },
          { name: 'accountability_scheme', type: 'text', isNullable: true },
          { name: 'consequences', type: 'text', isNullable: true },
          { name: 'submitted_at', type: 'datetime', isNullable: true },
          { name: 'approved_at', type: 'datetime', isNullable: true },
          { name: 'approved_late', type: 'boolean' },
          { name: 'closed_at', type: 'datetime', isNullable: true },
          { name: 'version', type: 'integer' },
          ...timestamps(),
        ],
        indices: [
          { name: 'IDX_appraisal_open', columnNames: ['employee_id', 'open_period_id'], isUnique: true },
          { name: 'IDX_appraisal_period_status', columnNames: ['period_id', 'status'] },
          { name: 'IDX_appraisal_employee', columnNames: ['employee_id'] },
          { name: 'IDX_appraisal_unit', columnNames: ['unit_id'] },
          { name: 'IDX_appraisal_appraiser', columnNames: ['appraiser_employee_id'] },
        ],
        foreignKeys: [
          fk('FK_appraisal_employee', 'employee_id', 'employee'),
          fk('FK_appraisal_period', 'period_id', 'performance_period'),
          fk('FK_appraisal_unit', 'unit_id', 'unit'),
          fk('FK_appraisal_appraiser', 'appraiser_employee_id', 'employee'),
          fk('FK_appraisal_appraiser_external', 'appraiser_external_id', 'external_official'),
          fk('FK_appraisal_appraiser_supervisor', 'appraiser_supervisor_employee_id', 'employee'),
          fk('FK_appraisal_appraiser_supervisor_external', 'appraiser_supervisor_external_id', 'external_official'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'appraisal_transition',
        columns: [
          id(),
          { name: 'appraisal_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'from_status', type: 'varchar', length: '16' },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'actor_kind', type: 'varchar', length: '16' },
          { name: 'actor_employee_id', type: 'integer', isNullable: true },
          { name: 'actor_subject', type: 'varchar', length: '191' },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'occurred_at', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_appraisal_transition_appraisal', columnNames: ['appraisal_id'] }],
        foreignKeys: [fk('FK_appraisal_transition_appraisal', 'appraisal_id', 'appraisal', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'work_result_plan',
        columns: [
          id(),
          { name: 'appraisal_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'position', type: 'integer' },
          { name: 'text', type: 'varchar', length: '1000' },
          { name: 'supports_id', type: 'integer', isNullable: true },
          ...timestamps(),
        ],
        indices: [
          { name: 'IDX_work_result_plan_appraisal', columnNames: ['appraisal_id'] },
          { name: 'IDX_work_result_plan_supports', columnNames: ['supports_id'] },
        ],
        foreignKeys: [
          fk('FK_work_result_plan_appraisal', 'appraisal_id', 'appraisal', 'CASCADE'),
          fk('FK_work_result_plan_supports', 'supports_id', 'work_result_plan'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'indicator',
        columns: [
          id(),
          { name: 'work_result_plan_id', type: 'integer' },
          { name: 'position', type: 'integer' },
          { name: 'text', type: 'varchar', length: '1000' },
          { name: 'aspect', type: 'varchar', length: '16', isNullable: true },
          { name: 'target_value', type: 'decimal', precision: 18, scale: 4, isNullable: true },
          { name: 'target_unit', type: 'varchar', length: '64', isNullable: true },
          { name: 'target_text', type: 'varchar', length: '1000', isNullable: true },
          { name: 'perspective', type: 'varchar', length: '32', isNullable: true },
          ...timestamps(),
        ],
        indices: [{ name: 'IDX_indicator_work_result_plan', columnNames: ['work_result_plan_id'] }],
        foreignKeys: [fk('FK_indicator_work_result_plan', 'work_result_plan_id', 'work_result_plan', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'behavior_expectation',
        columns: [
          id(),
          { name: 'appraisal_id', type: 'integer' },
          { name: 'core_value', type: 'varchar', length: '32' },
          { name: 'expectation', type: 'varchar', length: '2000' },
          { name: 'author_subject', type: 'varchar', length: '191' },
          ...timestamps(),
        ],
        indices: [
          { name: 'IDX_behavior_expectation_value', columnNames: ['appraisal_id', 'core_value'], isUnique: true },
        ],
        foreignKeys: [fk('FK_behavior_expectation_appraisal', 'appraisal_id', 'appraisal', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'behavior_expectation',
      'indicator',
      'work_result_plan',
      'appraisal_transition',
      'appraisal',
      'performance_period',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
