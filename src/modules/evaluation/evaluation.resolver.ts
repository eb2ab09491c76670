import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { type RequestContext } from '../../core/context/request-context';
import { idOfType } from '../../core/graphql/global-id';
import { ListSize } from '../../core/graphql/list-size';
import { runMutation } from '../../core/graphql/mutation';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { localDateOf, type LocalDate } from '../../core/time/local-date';
import { Appraisal } from '../appraisal/appraisal.entity';
import { appraisalService } from '../appraisal/appraisal.service';
import { Unit } from '../unit/unit.entity';
import { ExpectationRating } from './evaluation-enums';
import { ANNUAL_SUB_PERIOD, Evaluation } from './evaluation.entity';
import {
  DecideObjectionInput,
  FileObjectionInput,
  FinalizeUnitEvaluationsInput,
  RatePeriodInput,
  RateYearInput,
  SetUnitRatingInput,
} from './evaluation.inputs';
import { evaluationById, objectionById, objectionOf } from './evaluation.loaders';
import { evaluationService } from './evaluation.service';
import {
  BehaviorAssessmentView,
  CurveViolationView,
  DecideObjectionPayload,
  FileObjectionPayload,
  FinalizeUnitEvaluationsPayload,
  RatePeriodPayload,
  RateYearPayload,
  SetUnitRatingPayload,
  UnitEvaluationSummary,
} from './evaluation.types';
import { Objection } from './objection.entity';
import { objectionDeadline } from './objection-window';
import { objectionService } from './objection.service';
import { type CurveViolation } from './distribution-curve';
import { UnitRating } from './unit-rating.entity';
import { unitRatingService } from './unit-rating.service';
import { curveRuleText } from './evaluation.errors';
import { Idempotent } from '../../core/idempotency/idempotent';

const INPUT = { description: 'What to create or change.' };
const violationView = (v: CurveViolation, ctx: RequestContext): CurveViolationView => ({
  rule: curveRuleText(v.bound)[ctx.locale],
  count: v.count,
  total: v.total,
});

@Resolver(() => Evaluation)
export class EvaluationResolver {
  @FieldResolver(() => Appraisal, { nullable: true, description: 'The plan it evaluates.' })
  appraisal(@Ctx() ctx: RequestContext, @Root() evaluation: Evaluation): Promise<Appraisal | null> {
    return appraisalService.get(ctx, evaluation.appraisalId);
  }

  @ListSize(7)
  @FieldResolver(() => [BehaviorAssessmentView], {
    description: 'The seven core values, with what the appraiser said of each.',
  })
  behaviors(@Ctx() ctx: RequestContext, @Root() evaluation: Evaluation): Promise<BehaviorAssessmentView[]> {
    return evaluationService.behaviorsOf(ctx, evaluation) as Promise<BehaviorAssessmentView[]>;
  }

  @FieldResolver(() => Evaluation, {
    nullable: true,
    description: 'The rating decided on an objection to this one, which replaced it; null while this one is in force.',
  })
  async supersededBy(@Ctx() ctx: RequestContext, @Root() evaluation: Evaluation): Promise<Evaluation | null> {
    // Of the same plan as this one, which the caller reads.
    return evaluation.supersededById === null ? null : ctx.loaders.get(evaluationById).load(evaluation.supersededById);
  }

  @FieldResolver(() => Objection, {
    nullable: true,
    description: 'The accepted objection whose decision this rating is; null for the appraiser’s own ratings.',
  })
  objection(@Ctx() ctx: RequestContext, @Root() evaluation: Evaluation): Promise<Objection | null> {
    return evaluation.objectionId === null
      ? Promise.resolve(null)
      : ctx.loaders.get(objectionById).load(evaluation.objectionId);
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => RatePeriodPayload, {
    description: 'Rates a month or quarter of a plan you appraise; its realizations are then closed.',
  })
  ratePeriod(@Ctx() ctx: RequestContext, @Arg('input', INPUT) input: RatePeriodInput): Promise<RatePeriodPayload> {
    return runMutation(ctx, (tx) => evaluationService.ratePeriod(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => RateYearPayload, {
    description:
      'Rates the year of a plan you appraise; the predikat follows the matrix. Re-rating is possible until HR finalizes the unit.',
  })
  rateYear(@Ctx() ctx: RequestContext, @Arg('input', INPUT) input: RateYearInput): Promise<RateYearPayload> {
    return runMutation(ctx, (tx) => evaluationService.rateYear(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => SetUnitRatingPayload, { description: 'Sets a unit’s own rating for a year (HR admins in scope).' })
  setUnitRating(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: SetUnitRatingInput,
  ): Promise<SetUnitRatingPayload> {
    return runMutation(ctx, (tx) => unitRatingService.set(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => FinalizeUnitEvaluationsPayload, {
    description:
      'Checks a unit’s annual ratings against the distribution curve and delivers them (HR admins in scope).',
  })
  async finalizeUnitEvaluations(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: FinalizeUnitEvaluationsInput,
  ): Promise<FinalizeUnitEvaluationsPayload> {
    const result = await runMutation(ctx, (tx) => unitRatingService.finalize(tx, input));
    return { ...result, violations: result.violations?.map((v) => violationView(v, ctx)) ?? null };
  }

  @Allow(Permission.SIGNED_IN)
  @Idempotent()
  @Mutation(() => FileObjectionPayload, {
    description:
      'Objects to your final annual rating within the window (keberatan); the appraiser’s supervisor decides.',
  })
  fileObjection(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: FileObjectionInput,
  ): Promise<FileObjectionPayload> {
    return runMutation(ctx, (tx) => objectionService.file(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => DecideObjectionPayload, { description: 'Decides an objection (the appraiser’s supervisor): final.' })
  decideObjection(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: DecideObjectionInput,
  ): Promise<DecideObjectionPayload> {
    return runMutation(ctx, (tx) => objectionService.decide(tx, input));
  }
}

/** Ratings reached from a plan the caller reads. */
@Resolver(() => Appraisal)
export class AppraisalEvaluationsResolver {
  @ListSize(14)
  @FieldResolver(() => [Evaluation], {
    description:
      'The periodic evaluations, then the annual ones: the appraiser’s and, after an accepted objection, the decided one that superseded it (`supersededBy`).',
  })
  evaluations(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<Evaluation[]> {
    return evaluationService.of(ctx, appraisal);
  }

  @FieldResolver(() => Evaluation, {
    nullable: true,
    description: 'The annual evaluation in force, if rated: after an accepted objection, the decided one.',
  })
  async annualEvaluation(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<Evaluation | null> {
    return (await evaluationService.of(ctx, appraisal)).find((e) => e.subPeriod === ANNUAL_SUB_PERIOD) ?? null;
  }

  @FieldResolver(() => ExpectationRating, {
    nullable: true,
    description: 'The result rating the realizations suggest for the year (the appraiser decides).',
  })
  suggestedResultRating(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<ExpectationRating | null> {
    return evaluationService.suggestion(ctx, appraisal, null);
  }

  @FieldResolver(() => Objection, { nullable: true, description: 'The objection to the final rating, if any.' })
  objection(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<Objection | null> {
    return ctx.loaders.get(objectionOf).load(appraisal.rowId);
  }

  @FieldResolver(() => LocalDateResolver, {
    nullable: true,
    description: 'The last day an objection may be filed, once the rating is delivered.',
  })
  objectionDeadline(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): LocalDate | null {
    if (!appraisal.deliveredAt) return null;
    return objectionDeadline(
      localDateOf(appraisal.deliveredAt, ctx.timeZone),
      ctx.settings.objectionWindowDays,
      ctx.settings.objectionDayCounting,
    );
  }
}

@Resolver(() => Unit)
export class UnitEvaluationResolver {
  @FieldResolver(() => UnitRating, {
    nullable: true,
    description: 'The unit’s own rating for a period (capaian kinerja organisasi), if set.',
  })
  rating(
    @Ctx() ctx: RequestContext,
    @Root() unit: Unit,
    @Arg('periodId', () => ID, { description: 'The period.' }) periodId: string,
  ): Promise<UnitRating | null> {
    const id = idOfType(periodId, 'PerformancePeriod');
    return id === null ? Promise.resolve(null) : unitRatingService.get(ctx, unit.rowId, id);
  }

  @FieldResolver(() => UnitEvaluationSummary, {
    nullable: true,
    description: 'The unit’s annual ratings against its distribution curve (HR admins in scope and the unit’s head).',
  })
  async evaluationSummary(
    @Ctx() ctx: RequestContext,
    @Root() unit: Unit,
    @Arg('periodId', () => ID, { description: 'The period.' }) periodId: string,
    @Arg('includeSubunits', { defaultValue: true, description: 'Count the sub-units’ employees too (default).' })
    includeSubunits: boolean,
  ): Promise<UnitEvaluationSummary | null> {
    const id = idOfType(periodId, 'PerformancePeriod');
    const allowed =
      unit.headId === ctx.actor.employeeId || (await ctx.policy.can(Permission.ADMINISTER_UNIT, unit.rowId));
    if (id === null || !allowed) return null;
    const summary = await unitRatingService.distribution(ctx, unit.rowId, id, includeSubunits);
    return {
      rating: summary.rating,
      pending: summary.pending,
      counts: Object.entries(summary.counts).map(([predikat, count]) => ({
        predikat: predikat as UnitEvaluationSummary['counts'][number]['predikat'],
        count,
      })),
      violations: summary.violations.map((v) => violationView(v, ctx)),
    };
  }
}
