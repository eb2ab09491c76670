import { Organisation1764320000000 } from './1764320000000-organisation';
import { TreeLocks1764330000000 } from './1764330000000-tree-locks';
import { PerformancePlanning1764340000000 } from './1764340000000-performance-planning';
import { FollowThroughAndEvaluation1764350000000 } from './1764350000000-follow-through-and-evaluation';
import { CompetencyAndTalent1764360000000 } from './1764360000000-competency-and-talent';
import { PlanProgressVersion1764370000000 } from './1764370000000-plan-progress-version';
import { ClosureDepthIndex1764380000000 } from './1764380000000-closure-depth-index';
import { AnalyticsReportingCells1764390000000 } from './1764390000000-analytics-reporting-cells';
import { EvaluationSupersededOnObjection1764400000000 } from './1764400000000-evaluation-superseded-on-objection';
import { IdempotencyKeys1764417000000 } from './1764417000000-idempotency-keys';
import { ActivityClientIds1764418000000 } from './1764418000000-activity-client-ids';
import { Outbox1764420000000 } from './1764420000000-outbox';
import { Webhooks1764421000000 } from './1764421000000-webhooks';
import { Reminders1764422000000 } from './1764422000000-reminders';
import { Siasn1764423000000 } from './1764423000000-siasn';
import { LockRows1764427000000 } from './1764427000000-lock-rows';

/** Every migration, oldest first. The only way any schema is built, in tests too. */
export const migrations = [
  Organisation1764320000000,
  TreeLocks1764330000000,
  PerformancePlanning1764340000000,
  FollowThroughAndEvaluation1764350000000,
  CompetencyAndTalent1764360000000,
  PlanProgressVersion1764370000000,
  ClosureDepthIndex1764380000000,
  AnalyticsReportingCells1764390000000,
  EvaluationSupersededOnObjection1764400000000,
  IdempotencyKeys1764417000000,
  ActivityClientIds1764418000000,
  Outbox1764420000000,
  Webhooks1764421000000,
  Reminders1764422000000,
  Siasn1764423000000,
  LockRows1764427000000,
];
