import { UserError, UserErrorCode } from '../../core/errors/user-error';

/** Every way a plan change can be refused, each mapped to its stable code and message. */
export enum AppraisalProblem {
  APPRAISAL_NOT_FOUND = 'APPRAISAL_NOT_FOUND',
  EMPLOYEE_NOT_FOUND = 'EMPLOYEE_NOT_FOUND',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  EMPLOYEE_INACTIVE = 'EMPLOYEE_INACTIVE',
  PERIOD_NOT_FOUND = 'PERIOD_NOT_FOUND',
  PERIOD_NOT_PLANNING = 'PERIOD_NOT_PLANNING',
  ALREADY_HAS_PLAN = 'ALREADY_HAS_PLAN',
  NOT_EDITABLE = 'NOT_EDITABLE',
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
  REASON_REQUIRED = 'REASON_REQUIRED',
  TEXT_TOO_LONG = 'TEXT_TOO_LONG',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  APPRAISER_NOT_FOUND = 'APPRAISER_NOT_FOUND',
  APPRAISER_IS_SELF = 'APPRAISER_IS_SELF',
  BOTH_APPRAISERS = 'BOTH_APPRAISERS',
  CLOSED = 'CLOSED',
  EFFECTIVE_DATE_INVALID = 'EFFECTIVE_DATE_INVALID',
}

const TABLE: Record<AppraisalProblem, { code: UserErrorCode; message: string }> = {
  APPRAISAL_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'No such plan (SKP).' },
  EMPLOYEE_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'No such employee.' },
  UNIT_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'No such unit.' },
  EMPLOYEE_INACTIVE: { code: UserErrorCode.EMPLOYEE_INACTIVE, message: 'The employee is deactivated.' },
  PERIOD_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'No such performance period (or none is current).' },
  PERIOD_NOT_PLANNING: {
    code: UserErrorCode.WRONG_PERIOD_PHASE,
    message: 'Plans are made while the period is PLANNING or RUNNING.',
  },
  ALREADY_HAS_PLAN: {
    code: UserErrorCode.DUPLICATE,
    message: 'The employee already has an open plan for this period.',
  },
  NOT_EDITABLE: {
    code: UserErrorCode.PLAN_NOT_EDITABLE,
    message: 'The plan cannot be edited in its current state (only DRAFT, RETURNED or REVISING).',
  },
  TRANSITION_NOT_ALLOWED: {
    code: UserErrorCode.INVALID_STATE,
    message: 'This step is not allowed from the plan’s current state.',
  },
  REASON_REQUIRED: { code: UserErrorCode.INVALID, message: 'Give a reason (at most 2,000 characters).' },
  TEXT_TOO_LONG: { code: UserErrorCode.INVALID, message: 'The text is too long (at most 4,000 characters).' },
  OUT_OF_SCOPE: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: 'This plan or employee is outside the unit subtree you administer.',
  },
  APPRAISER_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'The appraiser does not exist or is deactivated.' },
  APPRAISER_IS_SELF: { code: UserErrorCode.INVALID, message: 'An employee cannot appraise their own plan.' },
  BOTH_APPRAISERS: {
    code: UserErrorCode.INVALID,
    message: 'Give either an appraiser or an external appraiser, not both.',
  },
  CLOSED: { code: UserErrorCode.LOCKED, message: 'The plan is closed.' },
  EFFECTIVE_DATE_INVALID: {
    code: UserErrorCode.INVALID,
    message: 'The effective date must fall inside the plan’s period, after the plan’s first day.',
  },
};

export function appraisalError(problem: AppraisalProblem, field: string[]): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, message, field);
}
