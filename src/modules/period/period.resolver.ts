import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ListSize } from '../../core/graphql/list-size';
import { runMutation } from '../../core/graphql/mutation';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { PerformancePeriod } from './performance-period.entity';
import { ChangePeriodStatusInput, OpenPeriodInput, UpdatePeriodInput } from './period.inputs';
import { periodService } from './period.service';
import { ChangePeriodStatusPayload, OpenPeriodPayload, UpdatePeriodPayload } from './period.types';
import { deriveSubPeriods, SubPeriod } from './sub-periods';
import { Idempotent } from '../../core/idempotency/idempotent';

@Resolver(() => PerformancePeriod)
export class PeriodResolver {
  @Allow(Permission.SIGNED_IN)
  @ListSize(10)
  @Query(() => [PerformancePeriod], { description: 'Performance years, newest first.' })
  periods(@Ctx() ctx: RequestContext): Promise<PerformancePeriod[]> {
    return periodService.list(ctx);
  }

  @Allow(Permission.SIGNED_IN)
  @Query(() => PerformancePeriod, {
    nullable: true,
    description: 'The year containing today (region time), else the latest one not closed.',
  })
  currentPeriod(@Ctx() ctx: RequestContext): Promise<PerformancePeriod | null> {
    return periodService.current(ctx);
  }

  @ListSize(12)
  @FieldResolver(() => [SubPeriod], {
    description: 'The months or quarters of the year, each with its evaluation due date.',
  })
  subPeriods(@Root() period: PerformancePeriod): SubPeriod[] {
    return deriveSubPeriods(period.year, period.cadence, period.periodicEvaluationDays);
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Idempotent()
  @Mutation(() => OpenPeriodPayload, { description: 'Opens a performance year in PLANNING (region-wide HR admins).' })
  openPeriod(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'The year and its deadlines.' }) input: OpenPeriodInput,
  ): Promise<OpenPeriodPayload> {
    return runMutation(ctx, (tx) => periodService.open(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => UpdatePeriodPayload, {
    description: 'Changes a period’s deadlines or cadence (region-wide HR admins).',
  })
  updatePeriod(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to change.' }) input: UpdatePeriodInput,
  ): Promise<UpdatePeriodPayload> {
    return runMutation(ctx, (tx) => periodService.update(tx, input));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => ChangePeriodStatusPayload, {
    description: 'Moves a period to its next status; CLOSED refuses every later change (region-wide HR admins).',
  })
  changePeriodStatus(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'The next status.' }) input: ChangePeriodStatusInput,
  ): Promise<ChangePeriodStatusPayload> {
    return runMutation(ctx, (tx) => periodService.changeStatus(tx, input));
  }
}
