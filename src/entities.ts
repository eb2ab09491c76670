import { AuditEntry } from './modules/audit/audit-entry.entity';
import { EmployeeClosure } from './modules/employee/employee-closure.entity';
import { Employee } from './modules/employee/employee.entity';
import { ExternalOfficial } from './modules/official/external-official.entity';
import { UnitClosure } from './modules/unit/unit-closure.entity';
import { Unit } from './modules/unit/unit.entity';
import { LockRow } from './core/database/lock-row.entity';
import { PerformancePeriod } from './modules/period/performance-period.entity';
import { Appraisal } from './modules/appraisal/appraisal.entity';
import { AppraisalTransition } from './modules/appraisal/appraisal-transition.entity';
import { WorkResultPlan } from './modules/work-plan/work-result-plan.entity';
import { Indicator } from './modules/work-plan/indicator.entity';
import { BehaviorExpectation } from './modules/work-plan/behavior-expectation.entity';
import { Realization } from './modules/realization/realization.entity';
import { DailyActivity } from './modules/activity/daily-activity.entity';
import { Feedback } from './modules/feedback/feedback.entity';
import { Evaluation } from './modules/evaluation/evaluation.entity';
import { EvaluationBehavior } from './modules/evaluation/evaluation-behavior.entity';
import { UnitRating } from './modules/evaluation/unit-rating.entity';
import { Objection } from './modules/evaluation/objection.entity';
import { Competency } from './modules/competency/competency.entity';
import { PositionRequirement } from './modules/competency/position-requirement.entity';
import { CompetencyAssessment } from './modules/competency/competency-assessment.entity';
import { DevelopmentSuggestion } from './modules/competency/development-suggestion.entity';
import { PotentialRating } from './modules/competency/potential-rating.entity';
import { ReportingCellRow } from './modules/analytics/reporting-cell.entity';
import { IdempotencyRecord } from './core/idempotency/idempotency-record.entity';
import { OutboxEvent } from './modules/outbox/outbox-event.entity';
import { SchedulerLease } from './modules/reminder/scheduler-lease.entity';
import { SiasnSync } from './modules/siasn/siasn-sync.entity';
import { WebhookEndpoint } from './modules/webhook/webhook-endpoint.entity';
import { WebhookDelivery } from './modules/webhook/webhook-delivery.entity';

/** Every TypeORM entity; the schema itself is built only by `migrations/`. */
export const entities = [
  Unit,
  UnitClosure,
  ExternalOfficial,
  Employee,
  EmployeeClosure,
  AuditEntry,
  LockRow,
  PerformancePeriod,
  Appraisal,
  AppraisalTransition,
  WorkResultPlan,
  Indicator,
  BehaviorExpectation,
  Realization,
  DailyActivity,
  Feedback,
  Evaluation,
  EvaluationBehavior,
  UnitRating,
  Objection,
  Competency,
  PositionRequirement,
  CompetencyAssessment,
  DevelopmentSuggestion,
  PotentialRating,
  ReportingCellRow,
  IdempotencyRecord,
  OutboxEvent,
  SchedulerLease,
  SiasnSync,
  WebhookEndpoint,
  WebhookDelivery,
];
