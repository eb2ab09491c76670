import { type Employee } from '../../src/modules/employee/employee.entity';
import { type GraphQLResponse } from '../support/test-app';
import { EVALUATION_TABLES, Evaluating } from './evaluation-helpers';
import { type Payload, type PlanOut } from './planning-helpers';

/**
 * Helpers shared by the follow-through e2e files (`docs/domain.md`, The cycle, step 2: realizations with evidence,
 * the daily log, continuous feedback): the mutations over HTTP with their `userErrors`, the fields each test
 * reads back, and a snapshot that also covers the daily log and feedback tables, to assert that a refused
 * change wrote nothing. Not a test file itself (jest matches `*.e2e-spec.ts`).
 */

export interface EvidenceOut {
  title: string;
  url: string;
}

export interface RealizationOut {
  id: string;
  subPeriod: number;
  value: number | null;
  statement: string | null;
  narrative: string | null;
  evidence: EvidenceOut[];
  version: number;
  createdAt: string;
  updatedAt: string;
  indicator: { id: string } | null;
}

export interface FeedbackOut {
  id: string;
  targetKind: string;
  targetId: string | null;
  coreValue: string | null;
  text: string;
  reply: string | null;
  repliedAt: string | null;
  version: number;
  createdAt: string;
  author: { id: string } | null;
  recipient: { id: string } | null;
  appraisal: { id: string } | null;
}

export interface ActivityOut {
  id: string;
  activityDate: string;
  description: string;
  durationMinutes: number;
  evidenceUrl: string | null;
  status: 'SUBMITTED' | 'ACKNOWLEDGED' | 'RETURNED';
  reviewComment: string | null;
  reviewedAt: string | null;
  version: number;
  employee: { id: string } | null;
  indicator: { id: string } | null;
  reviewer: { id: string } | null;
}

export const REALIZATION_FIELDS =
  'id subPeriod value statement narrative evidence { title url } version createdAt updatedAt indicator { id }';
export const FEEDBACK_FIELDS =
  'id targetKind targetId coreValue text reply repliedAt version createdAt author { id } recipient { id } appraisal { id }';
export const ACTIVITY_FIELDS =
  'id activityDate description durationMinutes evidenceUrl status reviewComment reviewedAt version employee { id } indicator { id } reviewer { id }';

export interface ActivityPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ cursor: string; node: ActivityOut }>;
}

export const ACTIVITY_PAGE_FIELDS = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${ACTIVITY_FIELDS} } }`;

/** Every table a follow-through change may write, on top of the planning and evaluation tables. */
export const FOLLOW_THROUGH_TABLES = [...EVALUATION_TABLES, 'daily_activity', 'feedback'] as const;

/** The first indicator (IKI) of a plan's first RHK. */
export const firstIndicator = (plan: PlanOut): string => plan.workResultPlans[0]!.indicators[0]!.id;

/** Evaluation helpers, plus realizations, the daily log and feedback. */
export class FollowThrough extends Evaluating {
  recordRaw(
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<GraphQLResponse<{ r: Payload<{ realization: RealizationOut | null }> }>> {
    return this.raw('recordRealization', input, who, `realization { ${REALIZATION_FIELDS} }`);
  }

  record(
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<Payload<{ realization: RealizationOut | null }>> {
    return this.mutate('recordRealization', input, who, `realization { ${REALIZATION_FIELDS} }`);
  }

  /** Records a realization that must succeed. */
  async recordOk(input: Record<string, unknown>, who: Employee | string): Promise<RealizationOut> {
    return (
      await this.ok<{ realization: RealizationOut }>(
        'recordRealization',
        input,
        who,
        `realization { ${REALIZATION_FIELDS} }`,
      )
    ).realization;
  }

  activityRaw(
    name: 'recordActivity' | 'updateActivity' | 'reviewActivity',
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<GraphQLResponse<{ r: Payload<{ activity: ActivityOut | null }> }>> {
    return this.raw(name, input, who, `activity { ${ACTIVITY_FIELDS} }`);
  }

  activity(
    name: 'recordActivity' | 'updateActivity' | 'reviewActivity',
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<Payload<{ activity: ActivityOut | null }>> {
    return this.mutate(name, input, who, `activity { ${ACTIVITY_FIELDS} }`);
  }

  /** An activity change that must succeed. */
  async activityOk(
    name: 'recordActivity' | 'updateActivity' | 'reviewActivity',
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<ActivityOut> {
    return (await this.ok<{ activity: ActivityOut }>(name, input, who, `activity { ${ACTIVITY_FIELDS} }`)).activity;
  }

  /** Records an entry of `who`'s daily log (defaults for what the test does not care about). */
  logDay(who: Employee, input: Record<string, unknown>): Promise<ActivityOut> {
    return this.activityOk(
      'recordActivity',
      { description: 'Pelayanan imunisasi di posyandu', durationMinutes: 120, ...input },
      who,
    );
  }

  feedbackRaw(
    name: 'giveFeedback' | 'replyToFeedback',
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<GraphQLResponse<{ r: Payload<{ feedback: FeedbackOut | null }> }>> {
    return this.raw(name, input, who, `feedback { ${FEEDBACK_FIELDS} }`);
  }

  feedback(
    name: 'giveFeedback' | 'replyToFeedback',
    input: Record<string, unknown>,
    who: Employee | string,
  ): Promise<Payload<{ feedback: FeedbackOut | null }>> {
    return this.mutate(name, input, who, `feedback { ${FEEDBACK_FIELDS} }`);
  }

  /** Feedback that must be given. */
  async give(input: Record<string, unknown>, who: Employee | string): Promise<FeedbackOut> {
    return (await this.ok<{ feedback: FeedbackOut }>('giveFeedback', input, who, `feedback { ${FEEDBACK_FIELDS} }`))
      .feedback;
  }

  /** Any node as `who`, with `select` spread on it (null when `who` may not read it). */
  async node<T>(id: string, who: Employee | string, select: string): Promise<T | null> {
    const data = await this.app.data<{ node: T | null }>(
      `query($id: ID!) { node(id: $id) { id ${select} } }`,
      { id },
      await this.as(who),
    );
    return data.node;
  }

  /** The GraphQL error codes of a response (FORBIDDEN, UNAUTHENTICATED…). */
  static errorCodes(res: GraphQLResponse<unknown>): Array<string | undefined> {
    return (res.body.errors ?? []).map((e) => e.extensions?.code);
  }

  /** Every row of every table a follow-through change may write. */
  override async snapshot(): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    const escape = (name: string) => this.app.db.dataSource.driver.escape(name);
    for (const table of FOLLOW_THROUGH_TABLES) {
      const order = table.endsWith('_closure') ? 'ancestor_id, descendant_id' : 'id';
      result[table] = await this.app.db.manager.query(`SELECT * FROM ${escape(table)} ORDER BY ${order}`);
    }
    return result;
  }
}
