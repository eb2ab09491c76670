import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { UserError, UserErrorCode, UserErrorsException } from '../errors/user-error';

/**
 * Updates one row only if its stored version is still `expectedVersion`, in the UPDATE itself
 * (`WHERE id = ? AND version = ?`, affected rows checked), and bumps the version. TypeORM's `save()` with
 * `@VersionColumn` does not do this and loses concurrent updates
 * (`docs/adr/0008-conditional-update-versions.md`).
 * Throws CONFLICT (with the stored version) when someone else changed the row first.
 */
export async function updateVersioned<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  id: number,
  expectedVersion: number,
  changes: Record<string, unknown>,
  field: string[] = ['input', 'expectedVersion'],
): Promise<void> {
  const result = await em
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' } as QueryDeepPartialEntity<T>)
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
    .execute();
  if (result.affected === 1) return;
  const read = em
    .getRepository(entity)
    .createQueryBuilder('row')
    .select('row.version', 'version')
    .where('row.id = :id', { id });
  // A locking read sees the latest committed version, not this transaction's older snapshot (MySQL).
  if (em.connection.driver.options.type !== 'better-sqlite3') read.setLock('pessimistic_read');
  const current = await read.getRawOne<{ version: number | string }>();
  const currentVersion = current ? Number(current.version) : undefined;
  if (currentVersion === undefined)
    throw new UserErrorsException([
      UserError.of(
        UserErrorCode.NOT_FOUND,
        { id: 'Data tersebut sudah tidak ada.', en: 'The record no longer exists.' },
        field,
      ),
    ]);
  assertExpectedVersion(currentVersion, expectedVersion, field);
  // The row exists with the expected version yet was not updated: only a concurrent change explains it.
  throw new UserErrorsException([
    UserError.of(
      UserErrorCode.CONFLICT,
      {
        id: 'Data diubah orang lain pada saat yang sama. Muat ulang lalu coba lagi.',
        en: 'The record was changed concurrently. Reload and try again.',
      },
      field,
      currentVersion,
    ),
  ]);
}

/** For a change that turned out to change nothing: still refuse a stale `expectedVersion`, as the update would. */
export function assertExpectedVersion(
  currentVersion: number,
  expectedVersion: number,
  field: string[] = ['input', 'expectedVersion'],
): void {
  if (currentVersion === expectedVersion) return;
  throw new UserErrorsException([
    UserError.of(
      UserErrorCode.CONFLICT,
      {
        id: `Data sudah diubah orang lain (versi ${currentVersion}, Anda mengharapkan ${expectedVersion}). Muat ulang lalu coba lagi.`,
        en: `The record was changed by someone else (version ${currentVersion}, you expected ${expectedVersion}). Reload and try again.`,
      },
      field,
      currentVersion,
    ),
  ]);
}
