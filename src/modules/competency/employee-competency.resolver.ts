import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { type LoaderFactory } from '../../core/context/loader-registry';
import { type RequestContext } from '../../core/context/request-context';
import { idOfType } from '../../core/graphql/global-id';
import { ListSize } from '../../core/graphql/list-size';
import { runMutation } from '../../core/graphql/mutation';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Employee } from '../employee/employee.entity';
import { employeeService } from '../employee/employee.service';
import { PerformancePeriod } from '../period/performance-period.entity';
import { periodService } from '../period/period.service';
import { assessmentService } from './assessment.service';
import { CompetencyAssessment } from './competency-assessment.entity';
import { Competency } from './competency.entity';
import {
  RatePotentialInput,
  RecordCompetencyAssessmentInput,
  SuggestDevelopmentInput,
  UpdateDevelopmentSuggestionInput,
} from './competency.inputs';
import { assessmentById } from './competency.loaders';
import { competencyService } from './competency.service';
import {
  CompetencyProfile,
  CompetencyStanding,
  RatePotentialPayload,
  RecordCompetencyAssessmentPayload,
  SuggestDevelopmentPayload,
  TalentPlacement,
  UpdateDevelopmentSuggestionPayload,
} from './competency.types';
import { DevelopmentSuggestion } from './development-suggestion.entity';
import { developmentService } from './development.service';
import { PotentialRating } from './potential-rating.entity';
import { talentService } from './talent.service';
import { Idempotent } from '../../core/idempotency/idempotent';

const INPUT = { description: 'What to create or change.' };

/** Each employee's placement for one period, computed for the whole batch at once. */
const placementOfEmployee: LoaderFactory<number, TalentPlacement | null, { periodId: number }> = (ctx, { periodId }) =>
  new DataLoader(async (employeeIds) => {
    const period = await periodService.get(ctx, periodId);
    if (!period) return employeeIds.map(() => null);
    const employees = (await Promise.all(employeeIds.map((id) => employeeService.get(ctx, id)))).filter(
      (e): e is Employee => e !== null,
    );
    const placements = await talentService.placements(
      ctx,
      { employeeIds: employees.map((e) => e.rowId) },
      period,
      employees,
    );
    const byId = new Map(placements.map((p) => [p.employee.rowId, p]));
    return employeeIds.map((id) => byId.get(id) ?? null);
  });

@Resolver(() => Employee)
export class EmployeeCompetencyResolver {
  @Allow(Permission.READ_COMPETENCY_PROFILE)
  @FieldResolver(() => CompetencyProfile, {
    nullable: true,
    description:
      'Competencies against the position’s requirements: match, band, gaps. The person, those above them, HR in scope; null for others.',
  })
  async competencyProfile(@Ctx() ctx: RequestContext, @Root() employee: Employee): Promise<CompetencyProfile> {
    const { match } = await assessmentService.profile(ctx, employee);
    return {
      employee,
      matchPercentage: match.percentage,
      band: match.band,
      standings: match.standings,
      gaps: match.gaps,
    };
  }

  @Allow(Permission.READ_COMPETENCY_PROFILE)
  @ListSize(30)
  @FieldResolver(() => [CompetencyAssessment], {
    nullable: true,
    description: 'Every competency assessment, newest first (the history). Same readers as the profile.',
  })
  competencyAssessments(@Ctx() ctx: RequestContext, @Root() employee: Employee): Promise<CompetencyAssessment[]> {
    return assessmentService.history(ctx, employee);
  }

  @Allow(Permission.READ_COMPETENCY_PROFILE)
  @ListSize(10)
  @FieldResolver(() => [DevelopmentSuggestion], {
    nullable: true,
    description: 'Development suggestions, newest first. Same readers as the profile.',
  })
  developmentSuggestions(@Ctx() ctx: RequestContext, @Root() employee: Employee): Promise<DevelopmentSuggestion[]> {
    return developmentService.suggestionsOf(ctx, employee);
  }

  @Allow(Permission.READ_TALENT)
  @FieldResolver(() => TalentPlacement, {
    nullable: true,
    description:
      'The place on the talent matrix for a year. Those above the person and HR in scope; the person only when the region allows it.',
  })
  talentPlacement(
    @Ctx() ctx: RequestContext,
    @Root() employee: Employee,
    @Arg('periodId', () => ID, { description: 'The period.' }) periodId: string,
  ): Promise<TalentPlacement | null> {
    const id = idOfType(periodId, PerformancePeriod.typeName);
    return id === null
      ? Promise.resolve(null)
      : ctx.loaders.get(placementOfEmployee, { periodId: id }).load(employee.rowId);
  }

  @Allow(Permission.SIGNED_IN)
  @Idempotent()
  @Mutation(() => RecordCompetencyAssessmentPayload, {
    description:
      'Records an assessed level: SELF by the employee, SUPERVISOR by someone above them, TEST and ASSESSMENT_CENTRE by HR in scope.',
  })
  recordCompetencyAssessment(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: RecordCompetencyAssessmentInput,
  ): Promise<RecordCompetencyAssessmentPayload> {
    return runMutation(ctx, (tx) => assessmentService.record(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Idempotent()
  @Mutation(() => SuggestDevelopmentPayload, {
    description: 'Suggests a development step (someone above the employee, or HR in scope).',
  })
  suggestDevelopment(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: SuggestDevelopmentInput,
  ): Promise<SuggestDevelopmentPayload> {
    return runMutation(ctx, (tx) => developmentService.suggest(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => UpdateDevelopmentSuggestionPayload, {
    description: 'Moves a development suggestion on (the employee, someone above them, or HR in scope).',
  })
  updateDevelopmentSuggestion(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: UpdateDevelopmentSuggestionInput,
  ): Promise<UpdateDevelopmentSuggestionPayload> {
    return runMutation(ctx, (tx) => developmentService.updateSuggestion(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => RatePotentialPayload, {
    description: 'Rates an employee’s potential for a year (someone above them, or HR in scope).',
  })
  ratePotential(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: RatePotentialInput,
  ): Promise<RatePotentialPayload> {
    return runMutation(ctx, (tx) => developmentService.ratePotential(tx, input));
  }
}

@Resolver(() => CompetencyStanding)
export class CompetencyStandingResolver {
  @FieldResolver(() => Competency, { nullable: true, description: 'The competency.' })
  async competency(@Ctx() ctx: RequestContext, @Root() standing: CompetencyStanding): Promise<Competency | null> {
    return (await competencyService.getMany(ctx, [standing.competencyId]))[0] ?? null;
  }

  @FieldResolver(() => CompetencyAssessment, {
    nullable: true,
    description: 'The assessment the current level comes from.',
  })
  currentAssessment(
    @Ctx() ctx: RequestContext,
    @Root() standing: CompetencyStanding,
  ): Promise<CompetencyAssessment | null> {
    return standing.assessmentId === null
      ? Promise.resolve(null)
      : ctx.loaders.get(assessmentById).load(standing.assessmentId);
  }
}

@Resolver(() => CompetencyAssessment)
export class CompetencyAssessmentResolver {
  @FieldResolver(() => Employee, { nullable: true, description: 'The employee assessed.' })
  employee(@Ctx() ctx: RequestContext, @Root() assessment: CompetencyAssessment): Promise<Employee | null> {
    return employeeService.get(ctx, assessment.employeeId);
  }

  @FieldResolver(() => Competency, { nullable: true, description: 'The competency.' })
  async competency(@Ctx() ctx: RequestContext, @Root() assessment: CompetencyAssessment): Promise<Competency | null> {
    return (await competencyService.getMany(ctx, [assessment.competencyId]))[0] ?? null;
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The assessor, when an employee.' })
  assessor(@Ctx() ctx: RequestContext, @Root() assessment: CompetencyAssessment): Promise<Employee | null> {
    return assessment.assessorEmployeeId === null
      ? Promise.resolve(null)
      : employeeService.get(ctx, assessment.assessorEmployeeId);
  }
}

@Resolver(() => DevelopmentSuggestion)
export class DevelopmentSuggestionResolver {
  @FieldResolver(() => Employee, { nullable: true, description: 'The employee it is for.' })
  employee(@Ctx() ctx: RequestContext, @Root() suggestion: DevelopmentSuggestion): Promise<Employee | null> {
    return employeeService.get(ctx, suggestion.employeeId);
  }

  @FieldResolver(() => Competency, { nullable: true, description: 'The competency it builds, if one.' })
  async competency(@Ctx() ctx: RequestContext, @Root() suggestion: DevelopmentSuggestion): Promise<Competency | null> {
    return suggestion.competencyId === null
      ? null
      : ((await competencyService.getMany(ctx, [suggestion.competencyId]))[0] ?? null);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Who suggested it, when an employee.' })
  author(@Ctx() ctx: RequestContext, @Root() suggestion: DevelopmentSuggestion): Promise<Employee | null> {
    return suggestion.authorEmployeeId === null
      ? Promise.resolve(null)
      : employeeService.get(ctx, suggestion.authorEmployeeId);
  }
}

@Resolver(() => PotentialRating)
export class PotentialRatingResolver {
  @FieldResolver(() => Employee, { nullable: true, description: 'The employee rated.' })
  employee(@Ctx() ctx: RequestContext, @Root() rating: PotentialRating): Promise<Employee | null> {
    return employeeService.get(ctx, rating.employeeId);
  }

  @FieldResolver(() => PerformancePeriod, { nullable: true, description: 'The year.' })
  async period(@Ctx() ctx: RequestContext, @Root() rating: PotentialRating): Promise<PerformancePeriod | null> {
    return (await periodService.getMany(ctx, [rating.periodId]))[0] ?? null;
  }
}

@Resolver(() => TalentPlacement)
export class TalentPlacementResolver {
  @FieldResolver(() => Employee, { description: 'The employee.' })
  employee(@Root() placement: TalentPlacement): Employee {
    return placement.employee;
  }

  @FieldResolver(() => PerformancePeriod, { description: 'The year.' })
  period(@Root() placement: TalentPlacement): PerformancePeriod {
    return placement.period;
  }

  @FieldResolver(() => PotentialRating, { nullable: true, description: 'The supervisor’s potential rating, if given.' })
  potentialRating(@Root() placement: TalentPlacement): PotentialRating | null {
    return placement.potentialRatingRow;
  }
}
