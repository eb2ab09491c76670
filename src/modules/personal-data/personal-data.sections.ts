import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { toGlobalId } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { activityService } from '../activity/activity.service';
import { DailyActivity } from '../activity/daily-activity.entity';
import { transitionsOf } from '../appraisal/appraisal.loaders';
import { Appraisal } from '../appraisal/appraisal.entity';
import { appraisalService } from '../appraisal/appraisal.service';
import { AuditEntry } from '../audit/audit-entry.entity';
import { assessmentService } from '../competency/assessment.service';
import { CompetencyAssessment } from '../competency/competency-assessment.entity';
import { Competency } from '../competency/competency.entity';
import { competencyById } from '../competency/competency.loaders';
import { DevelopmentSuggestion } from '../competency/development-suggestion.entity';
import { developmentService } from '../competency/development.service';
import { PotentialRating } from '../competency/potential-rating.entity';
import { talentService } from '../competency/talent.service';
import { Employee } from '../employee/employee.entity';
import { employeeById } from '../employee/employee.loaders';
import { type Json, visibleSnapshot, visibleSubject } from '../employee/person-subject';
import { Evaluation } from '../evaluation/evaluation.entity';
import { behaviorAssessmentsOf } from '../evaluation/evaluation.loaders';
import { evaluationService } from '../evaluation/evaluation.service';
import { Objection } from '../evaluation/objection.entity';
import { Feedback, FeedbackTarget } from '../feedback/feedback.entity';
import { feedbackService } from '../feedback/feedback.service';
import { externalOfficialById } from '../official/external-official.loaders';
import { ExternalOfficial } from '../official/external-official.entity';
import { PerformancePeriod } from '../period/performance-period.entity';
import { periodById } from '../period/period.loaders';
import { parseEvidence } from '../realization/evidence';
import { Realization } from '../realization/realization.entity';
import { realizationService } from '../realization/realization.service';
import { Unit } from '../unit/unit.entity';
import { unitById } from '../unit/unit.loaders';
import { Indicator } from '../work-plan/indicator.entity';
import {
  expectationsOf,
  indicatorById,
  indicatorsOf,
  workResultPlanById,
  workResultPlansOf,
} from '../work-plan/work-plan.loaders';
import { WorkResultPlan } from '../work-plan/work-result-plan.entity';

/**
 * Rows read per statement: every section reads its ids a page at a time (keyset on the id), then the page through
 * its service, so memory and each statement's result stay bounded however long the person's record is.
 */
export const PERSONAL_DATA_PAGE = 200;
/** Plans per page: each brings its RHKs, indicators, transitions and expectations (bounded per plan). */
export const PERSONAL_DATA_PLAN_PAGE = 10;
/** Ratings per page: each brings its seven behaviour assessments. */
export const PERSONAL_DATA_RATING_PAGE = 25;

/** A JSON value as written to the file. */
export type { Json };
type JsonObject = { [key: string]: Json };

/** One section of the file: an array written element by element, in id order. */
export interface PersonalDataSection {
  name: string;
  rows(ctx: RequestContext, subject: Employee): AsyncIterable<JsonObject>;
}

/** Another person (or the subject) as the file shows them: by name; the NIP only when the caller may read it. */
async function person(ctx: RequestContext, employeeId: number | null): Promise<JsonObject | null> {
  if (employeeId === null) return null;
  const employee = await ctx.loaders.get(employeeById).load(employeeId);
  if (!employee) return null;
  const nip = (await ctx.policy.can(Permission.READ_EMPLOYEE_PERSONAL, employee)) ? employee.nip : null;
  return { id: employee.id, name: employee.displayName, nip };
}

async function official(ctx: RequestContext, officialId: number | null): Promise<JsonObject | null> {
  if (officialId === null) return null;
  const found = await ctx.loaders.get(externalOfficialById).load(officialId);
  return found
    ? { id: toGlobalId(ExternalOfficial.typeName, found.rowId), name: found.name, positionTitle: found.positionTitle }
    : null;
}

async function unitRef(ctx: RequestContext, unitId: number): Promise<JsonObject | null> {
  const unit = await ctx.loaders.get(unitById).load(unitId);
  return unit ? { id: toGlobalId(Unit.typeName, unit.rowId), code: unit.code, name: unit.name } : null;
}

async function periodRef(ctx: RequestContext, periodId: number): Promise<JsonObject | null> {
  const period = await ctx.loaders.get(periodById).load(periodId);
  return period ? { id: toGlobalId(PerformancePeriod.typeName, period.rowId), year: period.year } : null;
}

const instant = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());
const gid = (typeName: string, id: number | null): string | null => (id === null ? null : toGlobalId(typeName, id));

/**
 * The ids of one section, a page at a time, in id order. `from` names the table as `x` and may join; `where`
 * restricts it to the subject (`?` placeholders, then the id to start after).
 */
async function* idPages(
  ctx: RequestContext,
  from: string,
  where: string,
  params: unknown[],
  page = PERSONAL_DATA_PAGE,
): AsyncGenerator<number[]> {
  let after = 0;
  for (;;) {
    const rows: Array<{ id: number | string }> = await ctx.em.query(
      `SELECT x.id AS id FROM ${from} WHERE ${where} AND x.id > ? ORDER BY x.id LIMIT ${page}`,
      [...params, after],
    );
    if (rows.length > 0) yield rows.map((r) => Number(r.id));
    if (rows.length < page) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

/**
 * Runs `read` on each page with a context of its own loaders (the same request, actor and policy): the loaders'
 * caches are dropped with the page instead of growing with the file.
 */
async function* paged<T>(
  ctx: RequestContext,
  pages: AsyncIterable<number[]>,
  read: (pageCtx: RequestContext, ids: number[]) => Promise<Array<T | null>>,
  write: (pageCtx: RequestContext, row: T) => Promise<JsonObject>,
): AsyncGenerator<JsonObject> {
  for await (const ids of pages) {
    const pageCtx = ctx.withFreshLoaders();
    const rows = (await read(pageCtx, ids)).filter((r): r is T => r !== null);
    // Each row's references load together: one batch per loader for the page.
    for (const row of await Promise.all(rows.map((r) => write(pageCtx, r)))) yield row;
  }
}

/** The subject's own record (one element), with personal fields as the caller may read them. */
async function* employeeSection(ctx: RequestContext, subject: Employee): AsyncGenerator<JsonObject> {
  const personal = await ctx.policy.can(Permission.READ_EMPLOYEE_PERSONAL, subject);
  yield {
    id: subject.id,
    nip: personal ? subject.nip : null,
    name: subject.name,
    titlePrefix: subject.titlePrefix,
    titleSuffix: subject.titleSuffix,
    displayName: subject.displayName,
    employmentType: subject.employmentType,
    grade: personal ? subject.grade : null,
    gender: personal ? subject.gender : null,
    email: personal ? subject.email : null,
    siasnId: personal ? subject.siasnId : null,
    positionTitle: subject.positionTitle,
    positionKind: subject.positionKind,
    unit: await unitRef(ctx, subject.unitId),
    supervisor: await person(ctx, subject.supervisorId),
    externalSupervisor: await official(ctx, subject.externalSupervisorId),
    active: subject.active,
    createdAt: instant(subject.createdAt),
    updatedAt: instant(subject.updatedAt),
  };
}

/** The subject's plans (SKP), each with its RHKs and indicators, behaviour expectations and workflow history. */
async function* appraisalSection(ctx: RequestContext, subject: Employee): AsyncGenerator<JsonObject> {
  const pages = idPages(ctx, 'appraisal x', 'x.employee_id = ?', [subject.rowId], PERSONAL_DATA_PLAN_PAGE);
  for await (const ids of pages) {
    const pageCtx = ctx.withFreshLoaders();
    const plans = (await appraisalService.getMany(pageCtx, ids)).filter((p): p is Appraisal => p !== null);
    // A readable plan's content, history and expectations are read with it (the parent's check covers them).
    const [rhksOf, transitions, expectations] = await Promise.all([
      loadAll(
        pageCtx.loaders.get(workResultPlansOf),
        plans.map((p) => p.rowId),
      ),
      loadAll(
        pageCtx.loaders.get(transitionsOf),
        plans.map((p) => p.rowId),
      ),
      loadAll(
        pageCtx.loaders.get(expectationsOf),
        plans.map((p) => p.rowId),
      ),
    ]);
    const indicators = await loadAll(
      pageCtx.loaders.get(indicatorsOf),
      rhksOf.flat().map((r) => r.rowId),
    );
    const indicatorsByRhk = new Map(rhksOf.flat().map((r, i) => [r.rowId, indicators[i]!]));
    const written = await Promise.all(
      plans.map(async (plan, i): Promise<JsonObject> => ({
        id: plan.id,
        period: await periodRef(pageCtx, plan.periodId),
        status: plan.status,
        form: plan.form,
        approach: plan.approach,
        startDate: plan.startDate,
        endDate: plan.endDate,
        positionTitle: plan.positionTitle,
        positionKind: plan.positionKind,
        grade: plan.grade,
        unit: await unitRef(pageCtx, plan.unitId),
        appraiser: {
          name: plan.appraiserName,
          positionTitle: plan.appraiserPositionTitle,
          employee: await person(pageCtx, plan.appraiserEmployeeId),
          official: await official(pageCtx, plan.appraiserExternalId),
        },
        appraiserSupervisor: {
          name: plan.appraiserSupervisorName,
          positionTitle: plan.appraiserSupervisorPositionTitle,
          employee: await person(pageCtx, plan.appraiserSupervisorEmployeeId),
          official: await official(pageCtx, plan.appraiserSupervisorExternalId),
        },
        resourceSupport: plan.resourceSupport,
        accountabilityScheme: plan.accountabilityScheme,
        consequences: plan.consequences,
        submittedAt: instant(plan.submittedAt),
        approvedAt: instant(plan.approvedAt),
        approvedLate: plan.approvedLate,
        deliveredAt: instant(plan.deliveredAt),
        closedAt: instant(plan.closedAt),
        createdAt: instant(plan.createdAt),
        updatedAt: instant(plan.updatedAt),
        workResultPlans: rhksOf[i]!.map((rhk) => ({
          id: toGlobalId(WorkResultPlan.typeName, rhk.rowId),
          kind: rhk.kind,
          position: rhk.position,
          text: rhk.text,
          supportsId: gid(WorkResultPlan.typeName, rhk.supportsId),
          indicators: (indicatorsByRhk.get(rhk.rowId) ?? []).map((ind) => ({
            id: toGlobalId(Indicator.typeName, ind.rowId),
            position: ind.position,
            text: ind.text,
            aspect: ind.aspect,
            targetValue: ind.targetValue,
            targetUnit: ind.targetUnit,
            targetText: ind.targetText,
            perspective: ind.perspective,
          })),
        })),
        behaviorExpectations: await Promise.all(
          expectations[i]!.map(async (e) => ({
            coreValue: e.coreValue,
            expectation: e.expectation,
            authorSubject: await visibleSubject(pageCtx, e.authorSubject),
          })),
        ),
        transitions: await Promise.all(
          transitions[i]!.map(async (t) => ({
            action: t.action,
            fromStatus: t.fromStatus,
            toStatus: t.toStatus,
            actorSubject: await visibleSubject(pageCtx, t.actorSubject),
            reason: t.reason,
            occurredAt: instant(t.occurredAt),
          })),
        ),
      })),
    );
    for (const row of written) yield row;
  }
}

const realizationSection = (ctx: RequestContext, subject: Employee) =>
  paged<Realization>(
    ctx,
    idPages(ctx, 'realization x JOIN appraisal a ON a.id = x.appraisal_id', 'a.employee_id = ?', [subject.rowId]),
    (c, ids) => realizationService.getMany(c, ids),
    async (_c, r) => ({
      id: toGlobalId(Realization.typeName, r.rowId),
      appraisalId: toGlobalId(Appraisal.typeName, r.appraisalId),
      indicatorId: toGlobalId(Indicator.typeName, r.indicatorId),
      subPeriod: r.subPeriod,
      value: r.value,
      statement: r.statement,
      narrative: r.narrative,
      evidence: parseEvidence(r.evidenceJson).map((e) => ({ ...e }) as JsonObject),
      createdAt: instant(r.createdAt),
      updatedAt: instant(r.updatedAt),
    }),
  );

const activitySection = (ctx: RequestContext, subject: Employee) =>
  paged<DailyActivity>(
    ctx,
    idPages(ctx, 'daily_activity x', 'x.employee_id = ?', [subject.rowId]),
    (c, ids) => activityService.getMany(c, ids),
    async (c, a) => ({
      id: toGlobalId(DailyActivity.typeName, a.rowId),
      date: a.activityDate,
      appraisalId: gid(Appraisal.typeName, a.appraisalId),
      indicatorId: gid(Indicator.typeName, a.indicatorId),
      description: a.description,
      durationMinutes: a.durationMinutes,
      evidenceUrl: a.evidenceUrl,
      status: a.status,
      reviewer: await person(c, a.reviewerEmployeeId),
      reviewComment: a.reviewComment,
      reviewedAt: instant(a.reviewedAt),
      createdAt: instant(a.createdAt),
      updatedAt: instant(a.updatedAt),
    }),
  );

/** The node type a feedback target id names. */
const FEEDBACK_TARGET_TYPE: Record<FeedbackTarget, string> = {
  [FeedbackTarget.APPRAISAL]: Appraisal.typeName,
  [FeedbackTarget.BEHAVIOR]: Appraisal.typeName,
  [FeedbackTarget.INDICATOR]: Indicator.typeName,
  [FeedbackTarget.REALIZATION]: Realization.typeName,
  [FeedbackTarget.ACTIVITY]: DailyActivity.typeName,
};

const feedbackRow = async (c: RequestContext, f: Feedback): Promise<JsonObject> => ({
  id: toGlobalId(Feedback.typeName, f.rowId),
  author: await person(c, f.authorEmployeeId),
  recipient: await person(c, f.recipientEmployeeId),
  appraisalId: gid(Appraisal.typeName, f.appraisalId),
  target: f.targetKind,
  targetId: f.targetId === null ? null : toGlobalId(FEEDBACK_TARGET_TYPE[f.targetKind], f.targetId),
  coreValue: f.coreValue,
  text: f.text,
  reply: f.reply,
  repliedAt: instant(f.repliedAt),
  createdAt: instant(f.createdAt),
  updatedAt: instant(f.updatedAt),
});

const feedbackSection =
  (column: 'recipient_employee_id' | 'author_employee_id') => (ctx: RequestContext, subject: Employee) =>
    paged<Feedback>(
      ctx,
      idPages(ctx, 'feedback x', `x.${column} = ?`, [subject.rowId]),
      (c, ids) => feedbackService.getMany(c, ids),
      feedbackRow,
    );

const evaluationSection = (ctx: RequestContext, subject: Employee) =>
  paged<Evaluation>(
    ctx,
    idPages(
      ctx,
      'evaluation x JOIN appraisal a ON a.id = x.appraisal_id',
      'a.employee_id = ?',
      [subject.rowId],
      PERSONAL_DATA_RATING_PAGE,
    ),
    (c, ids) => evaluationService.getMany(c, ids),
    async (c, e) => ({
      id: toGlobalId(Evaluation.typeName, e.rowId),
      appraisalId: toGlobalId(Appraisal.typeName, e.appraisalId),
      kind: e.kind,
      subPeriod: e.subPeriod,
      resultRating: e.resultRating,
      resultJustification: e.resultJustification,
      suggestedResultRating: e.suggestedResultRating,
      unitRating: e.unitRating,
      behaviorRating: e.behaviorRating,
      predikat: e.predikat,
      creditPoints: e.creditPoints === null ? null : Number(e.creditPoints),
      behaviors: (await c.loaders.get(behaviorAssessmentsOf).load(e.rowId)).map((b) => ({
        coreValue: b.coreValue,
        rating: b.rating,
        feedback: b.feedback,
      })),
      ratedBySubject: await visibleSubject(c, e.ratedBySubject),
      ratedAt: instant(e.ratedAt),
      supersededBy: e.supersededById === null ? null : toGlobalId(Evaluation.typeName, e.supersededById),
      objection: e.objectionId === null ? null : toGlobalId(Objection.typeName, e.objectionId),
      createdAt: instant(e.createdAt),
      updatedAt: instant(e.updatedAt),
    }),
  );

const objectionSection = (ctx: RequestContext, subject: Employee) =>
  paged<Objection>(
    ctx,
    idPages(ctx, 'objection x JOIN appraisal a ON a.id = x.appraisal_id', 'a.employee_id = ?', [subject.rowId]),
    (c, ids) => evaluationService.getObjections(c, ids),
    async (c, o) => ({
      id: toGlobalId(Objection.typeName, o.rowId),
      appraisalId: toGlobalId(Appraisal.typeName, o.appraisalId),
      reason: o.reason,
      filedAt: instant(o.filedAt),
      status: o.status,
      originalResultRating: o.originalResultRating,
      originalBehaviorRating: o.originalBehaviorRating,
      originalPredikat: o.originalPredikat,
      decidedResultRating: o.decidedResultRating,
      decidedBehaviorRating: o.decidedBehaviorRating,
      decidedPredikat: o.decidedPredikat,
      decisionReason: o.decisionReason,
      decidedBySubject: await visibleSubject(c, o.decidedBySubject),
      decidedAt: instant(o.decidedAt),
    }),
  );

async function competencyRef(ctx: RequestContext, competencyId: number | null): Promise<JsonObject | null> {
  if (competencyId === null) return null;
  const found = await ctx.loaders.get(competencyById).load(competencyId);
  return found ? { id: toGlobalId(Competency.typeName, found.rowId), code: found.code, name: found.name } : null;
}

const assessmentSection = (ctx: RequestContext, subject: Employee) =>
  paged<CompetencyAssessment>(
    ctx,
    idPages(ctx, 'competency_assessment x', 'x.employee_id = ?', [subject.rowId]),
    (c, ids) => assessmentService.getMany(c, ids),
    async (c, a) => ({
      id: toGlobalId(CompetencyAssessment.typeName, a.rowId),
      competency: await competencyRef(c, a.competencyId),
      level: a.level,
      method: a.method,
      assessorSubject: await visibleSubject(c, a.assessorSubject),
      assessedOn: a.assessedOn,
      validUntil: a.validUntil,
      evidence: a.evidence,
      createdAt: instant(a.createdAt),
    }),
  );

const suggestionSection = (ctx: RequestContext, subject: Employee) =>
  paged<DevelopmentSuggestion>(
    ctx,
    idPages(ctx, 'development_suggestion x', 'x.employee_id = ?', [subject.rowId]),
    (c, ids) => developmentService.getSuggestions(c, ids),
    async (c, s) => ({
      id: toGlobalId(DevelopmentSuggestion.typeName, s.rowId),
      competency: await competencyRef(c, s.competencyId),
      kind: s.kind,
      description: s.description,
      status: s.status,
      dueDate: s.dueDate,
      authorSubject: await visibleSubject(c, s.authorSubject),
      createdAt: instant(s.createdAt),
      updatedAt: instant(s.updatedAt),
    }),
  );

const potentialSection = (ctx: RequestContext, subject: Employee) =>
  paged<PotentialRating>(
    ctx,
    idPages(ctx, 'potential_rating x', 'x.employee_id = ?', [subject.rowId]),
    (c, ids) => developmentService.getPotentialRatings(c, ids),
    async (c, p) => ({
      id: toGlobalId(PotentialRating.typeName, p.rowId),
      period: await periodRef(c, p.periodId),
      rating: p.rating,
      note: p.note,
      raterSubject: await visibleSubject(c, p.raterSubject),
      createdAt: instant(p.createdAt),
      updatedAt: instant(p.updatedAt),
    }),
  );

/** The talent box of each year the subject has a plan in, where the caller may see it (READ_TALENT). */
async function* talentSection(ctx: RequestContext, subject: Employee): AsyncGenerator<JsonObject> {
  if (!(await ctx.policy.can(Permission.READ_TALENT, subject))) return;
  for await (const periodIds of idPages(
    ctx,
    'performance_period x',
    'EXISTS (SELECT 1 FROM appraisal a WHERE a.period_id = x.id AND a.employee_id = ?)',
    [subject.rowId],
  )) {
    const pageCtx = ctx.withFreshLoaders();
    for (const period of await loadAll(pageCtx.loaders.get(periodById), periodIds)) {
      if (!period) continue;
      const [placement] = await talentService.placements(pageCtx, { employeeIds: [subject.rowId] }, period, [subject]);
      if (!placement) continue;
      yield {
        period: { id: period.id, year: period.year },
        performance: placement.performance,
        matchPercentage: placement.matchPercentage,
        matchBand: placement.matchBand,
        potential: placement.potential,
        box: placement.box,
      };
    }
  }
}

/**
 * The kinds of record an audit entry may be about, each with the subject's records of that kind (SQL naming the
 * record as `x`) and a check that the caller reads them, through the record's own service.
 */
const AUDITED: Array<{
  type: string;
  from: string;
  where: string;
  visible(ctx: RequestContext, ids: number[]): Promise<boolean[]>;
}> = [
  {
    type: Employee.typeName,
    from: 'employee x',
    where: 'x.id = :subjectId',
    visible: async (_c, ids) => ids.map(() => true),
  },
  {
    type: Appraisal.typeName,
    from: 'appraisal x',
    where: 'x.employee_id = :subjectId',
    visible: async (c, ids) => (await appraisalService.getMany(c, ids)).map(Boolean),
  },
  {
    type: WorkResultPlan.typeName,
    from: 'work_result_plan x JOIN appraisal a ON a.id = x.appraisal_id',
    where: 'a.employee_id = :subjectId',
    visible: async (c, ids) => {
      const rhks = await loadAll(c.loaders.get(workResultPlanById), ids);
      return (
        await appraisalService.getMany(
          c,
          rhks.map((r) => r?.appraisalId ?? 0),
        )
      ).map(Boolean);
    },
  },
  {
    type: Indicator.typeName,
    from: 'indicator x JOIN work_result_plan w ON w.id = x.work_result_plan_id JOIN appraisal a ON a.id = w.appraisal_id',
    where: 'a.employee_id = :subjectId',
    visible: async (c, ids) => {
      const indicators = await loadAll(c.loaders.get(indicatorById), ids);
      const rhks = await loadAll(
        c.loaders.get(workResultPlanById),
        indicators.map((i) => i?.workResultPlanId ?? 0),
      );
      return (
        await appraisalService.getMany(
          c,
          rhks.map((r) => r?.appraisalId ?? 0),
        )
      ).map(Boolean);
    },
  },
  {
    type: Realization.typeName,
    from: 'realization x JOIN appraisal a ON a.id = x.appraisal_id',
    where: 'a.employee_id = :subjectId',
    visible: async (c, ids) => (await realizationService.getMany(c, ids)).map(Boolean),
  },
  {
    type: DailyActivity.typeName,
    from: 'daily_activity x',
    where: 'x.employee_id = :subjectId',
    visible: async (c, ids) => (await activityService.getMany(c, ids)).map(Boolean),
  },
  {
    type: Feedback.typeName,
    from: 'feedback x',
    where: '(x.recipient_employee_id = :subjectId OR x.author_employee_id = :subjectId)',
    visible: async (c, ids) => (await feedbackService.getMany(c, ids)).map(Boolean),
  },
  {
    type: Evaluation.typeName,
    from: 'evaluation x JOIN appraisal a ON a.id = x.appraisal_id',
    where: 'a.employee_id = :subjectId',
    visible: async (c, ids) => (await evaluationService.getMany(c, ids)).map(Boolean),
  },
  {
    type: Objection.typeName,
    from: 'objection x JOIN appraisal a ON a.id = x.appraisal_id',
    where: 'a.employee_id = :subjectId',
    visible: async (c, ids) => (await evaluationService.getObjections(c, ids)).map(Boolean),
  },
  {
    type: CompetencyAssessment.typeName,
    from: 'competency_assessment x',
    where: 'x.employee_id = :subjectId',
    visible: async (c, ids) => (await assessmentService.getMany(c, ids)).map(Boolean),
  },
  {
    type: DevelopmentSuggestion.typeName,
    from: 'development_suggestion x',
    where: 'x.employee_id = :subjectId',
    visible: async (c, ids) => (await developmentService.getSuggestions(c, ids)).map(Boolean),
  },
  {
    type: PotentialRating.typeName,
    from: 'potential_rating x',
    where: 'x.employee_id = :subjectId',
    visible: async (c, ids) => (await developmentService.getPotentialRatings(c, ids)).map(Boolean),
  },
];

const snapshot = (ctx: RequestContext, text: string | null): Promise<Json> =>
  text === null ? Promise.resolve(null) : visibleSnapshot(ctx, JSON.parse(text));

/**
 * The audit entries about the subject's records (not the entries of what the subject did to others' records),
 * kind by kind, each kind in id order. An entry shows only when the caller reads the record it is about; its
 * actor and any NIP in its before/after follow the `nip` rule.
 */
async function* auditSection(ctx: RequestContext, subject: Employee): AsyncGenerator<JsonObject> {
  for (const kind of AUDITED) {
    let after = 0;
    for (;;) {
      const rows: AuditEntry[] = await ctx.em
        .getRepository(AuditEntry)
        .createQueryBuilder('ae')
        .where('ae.entity_type = :type', { type: kind.type })
        .andWhere(`ae.entity_id IN (SELECT x.id FROM ${kind.from} WHERE ${kind.where})`, { subjectId: subject.rowId })
        .andWhere('ae.id > :after', { after })
        .orderBy('ae.id', 'ASC')
        .limit(PERSONAL_DATA_PAGE)
        .getMany();
      if (rows.length === 0) break;
      const pageCtx = ctx.withFreshLoaders();
      const entityIds = [...new Set(rows.map((r) => r.entityId))];
      const verdicts = await kind.visible(pageCtx, entityIds);
      const readable = new Set(entityIds.filter((_, i) => verdicts[i]));
      const written = await Promise.all(
        rows
          .filter((r) => readable.has(r.entityId))
          .map(async (r): Promise<JsonObject> => ({
            id: r.id,
            occurredAt: instant(r.occurredAt),
            action: r.action,
            entityType: r.entityType,
            entityId: toGlobalId(r.entityType, r.entityId),
            actorKind: r.actorKind,
            actorSubject: await visibleSubject(pageCtx, r.actorSubject),
            before: await snapshot(pageCtx, r.before),
            after: await snapshot(pageCtx, r.after),
          })),
      );
      for (const row of written) yield row;
      if (rows.length < PERSONAL_DATA_PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
  }
}

/** The file's sections, in the order they are written. */
export const PERSONAL_DATA_SECTIONS: readonly PersonalDataSection[] = [
  { name: 'employee', rows: employeeSection },
  { name: 'appraisals', rows: appraisalSection },
  { name: 'realizations', rows: realizationSection },
  { name: 'dailyActivities', rows: activitySection },
  { name: 'feedbackReceived', rows: feedbackSection('recipient_employee_id') },
  { name: 'feedbackGiven', rows: feedbackSection('author_employee_id') },
  { name: 'evaluations', rows: evaluationSection },
  { name: 'objections', rows: objectionSection },
  { name: 'competencyAssessments', rows: assessmentSection },
  { name: 'developmentSuggestions', rows: suggestionSection },
  { name: 'potentialRatings', rows: potentialSection },
  { name: 'talentPlacements', rows: talentSection },
  { name: 'auditEntries', rows: auditSection },
];
