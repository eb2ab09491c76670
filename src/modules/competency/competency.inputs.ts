import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { type LocalDate } from '../../core/time/local-date';
import { PositionKind } from '../employee/employee-enums';
import {
  AssessmentMethod,
  CompetencyType,
  DevelopmentKind,
  DevelopmentStatus,
  PotentialLevel,
} from './competency-enums';

@InputType({ description: 'One level of a competency.' })
export class CompetencyLevelInput {
  @Field(() => Int, { description: 'The level, 1–5.' })
  level!: number;

  @Field({ description: 'What the level means, at most 1,000 characters.' })
  description!: string;

  @Field(() => [String], { description: '1 to 10 behaviour indicators, each at most 500 characters.' })
  indicators!: string[];
}

@InputType({ description: 'A technical competency to add to the dictionary.' })
export class CreateCompetencyInput {
  @Field({ description: 'Unique code: 2 to 32 capital letters, digits or hyphens (e.g. T-KES-IMUN).' })
  code!: string;

  @Field({ description: 'Name, at most 200 characters.' })
  name!: string;

  @Field(() => CompetencyType, { description: 'TECHNICAL (the others come from the national standard).' })
  type!: CompetencyType;

  @Field(() => String, {
    nullable: true,
    description: 'The field, e.g. Kesehatan or Pendidikan (required for technical).',
  })
  field?: string | null;

  @Field({ description: 'Definition, at most 2,000 characters.' })
  description!: string;

  @Field(() => [CompetencyLevelInput], { description: 'The five levels.' })
  levels!: CompetencyLevelInput[];
}

@InputType({ description: 'Changes to a technical competency; omitted fields stay as they are.' })
export class UpdateCompetencyInput {
  @Field(() => ID, { description: 'Global id of the competency.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New field.' })
  field?: string | null;

  @Field(() => String, { nullable: true, description: 'New definition.' })
  description?: string | null;

  @Field(() => [CompetencyLevelInput], { nullable: true, description: 'The five levels, replacing the old ones.' })
  levels?: CompetencyLevelInput[] | null;
}

@InputType({ description: 'The level of a competency a position requires; sets it, or changes it when it exists.' })
export class SetPositionRequirementInput {
  @Field(() => ID, { description: 'Global id of the unit.' })
  unitId!: string;

  @Field({ description: 'The position title, exactly as employees hold it.' })
  positionTitle!: string;

  @Field(() => PositionKind, { description: 'The kind of position.' })
  positionKind!: PositionKind;

  @Field(() => ID, { description: 'Global id of the competency.' })
  competencyId!: string;

  @Field(() => Int, { description: 'The required level, 1–5.' })
  requiredLevel!: number;

  @Field(() => Int, { nullable: true, description: 'When the requirement exists: the version you read.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'A position requirement to remove.' })
export class RemovePositionRequirementInput {
  @Field(() => ID, { description: 'Global id of the requirement.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;
}

@InputType({ description: 'An assessed level of one competency.' })
export class RecordCompetencyAssessmentInput {
  @Field(() => ID, { description: 'Global id of the employee assessed.' })
  employeeId!: string;

  @Field(() => ID, { description: 'Global id of the competency.' })
  competencyId!: string;

  @Field(() => Int, { description: 'The assessed level, 1–5.' })
  level!: number;

  @Field(() => AssessmentMethod, {
    description: 'SELF (the employee), SUPERVISOR (someone above), TEST or ASSESSMENT_CENTRE (HR in scope).',
  })
  method!: AssessmentMethod;

  @Field(() => LocalDateResolver, { description: 'The day of the assessment (not in the future).' })
  assessedOn!: LocalDate;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day it counts; open-ended when omitted.' })
  validUntil?: LocalDate | null;

  @Field(() => String, { nullable: true, description: 'Evidence or a report reference, at most 2,000 characters.' })
  evidence?: string | null;
}

@InputType({ description: 'A development step for an employee.' })
export class SuggestDevelopmentInput {
  @Field(() => ID, { description: 'Global id of the employee.' })
  employeeId!: string;

  @Field(() => ID, { nullable: true, description: 'Global id of the competency it builds, if one.' })
  competencyId?: string | null;

  @Field(() => DevelopmentKind, { description: 'Training, mentoring or an assignment.' })
  kind!: DevelopmentKind;

  @Field({ description: 'What to do, at most 2,000 characters.' })
  description!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When it should be done.' })
  dueDate?: LocalDate | null;
}

@InputType({ description: 'A new status for a development suggestion.' })
export class UpdateDevelopmentSuggestionInput {
  @Field(() => ID, { description: 'Global id of the suggestion.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => DevelopmentStatus, {
    description:
      'The new status: PLANNED and IN_PROGRESS move either way or on to DONE or CANCELLED, which are final (INVALID_STATE).',
  })
  status!: DevelopmentStatus;
}

@InputType({ description: 'The supervisor’s rating of an employee’s potential for a year.' })
export class RatePotentialInput {
  @Field(() => ID, { description: 'Global id of the employee.' })
  employeeId!: string;

  @Field(() => ID, { description: 'Global id of the period.' })
  periodId!: string;

  @Field(() => PotentialLevel, { description: 'Low, medium or high.' })
  rating!: PotentialLevel;

  @Field(() => String, { nullable: true, description: 'Why, at most 2,000 characters.' })
  note?: string | null;

  @Field(() => Int, { nullable: true, description: 'When a rating for that year exists: the version you read.' })
  expectedVersion?: number | null;
}
