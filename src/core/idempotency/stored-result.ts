import { In } from 'typeorm';
import { type RequestContext } from '../context/request-context';

/** A result field as kept: a record by entity name and id (re-read on a resend), a list of them, or a plain value. */
type StoredField = { entity: string; id: number } | { entities: string; ids: number[] } | { value: unknown };

/** The entity name of a TypeORM record with a numeric `id`, else undefined. */
function entityName(tx: RequestContext, value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || !tx.em.connection.hasMetadata(value.constructor)) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'number' ? tx.em.connection.getMetadata(value.constructor).name : undefined;
}

/**
 * What a mutation's work returned (`{ activity }`, `{ appraisal, indicator }`, `{ created, skipped }`), as JSON:
 * records by reference, so that a resend shows them as they are now, through the same field resolvers.
 */
export function storedResult(tx: RequestContext, result: object): string {
  const fields: Record<string, StoredField> = {};
  for (const [name, value] of Object.entries(result)) {
    const entity = entityName(tx, value);
    if (entity) {
      fields[name] = { entity, id: (value as { id: number }).id };
    } else if (
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((v) => entityName(tx, v) === entityName(tx, value[0]) && entityName(tx, v))
    ) {
      fields[name] = { entities: entityName(tx, value[0])!, ids: value.map((v: { id: number }) => v.id) };
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
      result[name] = await tx.em.getRepository(field.entity).findOneBy({ id: field.id });
    } else if ('entities' in field) {
      const rows = await tx.em.getRepository(field.entities).findBy({ id: In(field.ids) });
      const byId = new Map(rows.map((row) => [(row as { id: number }).id, row]));
      result[name] = field.ids.map((id) => byId.get(id)).filter((row) => row !== undefined);
    } else {
      result[name] = field.value;
    }
  }
  return result as T;
}
