import { UserError, UserErrorCode } from '../../core/errors/user-error';

/** Every way an evaluation, a unit rating or an objection can be refused, each with its stable code and message. */
export enum EvaluationProblem {
  NOT_APPROVED = 'NOT_APPROVED',
  ALREADY_FINAL = 'ALREADY_FINAL',
  PERIOD_NOT_RUNNING = 'PERIOD_NOT_RUNNING',
  PERIOD_NOT_EVALUATING = 'PERIOD_NOT_EVALUATING',
  SUB_PERIOD_INVALID = 'SUB_PERIOD_INVALID',
  SUB_PERIOD_NOT_ENDED = 'SUB_PERIOD_NOT_ENDED',
  RESULT_RATING_REQUIRED = 'RESULT_RATING_REQUIRED',
  RESULT_FOLLOWS_UNIT = 'RESULT_FOLLOWS_UNIT',
  UNIT_RATING_MISSING = 'UNIT_RATING_MISSING',
  DUPLICATE_VALUE = 'DUPLICATE_VALUE',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  PERIOD_NOT_FOUND = 'PERIOD_NOT_FOUND',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  UNIT_RATING_EXISTS = 'UNIT_RATING_EXISTS',
  UNIT_FINALIZED = 'UNIT_FINALIZED',
  CURVE_VIOLATED = 'CURVE_VIOLATED',
  NOT_FINAL = 'NOT_FINAL',
  WINDOW_CLOSED = 'WINDOW_CLOSED',
  OBJECTION_EXISTS = 'OBJECTION_EXISTS',
  OBJECTION_NOT_FOUND = 'OBJECTION_NOT_FOUND',
  OBJECTION_DECIDED = 'OBJECTION_DECIDED',
  RATINGS_REQUIRED = 'RATINGS_REQUIRED',
  HEAD_RATING_OUTDATED = 'HEAD_RATING_OUTDATED',
}

const TABLE: Record<EvaluationProblem, { code: UserErrorCode; message: string }> = {
  HEAD_RATING_OUTDATED: {
    code: UserErrorCode.HEAD_RATING_OUTDATED,
    message: 'A unit head’s result rating followed an earlier rating of the unit: re-rate the head first.',
  },
  NOT_APPROVED: { code: UserErrorCode.PLAN_NOT_APPROVED, message: 'Only an approved plan is evaluated.' },
  ALREADY_FINAL: {
    code: UserErrorCode.ALREADY_FINAL,
    message: 'The rating is final: it changes only through an objection.',
  },
  PERIOD_NOT_RUNNING: {
    code: UserErrorCode.WRONG_PERIOD_PHASE,
    message: 'Periodic evaluations happen while the period is RUNNING or EVALUATING.',
  },
  PERIOD_NOT_EVALUATING: {
    code: UserErrorCode.WRONG_PERIOD_PHASE,
    message: 'The year is rated once HR moves the period to EVALUATING.',
  },
  SUB_PERIOD_INVALID: { code: UserErrorCode.INVALID, message: 'No such month or quarter in this period.' },
  SUB_PERIOD_NOT_ENDED: {
    code: UserErrorCode.INVALID,
    message: 'A month or quarter is evaluated from its last day on.',
  },
  RESULT_RATING_REQUIRED: { code: UserErrorCode.INVALID, message: 'Give the result rating.' },
  RESULT_FOLLOWS_UNIT: {
    code: UserErrorCode.INVALID,
    message: 'For the head of a unit the result rating follows the unit’s own rating.',
  },
  UNIT_RATING_MISSING: {
    code: UserErrorCode.UNIT_RATING_MISSING,
    message: 'The unit’s own rating for the year is not set yet (HR).',
  },
  DUPLICATE_VALUE: { code: UserErrorCode.INVALID, message: 'Each core value is assessed once.' },
  UNIT_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'No such unit.' },
  PERIOD_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'No such performance period.' },
  OUT_OF_SCOPE: { code: UserErrorCode.OUT_OF_SCOPE, message: 'This unit is outside the unit subtree you administer.' },
  UNIT_RATING_EXISTS: {
    code: UserErrorCode.CONFLICT,
    message: 'The unit already has a rating for this year: pass its version to change it.',
  },
  UNIT_FINALIZED: { code: UserErrorCode.LOCKED, message: 'The unit’s ratings for this year are finalized.' },
  CURVE_VIOLATED: { code: UserErrorCode.CURVE_VIOLATED, message: 'The predikat spread breaks the distribution curve' },
  NOT_FINAL: { code: UserErrorCode.NOT_FINAL, message: 'Only a final annual rating can be objected to.' },
  WINDOW_CLOSED: { code: UserErrorCode.OBJECTION_WINDOW_CLOSED, message: 'The objection window has closed.' },
  OBJECTION_EXISTS: { code: UserErrorCode.DUPLICATE, message: 'An objection to this rating was filed already.' },
  OBJECTION_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'No such objection.' },
  OBJECTION_DECIDED: {
    code: UserErrorCode.ALREADY_DECIDED,
    message: 'The objection is decided: the decision is final.',
  },
  RATINGS_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: 'Accepting an objection gives the decided result and behaviour ratings.',
  },
};

export function evaluationError(problem: EvaluationProblem, field: string[], detail?: string): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, detail ? `${message}: ${detail}` : message, field);
}
