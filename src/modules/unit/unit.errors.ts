import { UserError, UserErrorCode } from '../../core/errors/user-error';

/** Every way a unit change can be refused, each mapped to its stable code and message. */
export enum UnitProblem {
  CODE_INVALID = 'CODE_INVALID',
  CODE_TAKEN = 'CODE_TAKEN',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  PARENT_NOT_FOUND = 'PARENT_NOT_FOUND',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  ROOT_NEEDS_REGION_ADMIN = 'ROOT_NEEDS_REGION_ADMIN',
  CYCLE = 'CYCLE',
  HEAD_NOT_FOUND = 'HEAD_NOT_FOUND',
  HEAD_NOT_IN_UNIT = 'HEAD_NOT_IN_UNIT',
  HEAD_INACTIVE = 'HEAD_INACTIVE',
}

const TABLE: Record<UnitProblem, { code: UserErrorCode; message: string }> = {
  CODE_INVALID: { code: UserErrorCode.INVALID, message: 'A unit code is 1 to 64 letters, digits, ".", "_" or "-".' },
  CODE_TAKEN: { code: UserErrorCode.DUPLICATE, message: 'Another unit already has this code.' },
  UNIT_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'No such unit.' },
  PARENT_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'The parent unit does not exist.' },
  OUT_OF_SCOPE: { code: UserErrorCode.OUT_OF_SCOPE, message: 'This unit is outside the unit subtree you administer.' },
  ROOT_NEEDS_REGION_ADMIN: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: 'Only a region-wide HR admin may create or move a unit to the top of the tree.',
  },
  CYCLE: { code: UserErrorCode.CYCLE, message: 'A unit cannot be moved under itself or one of its own sub-units.' },
  HEAD_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'The head employee does not exist.' },
  HEAD_NOT_IN_UNIT: { code: UserErrorCode.INVALID, message: 'The head of a unit must be an employee of that unit.' },
  HEAD_INACTIVE: { code: UserErrorCode.EMPLOYEE_INACTIVE, message: 'The head of a unit must be an active employee.' },
};

export function unitError(problem: UnitProblem, field: string[]): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, message, field);
}
