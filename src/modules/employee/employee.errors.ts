import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { NIP_PROBLEM_MESSAGES, type NipProblem } from './nip';

/** Every way an employee change can be refused, each mapped to its stable code and message. */
export enum EmployeeProblem {
  EMPLOYEE_NOT_FOUND = 'EMPLOYEE_NOT_FOUND',
  NIP_TAKEN = 'NIP_TAKEN',
  GRADE_INVALID_PNS = 'GRADE_INVALID_PNS',
  GRADE_INVALID_PPPK = 'GRADE_INVALID_PPPK',
  EMAIL_INVALID = 'EMAIL_INVALID',
  GENDER_MISMATCH = 'GENDER_MISMATCH',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  SUPERVISOR_NOT_FOUND = 'SUPERVISOR_NOT_FOUND',
  SUPERVISOR_INACTIVE = 'SUPERVISOR_INACTIVE',
  SUPERVISOR_OUT_OF_SCOPE = 'SUPERVISOR_OUT_OF_SCOPE',
  SUPERVISOR_CYCLE = 'SUPERVISOR_CYCLE',
  EXTERNAL_SUPERVISOR_NOT_FOUND = 'EXTERNAL_SUPERVISOR_NOT_FOUND',
  BOTH_SUPERVISORS = 'BOTH_SUPERVISORS',
  HEAD_CANNOT_MOVE = 'HEAD_CANNOT_MOVE',
  HEAD_CANNOT_DEACTIVATE = 'HEAD_CANNOT_DEACTIVATE',
  ALREADY_ACTIVE = 'ALREADY_ACTIVE',
  ALREADY_INACTIVE = 'ALREADY_INACTIVE',
}

const TABLE: Record<EmployeeProblem, { code: UserErrorCode; message: string }> = {
  EMPLOYEE_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'No such employee.' },
  NIP_TAKEN: { code: UserErrorCode.DUPLICATE, message: 'Another employee already has this NIP.' },
  GRADE_INVALID_PNS: {
    code: UserErrorCode.INVALID,
    message: 'A PNS grade is a golongan/ruang from I/a to IV/e, e.g. "III/b".',
  },
  GRADE_INVALID_PPPK: { code: UserErrorCode.INVALID, message: 'A PPPK grade is a Roman numeral from I to XVII.' },
  EMAIL_INVALID: { code: UserErrorCode.INVALID, message: 'The email address is not valid.' },
  GENDER_MISMATCH: { code: UserErrorCode.INVALID, message: 'The gender disagrees with the gender digit of the NIP.' },
  UNIT_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'The unit does not exist.' },
  OUT_OF_SCOPE: { code: UserErrorCode.OUT_OF_SCOPE, message: 'This is outside the unit subtree you administer.' },
  SUPERVISOR_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'The supervisor does not exist.' },
  SUPERVISOR_INACTIVE: { code: UserErrorCode.EMPLOYEE_INACTIVE, message: 'The supervisor is deactivated.' },
  SUPERVISOR_OUT_OF_SCOPE: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: 'The supervisor works outside the unit subtree you administer.',
  },
  SUPERVISOR_CYCLE: {
    code: UserErrorCode.CYCLE,
    message: 'An employee cannot be supervised by themselves or by someone below them.',
  },
  EXTERNAL_SUPERVISOR_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'The external official does not exist.' },
  BOTH_SUPERVISORS: {
    code: UserErrorCode.INVALID,
    message: 'Give either a supervisor or an external supervisor, not both.',
  },
  HEAD_CANNOT_MOVE: {
    code: UserErrorCode.HEADS_UNIT,
    message: 'This employee heads their unit: appoint another head before moving them.',
  },
  HEAD_CANNOT_DEACTIVATE: {
    code: UserErrorCode.HEADS_UNIT,
    message: 'This employee heads a unit: appoint another head before deactivating them.',
  },
  ALREADY_ACTIVE: { code: UserErrorCode.ALREADY_IN_STATE, message: 'The employee is already active.' },
  ALREADY_INACTIVE: { code: UserErrorCode.ALREADY_IN_STATE, message: 'The employee is already deactivated.' },
};

export function employeeError(problem: EmployeeProblem, field: string[]): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, message, field);
}

export function nipError(problem: NipProblem, field: string[]): UserError {
  return UserError.of(UserErrorCode.INVALID, NIP_PROBLEM_MESSAGES[problem], field);
}
