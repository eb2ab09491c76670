import { type GraphQLObjectType, type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { authChecker } from '../core/policy/auth-checker';
import { simplifyPlainFields } from './plain-fields';
import { callFieldResolversDirectly } from './direct-field-resolvers';
import { EmployeeResolver } from '../modules/employee/employee.resolver';
import { ImportResolver } from '../modules/import/import.resolver';
import { ChangesResolver } from '../modules/outbox/changes.resolver';
import { ExternalOfficialResolver } from '../modules/official/external-official.resolver';
import { ServerInfoResolver } from '../modules/server-info/server-info.resolver';
import { UnitResolver } from '../modules/unit/unit.resolver';
import { ViewerResolver } from '../modules/viewer/viewer.resolver';
import { NodeResolver } from './node.resolver';
import { AuditTrailResolver } from './audit-trail.resolver';
import { UserErrorResolver } from '../core/errors/user-error.resolver';
import { PeriodResolver } from '../modules/period/period.resolver';
import { AppraisalResolver } from '../modules/appraisal/appraisal.resolver';
import {
  EmployeeAppraisalsResolver,
  ViewerAppraisalsResolver,
} from '../modules/appraisal/employee-appraisals.resolver';
import { IndicatorResolver, WorkResultPlanResolver } from '../modules/work-plan/work-plan.resolver';
import { IndicatorRealizationsResolver, RealizationResolver } from '../modules/realization/realization.resolver';
import {
  DailyActivityResolver,
  EmployeeActivitiesResolver,
  ViewerActivitiesResolver,
} from '../modules/activity/activity.resolver';
import {
  ActivityFeedbackResolver,
  AppraisalFeedbackResolver,
  FeedbackResolver,
  IndicatorFeedbackResolver,
  RealizationFeedbackResolver,
  ViewerFeedbackResolver,
} from '../modules/feedback/feedback.resolver';
import {
  AppraisalEvaluationsResolver,
  EvaluationResolver,
  UnitEvaluationResolver,
} from '../modules/evaluation/evaluation.resolver';
import { FeedbackSubscriptions } from '../modules/feedback/feedback.subscriptions';
import { ActivitySubscriptions } from '../modules/activity/activity.subscriptions';
import { AppraisalSubscriptions } from '../modules/appraisal/appraisal.subscriptions';
import {
  CompetencyResolver,
  PositionRequirementResolver,
  UnitCompetencyGapResolver,
  UnitCompetencyResolver,
} from '../modules/competency/competency.resolver';
import {
  CompetencyAssessmentResolver,
  CompetencyStandingResolver,
  DevelopmentSuggestionResolver,
  EmployeeCompetencyResolver,
  PotentialRatingResolver,
  TalentPlacementResolver,
} from '../modules/competency/employee-competency.resolver';
import { TalentMatrixResolver } from '../modules/competency/talent.resolver';
import { AppraisalDocumentsResolver } from '../modules/document/document.resolver';
import { AnalyticsResolver, CascadeRowResolver } from '../modules/analytics/analytics.resolver';
import { PersonalDataResolver } from '../modules/personal-data/personal-data.resolver';
import { ReminderResolver } from '../modules/reminder/reminder.resolver';
import { ReminderSubscriptions } from '../modules/reminder/reminder.subscriptions';
import { SiasnResolver } from '../modules/siasn/siasn.resolver';
import { WebhookResolver } from '../modules/webhook/webhook.resolver';

export const resolvers = [
  NodeResolver,
  ServerInfoResolver,
  ViewerResolver,
  UnitResolver,
  EmployeeResolver,
  ExternalOfficialResolver,
  ImportResolver,
  ChangesResolver,
  PeriodResolver,
  AppraisalResolver,
  EmployeeAppraisalsResolver,
  ViewerAppraisalsResolver,
  WorkResultPlanResolver,
  IndicatorResolver,
  RealizationResolver,
  IndicatorRealizationsResolver,
  DailyActivityResolver,
  EmployeeActivitiesResolver,
  ViewerActivitiesResolver,
  FeedbackResolver,
  AppraisalFeedbackResolver,
  RealizationFeedbackResolver,
  ActivityFeedbackResolver,
  IndicatorFeedbackResolver,
  ViewerFeedbackResolver,
  EvaluationResolver,
  AppraisalEvaluationsResolver,
  UnitEvaluationResolver,
  FeedbackSubscriptions,
  ActivitySubscriptions,
  AppraisalSubscriptions,
  CompetencyResolver,
  PositionRequirementResolver,
  UnitCompetencyGapResolver,
  UnitCompetencyResolver,
  EmployeeCompetencyResolver,
  CompetencyStandingResolver,
  CompetencyAssessmentResolver,
  DevelopmentSuggestionResolver,
  PotentialRatingResolver,
  TalentPlacementResolver,
  TalentMatrixResolver,
  AnalyticsResolver,
  CascadeRowResolver,
  AppraisalDocumentsResolver,
  PersonalDataResolver,
  ReminderResolver,
  ReminderSubscriptions,
  SiasnResolver,
  AuditTrailResolver,
  WebhookResolver,
  UserErrorResolver,
] as const;

/**
 * Default deny, enforced when the schema is built: every query, mutation and subscription must declare its
 * permission with `@Allow`, or the service refuses to start. Returns the unguarded operations.
 */
export function unguardedOperations(): string[] {
  const storage = getMetadataStorage();
  const guarded = new Set(storage.authorizedFields.map((a) => `${a.target.name}.${a.fieldName}`));
  return [...storage.queries, ...storage.mutations, ...storage.subscriptions]
    .filter((op) => resolvers.some((r) => r === op.target))
    .filter((op) => !guarded.has(`${op.target.name}.${op.methodName}`))
    .map((op) => `${op.target.name}.${op.methodName}`);
}

/** type-graphql cannot describe the root types; the published contract should. */
function describeRootTypes(schema: GraphQLSchema): void {
  const descriptions: Array<[GraphQLObjectType | null | undefined, string]> = [
    [
      schema.getQueryType(),
      'Reads. Everything but `serverInfo` needs a bearer token; what you may not see reads as null or is left out of lists.',
    ],
    [
      schema.getMutationType(),
      'Changes. Each takes one input and answers with a payload whose `userErrors` list expected failures; the database is unchanged when it is not empty.',
    ],
    [
      schema.getSubscriptionType(),
      'Live events over WebSocket (graphql-transport-ws), under the same policy as queries.',
    ],
  ];
  for (const [type, description] of descriptions) if (type) type.description = description;
}

const unusedPubSub = {
  publish(): void {
    throw new Error('Publish through RequestContext.publish, which waits for the commit');
  },
  subscribe(): never {
    throw new Error('Every subscription declares its own `subscribe`');
  },
};

let built: Promise<GraphQLSchema> | undefined;

/** The GraphQL schema, built once per process from the decorated classes. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= (async () => {
    const schema = await buildSchema({
      resolvers: [...resolvers],
      authChecker,
      // A denied object field reads as null (as if absent); denied operations throw in the auth checker.
      authMode: 'null',
      scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
      validate: false,
      // Every subscription brings its own `subscribe` (events pass the policy there); type-graphql still wants a PubSub.
      pubSub: unusedPubSub,
    });
    describeRootTypes(schema);
    simplifyPlainFields(schema);
    callFieldResolversDirectly(schema);
    const unguarded = unguardedOperations();
    if (unguarded.length > 0)
      throw new Error(`Operations without a policy declaration (@Allow): ${unguarded.join(', ')}`);
    return schema;
  })();
  return built;
}

/** The published contract, as checked in at `schema.graphql`. */
export async function printAppSchema(): Promise<string> {
  const sdl = printSchema(lexicographicSortSchema(await buildAppSchema()));
  return `# Generated from the code by \`npm run schema\`. Do not edit: a test fails when this file and the code differ.\n\n${sdl}\n`;
}
