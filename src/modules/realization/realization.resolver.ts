import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ListSize } from '../../core/graphql/list-size';
import { runMutation } from '../../core/graphql/mutation';
import { UserError } from '../../core/errors/user-error';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Indicator } from '../work-plan/indicator.entity';
import { workPlanService } from '../work-plan/work-plan.service';
import { Evidence } from './evidence';
import { RecordRealizationInput } from './realization.inputs';
import { Realization } from './realization.entity';
import { realizationService } from './realization.service';
import { Idempotent } from '../../core/idempotency/idempotent';

@ObjectType({ description: 'Result of recordRealization.' })
export class RecordRealizationPayload {
  @Field(() => Realization, { nullable: true, description: 'The realization as recorded.' })
  realization?: Realization | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@Resolver(() => Realization)
export class RealizationResolver {
  @FieldResolver(() => Indicator, { nullable: true, description: 'The indicator it realizes.' })
  async indicator(@Ctx() ctx: RequestContext, @Root() realization: Realization): Promise<Indicator | null> {
    return (await workPlanService.getIndicators(ctx, [realization.indicatorId]))[0] ?? null;
  }

  @ListSize(10)
  @FieldResolver(() => [Evidence], { description: 'Supporting evidence (bukti dukung).' })
  evidence(@Root() realization: Realization): Evidence[] {
    return realizationService.evidenceOf(realization);
  }

  @Allow(Permission.SIGNED_IN)
  @Idempotent()
  @Mutation(() => RecordRealizationPayload, {
    description:
      'Records or corrects what you achieved on one of your indicators in a month or quarter, with evidence.',
  })
  recordRealization(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What was achieved.' }) input: RecordRealizationInput,
  ): Promise<RecordRealizationPayload> {
    return runMutation(ctx, (tx) => realizationService.record(tx, input));
  }
}

/** Realizations reached from an indicator: only for readers of the plan, not for readers of its content alone. */
@Resolver(() => Indicator)
export class IndicatorRealizationsResolver {
  @ListSize(12)
  @FieldResolver(() => [Realization], {
    description: 'What was achieved, month by month or quarter by quarter; empty unless you may read the plan.',
  })
  realizations(@Ctx() ctx: RequestContext, @Root() indicator: Indicator): Promise<Realization[]> {
    return realizationService.ofIndicator(ctx, indicator);
  }

  @FieldResolver(() => Realization, {
    nullable: true,
    description: 'The most recent realization, if you may read the plan.',
  })
  latestRealization(
    @Ctx() ctx: RequestContext,
    @Root() indicator: Indicator,
  ): Realization | null | Promise<Realization | null> {
    return realizationService.latestOf(ctx, indicator);
  }
}
