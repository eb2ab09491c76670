import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../core/errors/user-error';
import { Employee } from '../employee/employee.entity';
import { PerformancePeriod } from '../period/performance-period.entity';
import { Unit } from '../unit/unit.entity';
import { CompetencyAssessment } from './competency-assessment.entity';
import { Competency } from './competency.entity';
import { JobMatchBand, PerformanceLevel, PotentialLevel } from './competency-enums';
import { DevelopmentSuggestion } from './development-suggestion.entity';
import { PositionRequirement } from './position-requirement.entity';
import { PotentialRating } from './potential-rating.entity';

@ObjectType({ description: 'One required competency of a position against the employee’s current level.' })
export class CompetencyStanding {
  competencyId!: number;
  assessmentId!: number | null;

  @Field(() => Int, { description: 'The level the position requires.' })
  requiredLevel!: number;

  @Field(() => Int, { description: 'The current level (0 when never validly assessed).' })
  currentLevel!: number;

  @Field(() => Int, { description: 'Required minus current: positive is a gap, negative a surplus.' })
  gap!: number;
}

@ObjectType({ description: 'An employee’s competencies against their position’s requirements (job-person match).' })
export class CompetencyProfile {
  employee!: Employee;

  @Field(() => Float, {
    nullable: true,
    description:
      'Job-person match: met levels over required levels, as a percentage (a surplus counts as met); null when the position has no requirements.',
  })
  matchPercentage!: number | null;

  @Field(() => JobMatchBand, {
    nullable: true,
    description: 'The band of the match: ≥ 80% meets, 68–80% still meets, < 68% below.',
  })
  band!: JobMatchBand | null;

  @Field(() => [CompetencyStanding], { description: 'Every required competency with its current level.' })
  standings!: CompetencyStanding[];

  @Field(() => [CompetencyStanding], { description: 'Only the gaps, the largest first.' })
  gaps!: CompetencyStanding[];
}

@ObjectType({ description: 'A competency aggregated over the employees of a unit subtree whose position requires it.' })
export class UnitCompetencyGap {
  competencyId!: number;

  @Field(() => Int, { description: 'Employees whose position requires it.' })
  employees!: number;

  @Field(() => Int, { nullable: true, description: 'How many of them fall short (null when suppressed).' })
  withGap!: number | null;

  @Field(() => Float, { nullable: true, description: 'Average required level (null when suppressed).' })
  averageRequired!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Average current level, 0 for the unassessed (null when suppressed).',
  })
  averageCurrent!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Average shortfall, surpluses counted as 0 (null when suppressed).',
  })
  averageGap!: number | null;

  @Field({
    description: 'Always false: only HR admins in scope and heads of units read these figures, in full.',
    deprecationReason: 'Analysts no longer read talent or competency figures (they follow each person’s assessments).',
  })
  suppressed!: boolean;
}

@ObjectType({ description: 'An employee’s place on the talent matrix for a year.' })
export class TalentPlacement {
  employee!: Employee;
  period!: PerformancePeriod;
  potentialRatingRow!: PotentialRating | null;

  @Field(() => PerformanceLevel, {
    nullable: true,
    description: 'From the year’s (decided) result rating; null before the annual evaluation.',
  })
  performance!: PerformanceLevel | null;

  @Field(() => Float, { nullable: true, description: 'Job-person match percentage, if the position has requirements.' })
  matchPercentage!: number | null;

  @Field(() => JobMatchBand, { nullable: true, description: 'Its band.' })
  matchBand!: JobMatchBand | null;

  @Field(() => PotentialLevel, {
    nullable: true,
    description:
      'Potential: the match band and the supervisor’s potential rating, equally weighted; null with neither.',
  })
  potential!: PotentialLevel | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The box 1–9 (`docs/domain.md`); null until both performance and potential are known.',
  })
  box!: number | null;
}

@ObjectType({ description: 'How many employees fall in one box of the talent matrix.' })
export class TalentBoxCount {
  @Field(() => Int, { description: 'The box, 1–9.' })
  box!: number;

  @Field(() => PerformanceLevel, { description: 'Its performance level.' })
  performance!: PerformanceLevel;

  @Field(() => PotentialLevel, { description: 'Its potential level.' })
  potential!: PotentialLevel;

  @Field(() => Int, { nullable: true, description: 'Employees in it (null when suppressed).' })
  count!: number | null;

  @Field({
    description: 'Always false: only HR admins in scope and heads of units read these figures, in full.',
    deprecationReason: 'Analysts no longer read talent or competency figures (they follow each person’s assessments).',
  })
  suppressed!: boolean;
}

@ObjectType({ description: 'The talent matrix of a unit subtree for a year.' })
export class TalentMatrix {
  unit!: Unit;
  period!: PerformancePeriod;

  @Field(() => [TalentBoxCount], { description: 'The nine boxes with their counts.' })
  boxes!: TalentBoxCount[];

  @Field(() => Int, { description: 'Active employees in the subtree.' })
  employees!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Those not placed yet (no annual rating, or no potential); null when withheld from an aggregates-only reader, like a box.',
  })
  unplaced!: number | null;

  /** The placements the caller may see the highest box first; `placements` pages them. */
  visiblePlacements!: TalentPlacement[];
}

const ERRORS = { description: 'Expected failures; when not empty, nothing was changed.' };

@ObjectType({ description: 'Result of createCompetency.' })
export class CreateCompetencyPayload {
  @Field(() => Competency, { nullable: true, description: 'The competency added.' })
  competency?: Competency | null;

  @Field(() => [UserError], ERRORS)
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of updateCompetency.' })
export class UpdateCompetencyPayload {
  @Field(() => Competency, { nullable: true, description: 'The competency as changed.' })
  competency?: Competency | null;

  @Field(() => [UserError], ERRORS)
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of setPositionRequirement.' })
export class SetPositionRequirementPayload {
  @Field(() => PositionRequirement, { nullable: true, description: 'The requirement as set.' })
  requirement?: PositionRequirement | null;

  @Field(() => [UserError], ERRORS)
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of removePositionRequirement.' })
export class RemovePositionRequirementPayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the requirement removed.' })
  removedId?: string | null;

  @Field(() => [UserError], ERRORS)
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of recordCompetencyAssessment.' })
export class RecordCompetencyAssessmentPayload {
  @Field(() => CompetencyAssessment, { nullable: true, description: 'The assessment recorded.' })
  assessment?: CompetencyAssessment | null;

  @Field(() => [UserError], ERRORS)
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of suggestDevelopment.' })
export class SuggestDevelopmentPayload {
  @Field(() => DevelopmentSuggestion, { nullable: true, description: 'The suggestion.' })
  suggestion?: DevelopmentSuggestion | null;

  @Field(() => [UserError], ERRORS)
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of updateDevelopmentSuggestion.' })
export class UpdateDevelopmentSuggestionPayload {
  @Field(() => DevelopmentSuggestion, { nullable: true, description: 'The suggestion as changed.' })
  suggestion?: DevelopmentSuggestion | null;

  @Field(() => [UserError], ERRORS)
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of ratePotential.' })
export class RatePotentialPayload {
  @Field(() => PotentialRating, { nullable: true, description: 'The rating as set.' })
  potentialRating?: PotentialRating | null;

  @Field(() => [UserError], ERRORS)
  userErrors!: UserError[];
}
