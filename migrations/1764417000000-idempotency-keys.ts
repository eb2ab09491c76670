import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * `idempotency_key`: the answers to create-type mutations sent with an `Idempotency-Key`, so that a resend after
 * a lost answer gets the first answer instead of a second record. Rows older than a day are ignored and purged.
 */
export class IdempotencyKeys1764417000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764417000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_key',
        columns: [
          { name: 'principal', type: 'varchar', length: '120', isPrimary: true },
          { name: 'idem_key', type: 'varchar', length: '100', isPrimary: true },
          { name: 'operation', type: 'varchar', length: '64' },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'result', type: 'text' },
          { name: 'created_at', type: 'datetime' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'idempotency_key',
      new TableIndex({ name: 'IDX_idempotency_key_created', columnNames: ['created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_key');
  }
}
