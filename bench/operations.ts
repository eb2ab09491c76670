/**
 * The five operations of `docs/performance.md` as the GraphQL documents a frontend sends. The baseline
 * (`baseline.ts`) receives the very same request bodies and dispatches on `operationName`, so both servers get
 * identical bytes in and are compared on the `data` they send back.
 */

export type OperationName = 'O1' | 'O2' | 'O3' | 'O4' | 'O5';

export const OPERATIONS: readonly OperationName[] = ['O1', 'O2', 'O3', 'O4', 'O5'];

/** Which operations must answer byte-for-byte the same `data` on both servers before anything is timed. */
export const VERIFIED: ReadonlySet<OperationName> = new Set(['O1', 'O2', 'O3']);

/**
 * O1, a supervisor's team dashboard: the first `n` direct reports, each with the current plan, its indicators
 * with their target and latest realization, and the latest feedback (the appraiser's feedback on that latest
 * realization: `Appraisal.feedback` has no page argument, so "latest" is read through the latest realization).
 */
export const O1_DOCUMENT = `query O1($n: Int!) { viewer { team(first: $n) { totalCount nodes { id displayName positionTitle
  currentAppraisal { id status workResultPlans { kind indicators { id text targetValue targetUnit
    latestRealization { subPeriod value feedback { text } } } } } } } } }`;

/** O2, an employee's own plan in detail: indicators with every realization, feedback, behaviour expectations and ratings. */
export const O2_DOCUMENT = `query O2 { viewer { currentAppraisal { id status version
  workResultPlans { id kind text indicators { id text targetValue targetUnit realizations { id subPeriod value statement narrative version } } }
  feedback { id text targetKind reply }
  behaviors { coreValue specificExpectation }
  evaluations { id kind subPeriod resultRating behaviorRating predikat } } } }`;

/**
 * O3, analytics over a unit subtree for a year (`docs/performance.md`): the predikat distribution and the workflow
 * completion per unit, over the region's root unit, by an HR admin. Each of the two fields is one aggregate
 * statement in the service (`analytics.service.ts`), whatever the number of units.
 */
export const O3_DOCUMENT = `query O3($unitId: ID!, $periodId: ID!) { analytics(unitId: $unitId, periodId: $periodId, breakdown: UNIT) {
  distribution { key label employees pending counts { predikat count share } unitRating violations { rule count total } }
  completion { key label employees draft submitted returned approved revising evaluated final planningOverdue evaluationOverdue } } }`;

/** O4, correcting a realization: a write with a version check and an audit row, in one transaction. */
export const O4_DOCUMENT = `mutation O4($input: RecordRealizationInput!) { recordRealization(input: $input) {
  realization { id subPeriod value version } userErrors { code field message currentVersion } } }`;

/** O5, one employee by global id with a few directory fields: the fixed cost of a request. */
export const O5_DOCUMENT = `query O5($id: ID!) { node(id: $id) { id ... on Employee { displayName positionTitle unit { name } } } }`;

export const DOCUMENTS: Record<OperationName, string> = {
  O1: O1_DOCUMENT,
  O2: O2_DOCUMENT,
  O3: O3_DOCUMENT,
  O4: O4_DOCUMENT,
  O5: O5_DOCUMENT,
};

/** What each operation is, for the table. */
export const DESCRIPTIONS: Record<OperationName, string> = {
  O1: 'team dashboard (50 reports)',
  O2: 'own plan in detail',
  O3: 'analytics per unit (root, year)',
  O4: 'correct a realization (write)',
  O5: 'node(id:) of one employee',
};

/** The JSON body both servers receive. */
export function requestBody(operation: OperationName, variables: Record<string, unknown>): string {
  return JSON.stringify({ operationName: operation, query: DOCUMENTS[operation], variables });
}

/** Opaque global ids, as the service mints them (base64url of `Type:id`). */
export function globalId(typeName: string, id: number | string): string {
  return Buffer.from(`${typeName}:${id}`, 'utf8').toString('base64url');
}

/** The value O4 writes for a realization at a given version: changes every time, so every UPDATE really writes. */
export function o4Value(version: number): number {
  return (version % 20) + 1;
}
