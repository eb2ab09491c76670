import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * `webhook_endpoint` (where events go, with their secret and owner's scope) and `webhook_delivery` (one row per
 * event and endpoint, unique, so that fanning out twice creates nothing twice).
 */
export class Webhooks1764421000000 implements MigrationInterface {
  name = 'Webhooks1764421000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'webhook_endpoint',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'owner_kind', type: 'varchar', length: '16' },
          { name: 'owner_subject', type: 'varchar', length: '191' },
          { name: 'owner_employee_id', type: 'integer', isNullable: true },
          { name: 'scope_unit_id', type: 'integer', isNullable: true },
          { name: 'url', type: 'varchar', length: '2048' },
          { name: 'event_types', type: 'text' },
          { name: 'secret', type: 'varchar', length: '64' },
          { name: 'enabled', type: 'boolean' },
          { name: 'last_event_id', type: 'integer' },
          { name: 'version', type: 'integer' },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_webhook_endpoint_owner', columnNames: ['owner_subject'] },
          { name: 'IDX_webhook_endpoint_scope', columnNames: ['scope_unit_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_delivery',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'endpoint_id', type: 'integer' },
          { name: 'outbox_event_id', type: 'integer' },
          { name: 'event_id', type: 'varchar', length: '40' },
          { name: 'event_type', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer' },
          { name: 'next_attempt_at', type: 'datetime' },
          { name: 'claim_token', type: 'varchar', length: '40', isNullable: true },
          { name: 'last_status_code', type: 'integer', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'delivered_at', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [
          {
            name: 'IDX_webhook_delivery_endpoint_event',
            columnNames: ['endpoint_id', 'outbox_event_id'],
            isUnique: true,
          },
          { name: 'IDX_webhook_delivery_due', columnNames: ['status', 'next_attempt_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_delivery');
    await queryRunner.dropTable('webhook_endpoint');
  }
}
