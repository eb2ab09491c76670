import { In } from 'typeorm';
import { type RequestContext } from '../context/request-context';

/** A result field as kept: a record by entity name and key (re-read on a resend), a list of them, or a plain value. */
type StoredField = { entity: string; id: number } | { entities: string; ids: number[] } | { value: unknown };

interface RecordRef {
  entity: string;
  /** The property of its single numeric primary key (`rowId` on Node entities, whose `id` is the global id). */
  key: string;
  id: number;
}

/** A TypeORM record with a single numeric primary key, as a reference; else undefined. */
function referenceTo(tx: RequestContext, value: unknown): RecordRef | undefined {
  if (value === null || typeof value !== 'object' || !tx.em.connection.hasMetadata(value.constructor)) return undefined;
  const metadata = tx.em.connection.getMetadata(value.constructor);
  const [primary, ...more] = metadata.primaryColumns;
  if (!primary || more.length > 0) return undefined;
  const id = (value as Record<string, unknown>)[primary.propertyName];
  return typeof id === 'number' ? { entity: metadata.name, key: primary.propertyName, id } : undefined;
}

const keyOf = (tx: RequestContext, entity: string): string =>
  tx.em.connection.getMetadata(entity).primaryColumns[0]!.propertyName;

/**
 * What a mutation's work returned (`{ activity }`, `{ appraisal, indicator }`, `{ created, skipped }`), as JSON:
 * records by reference, so that a resend shows them as they are now, through the same field resolvers.
 */
export function storedResult(tx: RequestContext, result: object): string {
  const fields: Record<string, StoredField> = {};
  for (const [name, value] of Object.entries(result)) {
    const ref = referenceTo(tx, value);
    const refs = Array.isArray(value) && value.length > 0 ? value.map((v) => referenceTo(tx, v)) : [];
    if (ref) {
      fields[name] = { entity: ref.entity, id: ref.id };
    } else if (refs.length > 0 && refs.every((r) => r !== undefined && r.entity === refs[0]!.entity)) {
      fields[name] = { entities: refs[0]!.entity, ids: refs.map((r) => r!.id) };
    } else {
      fields[name] = { value };
    }
  }
  return JSON.stringify(fields);
}

/** The stored result with its records read again in the caller's transaction (a record since deleted: null). */
export async function replayedResult<T extends object>(tx: RequestContext, stored: string): Promise<T> {
  const fields = JSON.parse(stored) as Record<string, StoredField>;
  const result: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    if ('entity' in field) {
      result[name] = await tx.em.getRepository(field.entity).findOneBy({ [keyOf(tx, field.entity)]: field.id });
    } else if ('entities' in field) {
      const key = keyOf(tx, field.entities);
      const rows = await tx.em.getRepository(field.entities).findBy({ [key]: In(field.ids) });
      const byId = new Map(rows.map((row) => [(row as Record<string, unknown>)[key], row]));
      result[name] = field.ids.map((id) => byId.get(id)).filter((row) => row !== undefined);
    } else {
      result[name] = field.value;
    }
  }
  return result as T;
}
