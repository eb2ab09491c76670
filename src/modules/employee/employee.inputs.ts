import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../core/graphql/order';
import { type Sort } from '../../core/graphql/pagination';
import { EmploymentType, Gender, PositionKind } from './employee-enums';
import { type Employee } from './employee.entity';

export enum EmployeeOrderField {
  NAME = 'NAME',
  CREATED = 'CREATED',
}

registerEnumType(EmployeeOrderField, {
  name: 'EmployeeOrderField',
  description: 'What to sort employees by.',
  valuesConfig: {
    NAME: { description: 'Name, without titles.' },
    CREATED: { description: 'When the record was created.' },
  },
});

export enum SubordinateDepth {
  DIRECT = 'DIRECT',
  ALL = 'ALL',
}

registerEnumType(SubordinateDepth, {
  name: 'SubordinateDepth',
  description: 'How far down the supervisor tree to look.',
  valuesConfig: {
    DIRECT: { description: 'Only those whose direct supervisor (atasan langsung) this is.' },
    ALL: { description: 'Everyone below, at any depth.' },
  },
});

@InputType({ description: 'Sort order of employees.' })
export class EmployeeOrder {
  @Field(() => EmployeeOrderField, { defaultValue: EmployeeOrderField.NAME, description: 'What to sort by.' })
  field: EmployeeOrderField = EmployeeOrderField.NAME;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  direction: OrderDirection = OrderDirection.ASC;
}

export const DEFAULT_EMPLOYEE_ORDER: EmployeeOrder = { field: EmployeeOrderField.NAME, direction: OrderDirection.ASC };

export function employeeSort(order: EmployeeOrder = DEFAULT_EMPLOYEE_ORDER, alias = 'employee'): Sort<Employee> {
  const byName = order.field === EmployeeOrderField.NAME;
  return {
    column: byName ? `${alias}.name` : `${alias}.id`,
    idColumn: `${alias}.id`,
    direction: order.direction,
    valueOf: (e) => (byName ? e.name : e.rowId),
    idOf: (e) => e.rowId,
  };
}

@InputType({ description: 'Which employees to list. Filters combine with AND.' })
export class EmployeeFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Only employees of this unit (and its sub-units unless includeSubunits is false).',
  })
  unitId?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'With unitId: include the sub-units.' })
  includeSubunits?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text (case-insensitive).' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or deactivated (false) employees.' })
  active?: boolean | null;

  @Field(() => PositionKind, { nullable: true, description: 'Only this kind of position.' })
  positionKind?: PositionKind | null;
}

@InputType({ description: 'A new employee (HR admins, in a unit of their scope).' })
export class CreateEmployeeInput {
  @Field({ description: 'NIP (PNS) or NI PPPK: 18 digits.' })
  nip!: string;

  @Field({ description: 'Name without titles.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Titles before the name (gelar depan), e.g. "dr.", "Ns.".' })
  titlePrefix?: string | null;

  @Field(() => String, { nullable: true, description: 'Titles after the name (gelar belakang), e.g. "S.Kep., Ns.".' })
  titleSuffix?: string | null;

  @Field(() => EmploymentType, { description: 'PNS or PPPK.' })
  employmentType!: EmploymentType;

  @Field({ description: 'Golongan/ruang ("III/b") for PNS, "I"…"XVII" for PPPK.' })
  grade!: string;

  @Field(() => Gender, { nullable: true, description: 'For PNS it is read from the NIP; give it for PPPK.' })
  gender?: Gender | null;

  @Field({ description: 'Position title (nama jabatan), e.g. "Perawat Ahli Pertama".' })
  positionTitle!: string;

  @Field(() => PositionKind, { description: 'Kind of position (jenis jabatan).' })
  positionKind!: PositionKind;

  @Field(() => ID, { description: 'Global id of the unit (unit kerja).' })
  unitId!: string;

  @Field(() => ID, { nullable: true, description: 'Direct supervisor (atasan langsung), an employee.' })
  supervisorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Or a supervisor outside the civil service (the Bupati).' })
  externalSupervisorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Work email.' })
  email?: string | null;
}

@InputType({ description: 'Changes to an employee. Omitted fields stay as they are; null clears an optional one.' })
export class UpdateEmployeeInput {
  @Field(() => ID, { description: 'Global id of the employee to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Corrects the NIP (it must stay unique).' })
  nip?: string | null;

  @Field(() => String, { nullable: true, description: 'Name without academic titles.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Titles before the name (gelar depan), e.g. "dr.", "Ns.".' })
  titlePrefix?: string | null;

  @Field(() => String, { nullable: true, description: 'Titles after the name (gelar belakang), e.g. "S.Kep., Ns.".' })
  titleSuffix?: string | null;

  @Field(() => EmploymentType, { nullable: true, description: 'PNS or PPPK.' })
  employmentType?: EmploymentType | null;

  @Field(() => String, { nullable: true, description: 'Golongan/ruang ("III/b") for PNS, "I"…"XVII" for PPPK.' })
  grade?: string | null;

  @Field(() => Gender, { nullable: true, description: 'Gender; for PNS it must agree with the NIP.' })
  gender?: Gender | null;

  @Field(() => String, { nullable: true, description: 'Position title (nama jabatan), e.g. "Perawat Ahli Pertama".' })
  positionTitle?: string | null;

  @Field(() => PositionKind, { nullable: true, description: 'Kind of position (jenis jabatan).' })
  positionKind?: PositionKind | null;

  @Field(() => ID, { nullable: true, description: 'Moves the employee to another unit (both in your scope).' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: 'Work email.' })
  email?: string | null;
}

@InputType({ description: 'Sets who supervises (and so appraises) an employee. Both null: nobody (a top official).' })
export class SetSupervisorInput {
  @Field(() => ID, { description: 'Global id of the employee.' })
  employeeId!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => ID, { nullable: true, description: 'The new direct supervisor (atasan langsung), an active employee.' })
  supervisorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Or an official outside the civil service (the Bupati).' })
  externalSupervisorId?: string | null;
}

@InputType({ description: 'Deactivates or reactivates an employee.' })
export class SetEmployeeActiveInput {
  @Field(() => ID, { description: 'Global id of the employee to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  expectedVersion!: number;
}

@InputType({ description: 'Deactivates an employee (retired, moved out of the region).' })
export class DeactivateEmployeeInput extends SetEmployeeActiveInput {}

@InputType({ description: 'Reactivates a deactivated employee.' })
export class ReactivateEmployeeInput extends SetEmployeeActiveInput {}
