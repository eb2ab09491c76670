import { type GraphQLResponse, type TestApp } from './test-app';

/**
 * Authorization matrices as data: a list of actors, a list of rows (the paths that read an object, or the actions
 * that write one), and a rule saying what each actor gets on each row. This file is the only place such a table is
 * expanded into tests, and the only place that says what "denied" looks like, so that every authorization spec
 * checks the same thing: a denied read returns no data, a denied write returns no data and leaves every row of the
 * database as it was (audit trail included).
 */

/** One expanded case: a row of the table (a path or an action) seen by one actor, and what it must come to. */
export interface MatrixCase<Actor extends string, Row, Outcome> {
  /** The row's name, as the test names it (a path such as `node(id:)`, or an action such as `updateUnit(A1)`). */
  name: string;
  row: Row;
  actor: Actor;
  outcome: Outcome;
}

export interface Matrix<Actor extends string, Row, Outcome> {
  actors: readonly Actor[];
  /** The rows by name, in the order the tests run. */
  rows: Readonly<Record<string, Row>> | ReadonlyArray<readonly [string, Row]>;
  /** What `actor` gets on `row`: the policy under test, written as data or as a small rule. */
  outcome(row: Row, actor: Actor, name: string): Outcome;
  /** The test's name; by default "<row> as <actor>: <outcome>". */
  title?(c: MatrixCase<Actor, Row, Outcome>): string;
  /** Makes the call as the actor and checks the outcome. */
  check(c: MatrixCase<Actor, Row, Outcome>): Promise<void> | void;
}

const rowsOf = <Row>(
  rows: Readonly<Record<string, Row>> | ReadonlyArray<readonly [string, Row]>,
): ReadonlyArray<readonly [string, Row]> =>
  Array.isArray(rows)
    ? (rows as ReadonlyArray<readonly [string, Row]>)
    : Object.entries(rows as Readonly<Record<string, Row>>);

/** The cases of a matrix, row by row and, within a row, actor by actor. */
export function casesOf<Actor extends string, Row, Outcome>(
  matrix: Omit<Matrix<Actor, Row, Outcome>, 'check' | 'title'>,
): Array<MatrixCase<Actor, Row, Outcome>> {
  return rowsOf(matrix.rows).flatMap(([name, row]) =>
    matrix.actors.map((actor) => ({ name, row, actor, outcome: matrix.outcome(row, actor, name) })),
  );
}

/** One test per row × actor. */
export function eachCase<Actor extends string, Row, Outcome>(matrix: Matrix<Actor, Row, Outcome>): void {
  const title = matrix.title ?? ((c) => `${c.name} as ${c.actor}: ${String(c.outcome)}`);
  const cases = casesOf(matrix).map((c) => [title(c), c] as const);
  it.each(cases)('%s', (_title, c) => matrix.check(c));
}

/** One test per actor, for a table with a single row (one query, one subscription, one document). */
export function eachActor<Actor extends string, Outcome>(matrix: {
  actors: readonly Actor[];
  outcome(actor: Actor): Outcome;
  /** The test's name; by default "as <actor>". */
  title?(actor: Actor, outcome: Outcome): string;
  check(actor: Actor, outcome: Outcome): Promise<void> | void;
}): void {
  eachCase({
    actors: matrix.actors,
    rows: [['', null]],
    outcome: (_row, actor) => matrix.outcome(actor),
    title: (c) => matrix.title?.(c.actor, c.outcome) ?? `as ${c.actor}`,
    check: (c) => matrix.check(c.actor, c.outcome),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// What allowed and denied look like
// ---------------------------------------------------------------------------------------------------------------

export const errorCodes = (res: GraphQLResponse<unknown>): unknown[] =>
  (res.body.errors ?? []).map((e) => e.extensions?.code);

/** An anonymous caller: HTTP 401, UNAUTHENTICATED, and no data under any root field. */
export function expectUnauthenticated(res: GraphQLResponse<unknown>): void {
  expect(res.status).toBe(401);
  expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
  const data = (res.body.data ?? {}) as Record<string, unknown>;
  expect(Object.values(data).filter((v) => v !== null)).toEqual([]);
}

/** A read that is answered (what it shows is the path's business): HTTP 200 and no error; returns the data. */
export function expectAnswered<T>(res: GraphQLResponse<T>): T {
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!;
}

/** Every row of `tables`, in a stable order: what a refused write must leave as it was. */
export async function snapshotTables(app: TestApp, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  // `SELECT *`: audit_entry has columns named `before` and `after`, reserved words in MariaDB.
  for (const table of tables) {
    const order = table.endsWith('_closure') ? 'ancestor_id, descendant_id' : 'id';
    result[table] = await app.db.manager.query(
      `SELECT * FROM ${app.db.dataSource.driver.escape(table)} ORDER BY ${order}`,
    );
  }
  return result;
}

export interface UserErrorOut {
  code: string;
  field: string[] | null;
}

/** A mutation's payload: the changed object under its own field, and `userErrors`. */
export type Payload = Record<string, unknown> & { userErrors: UserErrorOut[] };

/**
 * What a write comes to. ALLOWED: done, no userErrors, with its audit row. UNAUTHENTICATED / FORBIDDEN: a GraphQL
 * error and no data. Any other code: the payload's only userError, with no object in the payload.
 */
export type WriteOutcome = 'ALLOWED' | 'UNAUTHENTICATED' | 'FORBIDDEN' | (string & {});

export interface WriteCall<P extends Payload = Payload> {
  res: GraphQLResponse<unknown>;
  /** The payload's field in `data` (the mutation's alias). */
  root: string;
  /** The payload's field for the changed object, null in a refused payload; absent when the payload has none. */
  object?: string;
  /** Every row a write of this kind may touch, before and after the call. */
  before: Record<string, unknown[]>;
  after: Record<string, unknown[]>;
  /** After an allowed call: the change is in the database. */
  verify?(payload: P): Promise<void> | void;
  /** How many audit rows an allowed call writes: `atLeastOne` (the default) or exactly one. */
  audit?: 'atLeastOne' | 'one';
  /** Refusals told otherwise than as the payload's one userError (an import whose row FAILED), by outcome. */
  refusals?: Readonly<Record<string, (payload: P) => void>>;
}

/** Checks a write against its outcome; a refused write must leave `before` and `after` equal. */
export async function expectWrite<P extends Payload>(outcome: WriteOutcome, call: WriteCall<P>): Promise<void> {
  const { res, root, object, before, after } = call;
  const payloadOf = (): P => (res.body.data as Record<string, P | null>)[root]!;
  switch (outcome) {
    case 'UNAUTHENTICATED':
      expectUnauthenticated(res);
      break;
    case 'FORBIDDEN':
      expect(res.status).toBe(200);
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(res.body.data ?? null).toBeNull();
      break;
    case 'ALLOWED': {
      expect(res.body.errors).toBeUndefined();
      const payload = payloadOf();
      expect(payload.userErrors).toEqual([]);
      if (object) expect(payload[object]).not.toBeNull();
      await call.verify?.(payload);
      // Every write goes with its audit row.
      if (call.audit === 'one') expect(after.audit_entry!.length).toBe(before.audit_entry!.length + 1);
      else expect(after.audit_entry!.length).toBeGreaterThan(before.audit_entry!.length);
      break;
    }
    default: {
      expect(res.body.errors).toBeUndefined();
      const payload = payloadOf();
      const refusal = call.refusals?.[outcome];
      if (refusal) {
        refusal(payload);
        break;
      }
      expect(payload.userErrors.map((e) => e.code)).toEqual([outcome]);
      if (object) expect(payload[object] ?? null).toBeNull();
    }
  }
  // A refused write changes nothing: no row of any table it may touch, no audit row.
  if (outcome !== 'ALLOWED') expect(after).toEqual(before);
}

/** The codes of the userErrors in a response's one payload, whatever its alias; the response has no GraphQL error. */
export function userErrorCodes(res: GraphQLResponse<unknown>): string[] {
  expect(res.body.errors).toBeUndefined();
  const [payload] = Object.values((res.body.data ?? {}) as Record<string, Payload | null>);
  return (payload?.userErrors ?? []).map((e) => e.code);
}
