import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * `daily_activity.client_id` and `written_at`: entries written offline and sent by `syncActivities` carry the id
 * the device gave them and when they were written. The id is unique per employee, so a resent entry finds the one
 * recorded before instead of making a second (entries recorded online have neither: NULLs never collide).
 */
export class ActivityClientIds1764418000000 implements MigrationInterface {
  name = 'ActivityClientIds1764418000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('daily_activity', [
      new TableColumn({ name: 'client_id', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'written_at', type: 'datetime', isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'daily_activity',
      new TableIndex({ name: 'UQ_daily_activity_client', columnNames: ['employee_id', 'client_id'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('daily_activity', 'UQ_daily_activity_client');
    await queryRunner.dropColumns('daily_activity', ['client_id', 'written_at']);
  }
}
