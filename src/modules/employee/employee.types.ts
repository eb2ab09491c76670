import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/graphql/connection';
import { UserError } from '../../core/errors/user-error';
import { Employee } from './employee.entity';

export const EmployeeConnection = ConnectionType(Employee, 'Employee', 'A page of employees.');
export type EmployeeConnection = InstanceType<typeof EmployeeConnection>;

/** Every employee mutation answers with the employee as changed, or userErrors and no change. */
@ObjectType({ description: 'Result of an employee mutation.' })
export class EmployeePayload {
  @Field(() => Employee, { nullable: true, description: 'The employee as changed; null when userErrors is not empty.' })
  employee?: Employee | null;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createEmployee.' })
export class CreateEmployeePayload extends EmployeePayload {}

@ObjectType({ description: 'Result of updateEmployee.' })
export class UpdateEmployeePayload extends EmployeePayload {}

@ObjectType({ description: 'Result of setSupervisor.' })
export class SetSupervisorPayload extends EmployeePayload {}

@ObjectType({ description: 'Result of deactivateEmployee.' })
export class DeactivateEmployeePayload extends EmployeePayload {}

@ObjectType({ description: 'Result of reactivateEmployee.' })
export class ReactivateEmployeePayload extends EmployeePayload {}
