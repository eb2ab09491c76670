import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * `scheduler_lease`: which instance runs a periodic job (the reminders) for now. The holder renews its row before it
 * expires; another instance takes it over only once it has expired (`src/modules/reminder/scheduler-lease.ts`).
 * And an index for the reminder of daily-log entries waiting for review: the waiting ones by age.
 */
export class Reminders1764422000000 implements MigrationInterface {
  name = 'Reminders1764422000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'scheduler_lease',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'holder', type: 'varchar', length: '100' },
          { name: 'expires_at', type: 'datetime' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'daily_activity',
      new TableIndex({ name: 'IDX_daily_activity_status_updated', columnNames: ['status', 'updated_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('daily_activity', 'IDX_daily_activity_status_updated');
    await queryRunner.dropTable('scheduler_lease');
  }
}
