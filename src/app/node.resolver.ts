import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { type RequestContext } from '../core/context/request-context';
import { badUserInput } from '../core/errors/app-error';
import { MAX_PAGE_SIZE } from '../core/graphql/connection';
import { Node, NodeRegistry } from '../core/graphql/node';
import { Allow } from '../core/policy/allow';
import { Permission } from '../core/policy/permission';
import { Employee } from '../modules/employee/employee.entity';
import { employeeService } from '../modules/employee/employee.service';
import { ExternalOfficial } from '../modules/official/external-official.entity';
import { externalOfficialService } from '../modules/official/external-official.service';
import { Unit } from '../modules/unit/unit.entity';
import { unitService } from '../modules/unit/unit.service';
import { PerformancePeriod } from '../modules/period/performance-period.entity';
import { periodService } from '../modules/period/period.service';
import { Appraisal } from '../modules/appraisal/appraisal.entity';
import { appraisalService } from '../modules/appraisal/appraisal.service';
import { WorkResultPlan } from '../modules/work-plan/work-result-plan.entity';
import { Indicator } from '../modules/work-plan/indicator.entity';
import { workPlanService } from '../modules/work-plan/work-plan.service';
import { Realization } from '../modules/realization/realization.entity';
import { realizationService } from '../modules/realization/realization.service';
import { DailyActivity } from '../modules/activity/daily-activity.entity';
import { activityService } from '../modules/activity/activity.service';
import { Feedback } from '../modules/feedback/feedback.entity';
import { feedbackService } from '../modules/feedback/feedback.service';
import { Evaluation } from '../modules/evaluation/evaluation.entity';
import { Objection } from '../modules/evaluation/objection.entity';
import { UnitRating } from '../modules/evaluation/unit-rating.entity';
import { evaluationService } from '../modules/evaluation/evaluation.service';
import { Competency } from '../modules/competency/competency.entity';
import { PositionRequirement } from '../modules/competency/position-requirement.entity';
import { CompetencyAssessment } from '../modules/competency/competency-assessment.entity';
import { DevelopmentSuggestion } from '../modules/competency/development-suggestion.entity';
import { PotentialRating } from '../modules/competency/potential-rating.entity';
import { competencyService } from '../modules/competency/competency.service';
import { assessmentService } from '../modules/competency/assessment.service';
import { developmentService } from '../modules/competency/development.service';
import { Reminder } from '../modules/reminder/reminder.types';
import { reminderService } from '../modules/reminder/reminder.service';

/** Every Node type and how to load it: through its service, so the same read policy applies as on every path. */
export const nodeRegistry = new NodeRegistry([
  { typeName: Unit.typeName, load: (ctx, ids) => unitService.getMany(ctx, ids) },
  { typeName: Employee.typeName, load: (ctx, ids) => employeeService.getMany(ctx, ids) },
  { typeName: ExternalOfficial.typeName, load: (ctx, ids) => externalOfficialService.getMany(ctx, ids) },
  { typeName: PerformancePeriod.typeName, load: (ctx, ids) => periodService.getMany(ctx, ids) },
  { typeName: Appraisal.typeName, load: (ctx, ids) => appraisalService.getMany(ctx, ids) },
  { typeName: WorkResultPlan.typeName, load: (ctx, ids) => workPlanService.getMany(ctx, ids) },
  { typeName: Indicator.typeName, load: (ctx, ids) => workPlanService.getIndicators(ctx, ids) },
  { typeName: Realization.typeName, load: (ctx, ids) => realizationService.getMany(ctx, ids) },
  { typeName: DailyActivity.typeName, load: (ctx, ids) => activityService.getMany(ctx, ids) },
  { typeName: Feedback.typeName, load: (ctx, ids) => feedbackService.getMany(ctx, ids) },
  { typeName: Evaluation.typeName, load: (ctx, ids) => evaluationService.getMany(ctx, ids) },
  { typeName: Objection.typeName, load: (ctx, ids) => evaluationService.getObjections(ctx, ids) },
  { typeName: UnitRating.typeName, load: (ctx, ids) => evaluationService.getUnitRatings(ctx, ids) },
  { typeName: Competency.typeName, load: (ctx, ids) => competencyService.getMany(ctx, ids) },
  { typeName: PositionRequirement.typeName, load: (ctx, ids) => competencyService.getRequirements(ctx, ids) },
  { typeName: CompetencyAssessment.typeName, load: (ctx, ids) => assessmentService.getMany(ctx, ids) },
  { typeName: DevelopmentSuggestion.typeName, load: (ctx, ids) => developmentService.getSuggestions(ctx, ids) },
  { typeName: PotentialRating.typeName, load: (ctx, ids) => developmentService.getPotentialRatings(ctx, ids) },
  { typeName: Reminder.typeName, load: (ctx, ids) => reminderService.getMany(ctx, ids) },
]);

@Resolver()
export class NodeResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by global id; null if it does not exist or you may not see it.',
  })
  async node(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'A global id.' }) id: string,
  ): Promise<Node | null> {
    return ((await nodeRegistry.resolve(ctx, [id]))[0] ?? null) as Node | null;
  }

  @Allow(Permission.SIGNED_IN)
  @Query(() => [Node], {
    nullable: 'items',
    description: `Many objects by global id (at most ${MAX_PAGE_SIZE}), in the order asked; null where absent or not visible.`,
  })
  async nodes(
    @Ctx() ctx: RequestContext,
    @Arg('ids', () => [ID], { description: 'Global ids, at most 100.' }) ids: string[],
  ): Promise<(Node | null)[]> {
    if (ids.length > MAX_PAGE_SIZE)
      throw badUserInput(`Ask for at most ${MAX_PAGE_SIZE} ids at once.`, { argument: 'ids' });
    return (await nodeRegistry.resolve(ctx, ids)) as (Node | null)[];
  }
}
