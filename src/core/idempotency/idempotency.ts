import { createHash } from 'node:crypto';
import { LessThan } from 'typeorm';
import { type Actor } from '../auth/actor';
import { type RequestContext } from '../context/request-context';
import { UserError, UserErrorCode, UserErrorsException } from '../errors/user-error';
import { IdempotencyRecord } from './idempotency-record.entity';
import { storedResult, replayedResult } from './stored-result';

/** How long a key answers a resend; an older record is ignored (and purged). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3600 * 1000;

/** 1–100 characters a client can put in a header without escaping: a UUID, a ULID, `entry-2026-12-07-3`. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,100}$/;

/** A request's `Idempotency-Key` and, once the mutation's resolver is reached, what the key stands for. */
export interface IdempotencyClaim {
  key: string;
  /** The mutation field, set by `@Idempotent()` before its resolver runs. */
  operation?: string;
  requestHash?: string;
}

/** The caller as the key's owner: an employee by id (a NIP can be corrected), a client by its id. */
export function keyOwner(actor: Actor): string {
  const principal = actor.principal;
  if (principal.kind === 'employee') return `employee:${principal.employeeId}`;
  if (principal.kind === 'client') return `client:${principal.clientId}`;
  return 'anonymous';
}

/** The same JSON for the same input whatever order its fields came in; undefined fields left out. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

export function requestHash(operation: string, args: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([operation, canonical(args)]))
    .digest('hex');
}

export const keyReused = (): UserError =>
  UserError.of(UserErrorCode.IDEMPOTENCY_KEY_REUSED, {
    id: 'Idempotency-Key ini sudah dipakai dalam 24 jam terakhir untuk mutasi atau masukan lain; kirim kunci baru.',
    en: 'This Idempotency-Key was used in the last 24 hours for a different mutation or input; send a new key.',
  });

/**
 * Inside the mutation's transaction: the answer stored under the claim's key, re-read, when the same mutation
 * and input were sent with it within the window; a refusal when something else was; undefined when the key is new
 * (or expired: its record is deleted here, so that the insert after the work can take its place).
 */
export async function storedAnswer<T extends object>(
  tx: RequestContext,
  claim: Required<IdempotencyClaim>,
): Promise<T | undefined> {
  const repository = tx.em.getRepository(IdempotencyRecord);
  const where = { principal: keyOwner(tx.actor), key: claim.key };
  const record = await repository.findOneBy(where);
  if (!record) return undefined;
  if (record.createdAt.getTime() <= tx.now().getTime() - IDEMPOTENCY_WINDOW_MS) {
    await repository.delete(where);
    return undefined;
  }
  if (record.operation !== claim.operation || record.requestHash !== claim.requestHash)
    throw new UserErrorsException([keyReused()]);
  return replayedResult<T>(tx, record.result);
}

/** Inside the same transaction, after the work: the record that answers a resend. */
export async function storeAnswer(
  tx: RequestContext,
  claim: Required<IdempotencyClaim>,
  result: object,
): Promise<void> {
  await tx.em.getRepository(IdempotencyRecord).insert({
    principal: keyOwner(tx.actor),
    key: claim.key,
    operation: claim.operation,
    requestHash: claim.requestHash,
    result: storedResult(tx, result),
    createdAt: tx.now(),
  });
}

const PURGE_EVERY_MS = 10 * 60 * 1000;
const lastPurge = new WeakMap<object, number>();

/**
 * Deletes expired records, at most every ten minutes per process and database, after a keyed mutation committed
 * (never inside it: a range delete there would hold locks other writers wait on). A failure is only logged.
 */
export async function purgeExpired(ctx: RequestContext): Promise<void> {
  const now = ctx.now().getTime();
  if (now - (lastPurge.get(ctx.db) ?? 0) < PURGE_EVERY_MS) return;
  lastPurge.set(ctx.db, now);
  try {
    // Through `db.transaction`: on SQLite it waits its turn on the one connection instead of joining a write.
    await ctx.db.transaction((em) =>
      em.getRepository(IdempotencyRecord).delete({ createdAt: LessThan(new Date(now - IDEMPOTENCY_WINDOW_MS)) }),
    );
  } catch (error) {
    ctx.log.warn({ err: error }, 'purging expired idempotency keys failed');
  }
}
