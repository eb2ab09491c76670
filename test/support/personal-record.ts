import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { type Database } from '../../src/core/database/database';
import { ActivityStatus, DailyActivity } from '../../src/modules/activity/daily-activity.entity';
import { AppraisalForm, AppraisalStatus, PlanApproach } from '../../src/modules/appraisal/appraisal-enums';
import { Appraisal } from '../../src/modules/appraisal/appraisal.entity';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import {
  AssessmentMethod,
  DevelopmentKind,
  DevelopmentStatus,
  PotentialLevel,
} from '../../src/modules/competency/competency-enums';
import { CompetencyAssessment } from '../../src/modules/competency/competency-assessment.entity';
import { DevelopmentSuggestion } from '../../src/modules/competency/development-suggestion.entity';
import { PotentialRating } from '../../src/modules/competency/potential-rating.entity';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { EvaluationKind, ExpectationRating, Predikat } from '../../src/modules/evaluation/evaluation-enums';
import { EvaluationBehavior } from '../../src/modules/evaluation/evaluation-behavior.entity';
import { Evaluation } from '../../src/modules/evaluation/evaluation.entity';
import { Objection, ObjectionStatus } from '../../src/modules/evaluation/objection.entity';
import { Feedback, FeedbackTarget } from '../../src/modules/feedback/feedback.entity';
import { EvaluationCadence, PeriodStatus } from '../../src/modules/period/period-enums';
import { PerformancePeriod } from '../../src/modules/period/performance-period.entity';
import { Realization } from '../../src/modules/realization/realization.entity';
import { CoreValue } from '../../src/modules/work-plan/core-values';
import { Indicator } from '../../src/modules/work-plan/indicator.entity';
import { WorkResultKind } from '../../src/modules/work-plan/work-plan-enums';
import { WorkResultPlan } from '../../src/modules/work-plan/work-result-plan.entity';

/** How long a career to write: years of plans (monthly), their content, a stretch of daily logs, feedback. */
export interface RecordSize {
  years: number;
  rhks: number;
  indicatorsPerRhk: number;
  activities: number;
  feedbackReceived: number;
  feedbackGiven: number;
}

/** The people of a long record: its owner, someone they supervise, their appraiser and his supervisor. */
export interface RecordPeople {
  nurse: Employee;
  subordinate: Employee;
  head: Employee;
  kadinkes: Employee;
  unitId: number;
}

/** Inserts entities in chunks (each statement well under SQLite's bound-parameter limit); returns their ids. */
export async function insertAll<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: Array<QueryDeepPartialEntity<T>>,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 100) {
    const result = await em.getRepository(target).insert(rows.slice(i, i + 100));
    // Keyed by property: a Node entity's key is `rowId`, any other table's `id`.
    ids.push(...result.identifiers.map((r) => Number(r.rowId ?? r.id)));
  }
  if (ids.some((id) => !Number.isFinite(id))) throw new Error('insert returned no ids');
  return ids;
}

/**
 * Writes a long record straight into the database (a service call per row would take minutes): monthly plans of
 * `years` years ending in 2027 with their RHK, indicators, twelve realizations each and their audit rows; twelve
 * periodic ratings and an annual one per year (seven behaviour rows each, audited by the appraiser, his NIP in the
 * snapshot); an objection; daily logs; feedback received (half replied) and given; assessments, suggestions and a
 * potential rating, all by the appraiser. Returns how many of each were written (audit rows: those written here).
 */
export async function writeLongRecord(
  db: Database,
  people: RecordPeople,
  size: RecordSize,
): Promise<{ realizations: number; evaluations: number; audits: number }> {
  const { nurse, subordinate, head, kadinkes } = people;
  const years = Array.from({ length: size.years }, (_, i) => 2028 - size.years + i);
  const now = new Date('2027-06-01T00:00:00Z');
  const stamps = { createdAt: now, updatedAt: now };
  let realizations = 0;
  let evaluations = 0;
  let audits = 0;
  await db.transaction(async (em) => {
    const periodIds = await insertAll(
      em,
      PerformancePeriod,
      years.map((y) => ({
        year: y,
        cadence: EvaluationCadence.MONTHLY,
        status: y === years.at(-1) ? PeriodStatus.EVALUATING : PeriodStatus.CLOSED,
        startDate: `${y}-01-01`,
        endDate: `${y}-12-31`,
        planningDeadline: `${y}-01-31`,
        periodicEvaluationDays: 10,
        annualEvaluationDeadline: `${y + 1}-01-31`,
        version: 1,
        ...stamps,
      })),
    );
    const planIds = await insertAll(
      em,
      Appraisal,
      years.map((y, i) => ({
        employeeId: nurse.rowId,
        periodId: periodIds[i]!,
        openPeriodId: periodIds[i]!,
        status: AppraisalStatus.FINAL,
        form: AppraisalForm.JA_JF,
        approach: PlanApproach.QUANTITATIVE,
        startDate: `${y}-01-01`,
        endDate: `${y}-12-31`,
        positionTitle: nurse.positionTitle,
        positionKind: nurse.positionKind,
        grade: 'III/c',
        unitId: people.unitId,
        appraiserEmployeeId: head.rowId,
        appraiserExternalId: null,
        appraiserName: head.name,
        appraiserPositionTitle: head.positionTitle,
        appraiserSupervisorEmployeeId: kadinkes.rowId,
        appraiserSupervisorExternalId: null,
        appraiserSupervisorName: kadinkes.name,
        appraiserSupervisorPositionTitle: kadinkes.positionTitle,
        resourceSupport: null,
        accountabilityScheme: null,
        consequences: null,
        submittedAt: now,
        approvedAt: now,
        approvedLate: false,
        deliveredAt: now,
        closedAt: null,
        version: 5,
        progressVersion: 0,
        ...stamps,
      })),
    );
    for (const planId of planIds) {
      const rhkIds = await insertAll(
        em,
        WorkResultPlan,
        Array.from({ length: size.rhks }, (_, k) => ({
          appraisalId: planId,
          kind: WorkResultKind.MAIN,
          position: k + 1,
          text: `RHK ${k + 1}`,
          supportsId: null,
          ...stamps,
        })),
      );
      const indicatorIds = await insertAll(
        em,
        Indicator,
        rhkIds.flatMap((rhkId) =>
          Array.from({ length: size.indicatorsPerRhk }, (_, k) => ({
            workResultPlanId: rhkId,
            position: k + 1,
            text: `IKI ${k + 1}`,
            aspect: null,
            targetValue: 120,
            targetUnit: 'bayi',
            targetText: null,
            perspective: null,
            ...stamps,
          })),
        ),
      );
      const realizationIds = await insertAll(
        em,
        Realization,
        indicatorIds.flatMap((indicatorId) =>
          Array.from({ length: 12 }, (_, m) => ({
            indicatorId,
            appraisalId: planId,
            subPeriod: m + 1,
            value: 10,
            statement: null,
            narrative: `Bulan ${m + 1}`,
            evidenceJson: '[]',
            version: 1,
            ...stamps,
          })),
        ),
      );
      realizations += realizationIds.length;
      // Each realization recorded by her (audited), each rating by her appraiser, with his NIP in the snapshot.
      await insertAll(
        em,
        AuditEntry,
        realizationIds.map((id) => ({
          occurredAt: now,
          actorKind: 'employee',
          actorEmployeeId: nurse.rowId,
          actorSubject: nurse.nip,
          action: 'REALIZATION_RECORDED',
          entityType: 'Realization',
          entityId: id,
          before: null,
          after: '{"value":10}',
          requestId: null,
        })),
      );
      audits += realizationIds.length;
      const rated = {
        resultRating: ExpectationRating.SESUAI_EKSPEKTASI,
        behaviorRating: ExpectationRating.SESUAI_EKSPEKTASI,
        predikat: Predikat.BAIK,
        ratedByEmployeeId: head.rowId,
        ratedBySubject: head.nip,
        ratedAt: now,
        version: 1,
        ...stamps,
      };
      const evaluationIds = await insertAll(em, Evaluation, [
        ...Array.from({ length: 12 }, (_, m) => ({
          appraisalId: planId,
          kind: EvaluationKind.PERIODIC,
          subPeriod: m + 1,
          resultJustification: null,
          suggestedResultRating: null,
          unitRating: null,
          creditPoints: null,
          ...rated,
        })),
        {
          appraisalId: planId,
          kind: EvaluationKind.ANNUAL,
          subPeriod: 0,
          resultJustification: 'Sesuai',
          suggestedResultRating: null,
          unitRating: null,
          creditPoints: 12.5,
          ...rated,
        },
      ]);
      evaluations += evaluationIds.length;
      await insertAll(
        em,
        EvaluationBehavior,
        evaluationIds.flatMap((evaluationId) =>
          Object.values(CoreValue).map((coreValue) => ({
            evaluationId,
            coreValue,
            rating: ExpectationRating.SESUAI_EKSPEKTASI,
            feedback: 'Baik',
          })),
        ),
      );
      await insertAll(
        em,
        AuditEntry,
        evaluationIds.map((id) => ({
          occurredAt: now,
          actorKind: 'employee',
          actorEmployeeId: head.rowId,
          actorSubject: head.nip,
          action: 'EVALUATION_RECORDED',
          entityType: 'Evaluation',
          entityId: id,
          before: null,
          after: JSON.stringify({ ratedBySubject: head.nip, predikat: 'BAIK' }),
          requestId: null,
        })),
      );
      audits += evaluationIds.length;
    }
    await insertAll(em, Objection, [
      {
        appraisalId: planIds[0]!,
        reason: 'Saya keberatan',
        filedAt: now,
        status: ObjectionStatus.REJECTED,
        originalResultRating: ExpectationRating.SESUAI_EKSPEKTASI,
        originalBehaviorRating: ExpectationRating.SESUAI_EKSPEKTASI,
        originalPredikat: Predikat.BAIK,
        decidedResultRating: null,
        decidedBehaviorRating: null,
        decidedPredikat: null,
        decisionReason: 'Tetap',
        decidedBySubject: kadinkes.nip,
        decidedAt: now,
        version: 2,
        ...stamps,
      },
    ]);
    const lastPlan = planIds.at(-1)!;
    await insertAll(
      em,
      DailyActivity,
      Array.from({ length: size.activities }, (_, d) => ({
        employeeId: nurse.rowId,
        appraisalId: lastPlan,
        indicatorId: null,
        activityDate: new Date(Date.UTC(2027, 0, 1 + d)).toISOString().slice(0, 10),
        description: `Kegiatan hari ke-${d + 1}`,
        durationMinutes: 240,
        evidenceUrl: null,
        status: ActivityStatus.ACKNOWLEDGED,
        reviewComment: null,
        reviewerEmployeeId: head.rowId,
        reviewedAt: now,
        version: 2,
        ...stamps,
      })),
    );
    const feedback = (recipient: Employee, author: Employee, appraisalId: number | null, n: number) => ({
      recipientEmployeeId: recipient.rowId,
      appraisalId,
      authorEmployeeId: author.rowId,
      targetKind: FeedbackTarget.APPRAISAL,
      targetId: appraisalId,
      coreValue: null,
      text: `Umpan balik ${n}`,
      reply: n % 2 ? 'Terima kasih' : null,
      repliedAt: n % 2 ? now : null,
      version: 1,
      ...stamps,
    });
    await insertAll(
      em,
      Feedback,
      Array.from({ length: size.feedbackReceived }, (_, n) => feedback(nurse, head, lastPlan, n)),
    );
    await insertAll(
      em,
      Feedback,
      Array.from({ length: size.feedbackGiven }, (_, n) => ({
        ...feedback(subordinate, nurse, null, n),
        targetKind: FeedbackTarget.BEHAVIOR,
        targetId: null,
      })),
    );
    const competencies: Array<{ id: number | string }> = await em.query('SELECT id FROM competency ORDER BY id');
    await insertAll(
      em,
      CompetencyAssessment,
      competencies.slice(0, 5).map((row) => ({
        employeeId: nurse.rowId,
        competencyId: Number(row.id),
        level: 3,
        method: AssessmentMethod.SUPERVISOR,
        authority: 2,
        assessorSubject: head.nip,
        assessorEmployeeId: head.rowId,
        assessedOn: '2027-03-01',
        validUntil: null,
        evidence: null,
        createdAt: now,
      })),
    );
    await insertAll(
      em,
      DevelopmentSuggestion,
      [1, 2, 3].map((n) => ({
        employeeId: nurse.rowId,
        competencyId: null,
        kind: DevelopmentKind.TRAINING,
        description: `Pelatihan ${n}`,
        status: DevelopmentStatus.PLANNED,
        dueDate: null,
        authorSubject: head.nip,
        authorEmployeeId: head.rowId,
        version: 1,
        ...stamps,
      })),
    );
    await insertAll(em, PotentialRating, [
      {
        employeeId: nurse.rowId,
        periodId: periodIds.at(-1)!,
        rating: PotentialLevel.HIGH,
        note: null,
        raterSubject: head.nip,
        version: 1,
        ...stamps,
      },
    ]);
  });
  return { realizations, evaluations, audits };
}
