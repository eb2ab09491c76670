import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * `analytics_reporting_cell`: a closed year's partition into reporting cells, stored the first time an analyst
 * reads that year. A closed year's plans no longer change, but the unit tree can: computed again after a unit moved,
 * the cells would differ, and two answers a month apart could then be subtracted. Stored, they never change.
 */
export class AnalyticsReportingCells1764390000000 implements MigrationInterface {
  name = 'AnalyticsReportingCells1764390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'analytics_reporting_cell',
        columns: [
          { name: 'period_id', type: 'integer', isPrimary: true },
          { name: 'unit_id', type: 'integer', isPrimary: true },
          { name: 'position_kind', type: 'varchar', length: '16', isPrimary: true },
          { name: 'grade', type: 'varchar', length: '8', isPrimary: true },
          { name: 'cell', type: 'integer' },
          { name: 'anchor_unit_id', type: 'integer' },
          { name: 'kind_label', type: 'varchar', length: '16' },
          { name: 'golongan', type: 'varchar', length: '16' },
          { name: 'plans', type: 'integer' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('analytics_reporting_cell');
  }
}
