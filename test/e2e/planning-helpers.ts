import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { type GraphQLResponse, type TestApp } from '../support/test-app';

/**
 * Helpers shared by the performance-planning e2e files (periods, plan content, plan workflow, statement counts):
 * mutations over HTTP with their `userErrors`, named plan builders, and a snapshot of every table a plan change
 * may touch, to assert that a refused change wrote nothing. Not a test file itself (jest matches `*.e2e-spec.ts`).
 */

export interface UserErrorOut {
  code: string;
  field: string[] | null;
  message: string;
  currentVersion: number | null;
}

export interface IndicatorOut {
  id: string;
  position: number;
  text: string;
  aspect: string | null;
  targetValue: number | null;
  targetUnit: string | null;
  targetText: string | null;
  perspective: string | null;
}

export interface RhkOut {
  id: string;
  kind: 'MAIN' | 'ADDITIONAL';
  position: number;
  text: string;
  supports: { id: string } | null;
  indicators: IndicatorOut[];
}

export interface TransitionOut {
  action: string;
  fromStatus: string;
  toStatus: string;
  reason: string | null;
  /** Null when the reader may not read that person's NIP. */
  actorSubject: string | null;
  occurredAt: string;
}

export interface BehaviorOut {
  coreValue: string;
  label: string;
  guides: string[];
  specificExpectation: string | null;
}

export interface PlanOut {
  id: string;
  version: number;
  status: string;
  form: string;
  approach: string;
  startDate: string;
  endDate: string;
  positionTitle: string;
  approvedLate: boolean;
  approvedAt: string | null;
  submittedAt: string | null;
  closedAt: string | null;
  appraiserName: string | null;
  appraiserPositionTitle: string | null;
  appraiserSupervisorName: string | null;
  appraiser: { id: string } | null;
  unit: { id: string; name: string } | null;
  period: { id: string; year: number } | null;
  workResultPlans: RhkOut[];
  history: TransitionOut[];
  behaviors: BehaviorOut[];
}

export const PLAN_FIELDS = `id version status form approach startDate endDate positionTitle approvedLate approvedAt submittedAt closedAt
  appraiserName appraiserPositionTitle appraiserSupervisorName appraiser { id } unit { id name } period { id year }
  workResultPlans { id kind position text supports { id } indicators { id position text aspect targetValue targetUnit targetText perspective } }
  history { action fromStatus toStatus reason actorSubject occurredAt }
  behaviors { coreValue label guides specificExpectation }`;

export const USER_ERROR_FIELDS = 'userErrors { code field message currentVersion }';

export type Payload<T = Record<string, unknown>> = T & { userErrors: UserErrorOut[] };

/** Every table a plan or period change may write, in a stable order. */
export const PLANNING_TABLES = [
  'performance_period',
  'appraisal',
  'appraisal_transition',
  'work_result_plan',
  'indicator',
  'behavior_expectation',
  'audit_entry',
  'unit',
  'unit_closure',
  'employee',
  'employee_closure',
  'external_official',
] as const;

export const employeeId = (e: { rowId: number }): string => toGlobalId('Employee', e.rowId);
export const unitId = (u: Unit): string => toGlobalId('Unit', u.rowId);

/** A text of exactly `n` characters (code points) of `ch`, for the length limits. */
export const textOf = (n: number, ch = 'a'): string => ch.repeat(n);

/** Shorthand for the codes and fields of a payload's userErrors. */
export const codes = (p: { userErrors: UserErrorOut[] }): Array<[string, string[] | null]> =>
  p.userErrors.map((e) => [e.code, e.field]);

export class Planning {
  private readonly tokens = new Map<string, Promise<string>>();
  hr!: string;

  constructor(readonly app: TestApp) {}

  /** Mints the region-wide HR token; call once in beforeAll. */
  async init(): Promise<this> {
    this.hr = await this.app.token('bkpsdm-portal', { roles: [Role.HR_ADMIN] });
    return this;
  }

  /** A token for an employee (cached). */
  token(e: Employee): Promise<string> {
    let t = this.tokens.get(e.nip);
    if (!t) {
      t = this.app.token(e.nip);
      this.tokens.set(e.nip, t);
    }
    return t;
  }

  /** Resolves a token: an employee, or an already minted token string. */
  async as(who: Employee | string): Promise<string> {
    return typeof who === 'string' ? who : this.token(who);
  }

  /** Posts a mutation `name(input: $input) { <select> userErrors {…} }` and returns the whole response. */
  async raw<T = Record<string, unknown>>(
    name: string,
    input: Record<string, unknown>,
    who: Employee | string,
    select = '',
  ): Promise<GraphQLResponse<{ r: Payload<T> }>> {
    const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    return this.app.gql<{ r: Payload<T> }>(
      `mutation($input: ${type}!) { r: ${name}(input: $input) { ${select} ${USER_ERROR_FIELDS} } }`,
      { input },
      await this.as(who),
    );
  }

  /** Like `raw`, but fails on any GraphQL error and returns the payload. */
  async mutate<T = Record<string, unknown>>(
    name: string,
    input: Record<string, unknown>,
    who: Employee | string,
    select = '',
  ): Promise<Payload<T>> {
    const res = await this.raw<T>(name, input, who, select);
    if (res.body.errors?.length) throw new Error(`${name}: GraphQL errors ${JSON.stringify(res.body.errors)}`);
    return res.body.data!.r;
  }

  /** Like `mutate`, but fails unless the payload has no userErrors. */
  async ok<T = Record<string, unknown>>(
    name: string,
    input: Record<string, unknown>,
    who: Employee | string,
    select = '',
  ): Promise<Payload<T>> {
    const payload = await this.mutate<T>(name, input, who, select);
    if (payload.userErrors.length) throw new Error(`${name}: userErrors ${JSON.stringify(payload.userErrors)}`);
    return payload;
  }

  async openPeriod(
    year: number,
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; version: number; year: number; status: string }> {
    const p = await this.ok<{ period: { id: string; version: number; year: number; status: string } }>(
      'openPeriod',
      { year, ...extra },
      this.hr,
      'period { id version year status }',
    );
    return p.period;
  }

  /** Moves a period forward step by step until it reaches `status`. */
  async movePeriodTo(period: { id: string }, status: 'RUNNING' | 'EVALUATING' | 'CLOSED'): Promise<number> {
    const order = ['PLANNING', 'RUNNING', 'EVALUATING', 'CLOSED'];
    const current = await this.app.data<{ node: { status: string; version: number } }>(
      'query($id: ID!) { node(id: $id) { ... on PerformancePeriod { status version } } }',
      { id: period.id },
      this.hr,
    );
    let version = current.node.version;
    for (let i = order.indexOf(current.node.status) + 1; i <= order.indexOf(status); i++) {
      const p = await this.ok<{ period: { version: number } }>(
        'changePeriodStatus',
        { id: period.id, expectedVersion: version, status: order[i] },
        this.hr,
        'period { version }',
      );
      version = p.period.version;
    }
    return version;
  }

  /** Reads a plan as someone who may (HR by default). */
  async plan(id: string, who: Employee | string = this.hr): Promise<PlanOut> {
    const data = await this.app.data<{ appraisal: PlanOut | null }>(
      `query($id: ID!) { appraisal(id: $id) { ${PLAN_FIELDS} } }`,
      { id },
      await this.as(who),
    );
    if (!data.appraisal) throw new Error(`plan ${id} not readable`);
    return data.appraisal;
  }

  async createPlan(owner: Employee, input: Record<string, unknown> = {}): Promise<PlanOut> {
    return (await this.ok<{ appraisal: PlanOut }>('createAppraisal', input, owner, `appraisal { ${PLAN_FIELDS} }`))
      .appraisal;
  }

  async addRhk(
    owner: Employee,
    plan: { id: string; version: number },
    input: { kind?: 'MAIN' | 'ADDITIONAL'; text?: string; supportsId?: string | null },
  ): Promise<{ plan: PlanOut; rhk: RhkOut }> {
    const p = await this.ok<{ appraisal: PlanOut; workResultPlan: RhkOut }>(
      'addWorkResultPlan',
      {
        appraisalId: plan.id,
        expectedVersion: plan.version,
        kind: input.kind ?? 'MAIN',
        text: input.text ?? 'Terlaksananya pelayanan kesehatan dasar',
        supportsId: input.supportsId ?? null,
      },
      owner,
      `appraisal { ${PLAN_FIELDS} } workResultPlan { id kind position text supports { id } indicators { id position text aspect targetValue targetUnit targetText perspective } }`,
    );
    return { plan: p.appraisal, rhk: p.workResultPlan };
  }

  async addIndicator(
    owner: Employee,
    rhkId: string,
    version: number,
    values: Record<string, unknown> = {},
  ): Promise<{ plan: PlanOut; indicator: IndicatorOut }> {
    const p = await this.ok<{ appraisal: PlanOut; indicator: IndicatorOut }>(
      'addIndicator',
      {
        workResultPlanId: rhkId,
        expectedVersion: version,
        text: 'Jumlah bayi diimunisasi lengkap',
        aspect: 'QUANTITY',
        targetValue: 120,
        targetUnit: 'bayi',
        ...values,
      },
      owner,
      `appraisal { ${PLAN_FIELDS} } indicator { id position text aspect targetValue targetUnit targetText perspective }`,
    );
    return { plan: p.appraisal, indicator: p.indicator };
  }

  /** A complete plan ready to submit: one main RHK (supporting `supportsId`, if any) with one quantitative IKI. */
  async readyPlan(owner: Employee, supportsId: string | null, input: Record<string, unknown> = {}): Promise<PlanOut> {
    const created = await this.createPlan(owner, input);
    const { plan, rhk } = await this.addRhk(owner, created, { supportsId });
    return (await this.addIndicator(owner, rhk.id, plan.version)).plan;
  }

  /** Takes one workflow step that must succeed; returns the plan after it. */
  async step(
    name: 'submitAppraisal' | 'approveAppraisal' | 'returnAppraisal' | 'reopenAppraisal',
    plan: { id: string; version: number },
    who: Employee | string,
    reason?: string,
  ): Promise<PlanOut> {
    const p = await this.ok<{ appraisal: PlanOut }>(
      name,
      { id: plan.id, expectedVersion: plan.version, ...(reason === undefined ? {} : { reason }) },
      who,
      `appraisal { ${PLAN_FIELDS} }`,
    );
    return p.appraisal;
  }

  /**
   * Brings a ready DRAFT plan to `state` through the workflow: the owner submits, the appraiser approves, returns
   * or reopens.
   */
  async bringTo(
    plan: PlanOut,
    state: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED' | 'REVISING',
    owner: Employee,
    appraiser: Employee,
  ): Promise<PlanOut> {
    if (state === 'DRAFT') return plan;
    let p = await this.step('submitAppraisal', plan, owner);
    if (state === 'RETURNED') p = await this.step('returnAppraisal', p, appraiser, 'Target belum sesuai data sasaran');
    if (state === 'APPROVED' || state === 'REVISING') p = await this.step('approveAppraisal', p, appraiser);
    if (state === 'REVISING') p = await this.step('reopenAppraisal', p, appraiser, 'Sasaran berubah setelah APBD-P');
    return p;
  }

  /** Every row of every planning table, to compare before and after a refused change. */
  async snapshot(): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    const escape = (name: string) => this.app.db.dataSource.driver.escape(name);
    for (const table of PLANNING_TABLES) {
      const order = table.endsWith('_closure') ? 'ancestor_id, descendant_id' : 'id';
      result[table] = await this.app.db.manager.query(`SELECT * FROM ${escape(table)} ORDER BY ${order}`);
    }
    return result;
  }

  /** Runs `work` (a refused change) and asserts that no planning table changed. Returns what `work` returned. */
  async unchanged<T>(work: () => Promise<T>): Promise<T> {
    const before = await this.snapshot();
    const result = await work();
    expect(await this.snapshot()).toEqual(before);
    return result;
  }

  /** Counts rows of a table matching a raw SQL condition (with `?` parameters). */
  async count(table: string, where = '1 = 1', parameters: unknown[] = []): Promise<number> {
    const rows: Array<{ n: number | string }> = await this.app.db.manager.query(
      `SELECT COUNT(*) AS n FROM ${this.app.db.dataSource.driver.escape(table)} WHERE ${where}`,
      parameters,
    );
    return Number(rows[0]!.n);
  }
}

/** The database id inside a global id (for raw SQL in assertions). */
export function dbId(globalId: string): number {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  return Number(decoded.split(':')[1]);
}
