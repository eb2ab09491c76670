import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ConnectionArgs, ConnectionType } from '../../core/graphql/connection';
import { ListSize } from '../../core/graphql/list-size';
import { runMutation } from '../../core/graphql/mutation';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Unit } from '../unit/unit.entity';
import { unitService } from '../unit/unit.service';
import { Competency } from './competency.entity';
import { CompetencyType } from './competency-enums';
import {
  CreateCompetencyInput,
  RemovePositionRequirementInput,
  SetPositionRequirementInput,
  UpdateCompetencyInput,
} from './competency.inputs';
import { competencyService } from './competency.service';
import {
  CreateCompetencyPayload,
  RemovePositionRequirementPayload,
  SetPositionRequirementPayload,
  UnitCompetencyGap,
  UpdateCompetencyPayload,
} from './competency.types';
import { PositionRequirement } from './position-requirement.entity';
import { talentService } from './talent.service';
import { Idempotent } from '../../core/idempotency/idempotent';

export const CompetencyConnection = ConnectionType(
  Competency,
  'Competency',
  'A page of the competency dictionary, by code.',
);
export type CompetencyConnection = InstanceType<typeof CompetencyConnection>;

@ArgsType()
class CompetenciesArgs extends ConnectionArgs {
  @Field(() => CompetencyType, { nullable: true, description: 'Only this type.' })
  type?: CompetencyType | null;

  @Field(() => String, { nullable: true, description: 'Only technical competencies of this field (e.g. Kesehatan).' })
  field?: string | null;
}

const INPUT = { description: 'What to create or change.' };

@Resolver(() => Competency)
export class CompetencyResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => CompetencyConnection, {
    description: 'The competency dictionary (reference data for every signed-in principal), by code.',
  })
  async competencies(@Ctx() ctx: RequestContext, @Args() args: CompetenciesArgs): Promise<CompetencyConnection> {
    return CompetencyConnection.from(await competencyService.list(ctx, { type: args.type, field: args.field }, args));
  }

  @Allow(Permission.SIGNED_IN)
  @Idempotent()
  @Mutation(() => CreateCompetencyPayload, {
    description: 'Adds a technical competency to the dictionary (region-wide HR admins).',
  })
  createCompetency(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: CreateCompetencyInput,
  ): Promise<CreateCompetencyPayload> {
    return runMutation(ctx, (tx) => competencyService.create(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => UpdateCompetencyPayload, {
    description: 'Changes a technical competency (region-wide HR admins); the national standard is read-only.',
  })
  updateCompetency(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: UpdateCompetencyInput,
  ): Promise<UpdateCompetencyPayload> {
    return runMutation(ctx, (tx) => competencyService.update(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => SetPositionRequirementPayload, {
    description: 'Sets the level of a competency a position (a title in a unit) requires (HR admins in scope).',
  })
  setPositionRequirement(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: SetPositionRequirementInput,
  ): Promise<SetPositionRequirementPayload> {
    return runMutation(ctx, (tx) => competencyService.setRequirement(tx, input));
  }

  @Allow(Permission.SIGNED_IN)
  @Mutation(() => RemovePositionRequirementPayload, {
    description: 'Removes a position requirement (HR admins in scope).',
  })
  removePositionRequirement(
    @Ctx() ctx: RequestContext,
    @Arg('input', INPUT) input: RemovePositionRequirementInput,
  ): Promise<RemovePositionRequirementPayload> {
    return runMutation(ctx, (tx) => competencyService.removeRequirement(tx, input));
  }
}

@Resolver(() => PositionRequirement)
export class PositionRequirementResolver {
  @FieldResolver(() => Unit, { nullable: true, description: 'The unit of the position.' })
  async unit(@Ctx() ctx: RequestContext, @Root() requirement: PositionRequirement): Promise<Unit | null> {
    return (await unitService.getMany(ctx, [requirement.unitId]))[0] ?? null;
  }

  @FieldResolver(() => Competency, { nullable: true, description: 'The competency required.' })
  async competency(@Ctx() ctx: RequestContext, @Root() requirement: PositionRequirement): Promise<Competency | null> {
    return (await competencyService.getMany(ctx, [requirement.competencyId]))[0] ?? null;
  }
}

@Resolver(() => UnitCompetencyGap)
export class UnitCompetencyGapResolver {
  @FieldResolver(() => Competency, { nullable: true, description: 'The competency.' })
  async competency(@Ctx() ctx: RequestContext, @Root() gap: UnitCompetencyGap): Promise<Competency | null> {
    return (await competencyService.getMany(ctx, [gap.competencyId]))[0] ?? null;
  }
}

@Resolver(() => Unit)
export class UnitCompetencyResolver {
  @ListSize(50)
  @FieldResolver(() => [PositionRequirement], {
    description: 'The competency levels the unit’s positions require, by position title.',
  })
  positionRequirements(
    @Ctx() ctx: RequestContext,
    @Root() unit: Unit,
    @Arg('positionTitle', () => String, { nullable: true, description: 'Only this position title.' })
    positionTitle?: string | null,
  ): Promise<PositionRequirement[]> {
    return competencyService.requirementsOf(ctx, unit, positionTitle);
  }

  @ListSize(30)
  @FieldResolver(() => [UnitCompetencyGap], {
    nullable: true,
    description:
      'Required competencies aggregated over the active employees of the unit (and its sub-units), the largest average gap first. HR admins in scope and heads of the unit or a unit above it; null for others (analysts included).',
  })
  competencyGaps(
    @Ctx() ctx: RequestContext,
    @Root() unit: Unit,
    @Arg('includeSubunits', { defaultValue: true, description: 'Include the sub-units’ employees (default).' })
    includeSubunits: boolean,
  ): Promise<UnitCompetencyGap[] | null> {
    return talentService.unitGaps(ctx, unit, includeSubunits);
  }
}
