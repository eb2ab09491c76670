import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * `outbox_event`: the transactional outbox. Every domain event is written here in the transaction of its change;
 * webhooks and the changes feed read it.
 */
export class Outbox1764420000000 implements MigrationInterface {
  name = 'Outbox1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'outbox_event',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'event_id', type: 'varchar', length: '40' },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'occurred_at', type: 'datetime' },
          { name: 'subject_id', type: 'varchar', length: '64' },
          { name: 'unit_id', type: 'integer', isNullable: true },
          { name: 'employee_id', type: 'integer', isNullable: true },
          { name: 'payload', type: 'text' },
          { name: 'dedupe_key', type: 'varchar', length: '191', isNullable: true },
        ],
        indices: [
          { name: 'IDX_outbox_event_event_id', columnNames: ['event_id'], isUnique: true },
          { name: 'IDX_outbox_event_dedupe', columnNames: ['dedupe_key'], isUnique: true },
        ],
      }),
    );
    for (const [name, columnNames] of [
      ['IDX_outbox_event_type', ['type', 'id']],
      ['IDX_outbox_event_unit', ['unit_id', 'id']],
      ['IDX_outbox_event_employee', ['employee_id', 'id']],
    ] as const)
      await queryRunner.createIndex('outbox_event', new TableIndex({ name, columnNames: [...columnNames] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox_event');
  }
}
