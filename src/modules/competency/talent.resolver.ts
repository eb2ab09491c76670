import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { badUserInput } from '../../core/errors/app-error';
import { MAX_PAGE_SIZE } from '../../core/graphql/connection';
import { idOfType } from '../../core/graphql/global-id';
import { ListSize } from '../../core/graphql/list-size';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { PerformancePeriod } from '../period/performance-period.entity';
import { periodService } from '../period/period.service';
import { Unit } from '../unit/unit.entity';
import { unitService } from '../unit/unit.service';
import { TalentMatrix, TalentPlacement } from './competency.types';
import { talentService } from './talent.service';

@Resolver(() => TalentMatrix)
export class TalentMatrixResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => TalentMatrix, {
    nullable: true,
    description:
      'The talent matrix (nine-box) of a unit subtree for a year: counts for HR admins in scope and heads of the unit or a unit above it (not analysts); individual placements only where you may see them. Null for others.',
  })
  async talentMatrix(
    @Ctx() ctx: RequestContext,
    @Arg('unitId', () => ID, { description: 'The unit (its sub-units included).' }) unitId: string,
    @Arg('periodId', () => ID, { description: 'The year.' }) periodId: string,
  ): Promise<TalentMatrix | null> {
    const uid = idOfType(unitId, Unit.typeName);
    const pid = idOfType(periodId, PerformancePeriod.typeName);
    const [unit] = uid === null ? [null] : await unitService.getMany(ctx, [uid]);
    const [period] = pid === null ? [null] : await periodService.getMany(ctx, [pid]);
    if (!unit || !period) return null;
    return talentService.matrix(ctx, unit, period);
  }

  @FieldResolver(() => Unit, { description: 'The unit.' })
  unit(@Root() matrix: TalentMatrix): Unit {
    return matrix.unit;
  }

  @FieldResolver(() => PerformancePeriod, { description: 'The year.' })
  period(@Root() matrix: TalentMatrix): PerformancePeriod {
    return matrix.period;
  }

  @ListSize(MAX_PAGE_SIZE)
  @FieldResolver(() => [TalentPlacement], {
    description: `The individual placements you may see the highest box first; at most ${MAX_PAGE_SIZE}.`,
  })
  placements(
    @Root() matrix: TalentMatrix,
    @Arg('box', () => Int, { nullable: true, description: 'Only this box (1–9).' }) box?: number | null,
    @Arg('first', () => Int, { defaultValue: MAX_PAGE_SIZE, description: `How many, at most ${MAX_PAGE_SIZE}.` })
    first: number = MAX_PAGE_SIZE,
  ): TalentPlacement[] {
    if (first < 0 || first > MAX_PAGE_SIZE)
      throw badUserInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}.`, { argument: 'first' });
    return matrix.visiblePlacements.filter((p) => box == null || p.box === box).slice(0, first);
  }
}
