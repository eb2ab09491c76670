import { UserError, UserErrorCode } from '../../core/errors/user-error';

/** Every way a change to a plan's content can be refused, each mapped to its stable code and message. */
export enum WorkPlanProblem {
  WORK_RESULT_PLAN_NOT_FOUND = 'WORK_RESULT_PLAN_NOT_FOUND',
  INDICATOR_NOT_FOUND = 'INDICATOR_NOT_FOUND',
  SUPPORTS_REQUIRED = 'SUPPORTS_REQUIRED',
  SUPPORTS_NOT_APPRAISERS = 'SUPPORTS_NOT_APPRAISERS',
  SUPPORTS_NOT_ALLOWED_JPT = 'SUPPORTS_NOT_ALLOWED_JPT',
  SUPPORTED_BY_OTHERS = 'SUPPORTED_BY_OTHERS',
  ASPECT_REQUIRED = 'ASPECT_REQUIRED',
  TARGET_VALUE_REQUIRED = 'TARGET_VALUE_REQUIRED',
  TARGET_VALUE_NEGATIVE = 'TARGET_VALUE_NEGATIVE',
  TARGET_UNIT_REQUIRED = 'TARGET_UNIT_REQUIRED',
  TARGET_TEXT_REQUIRED = 'TARGET_TEXT_REQUIRED',
  PERSPECTIVE_REQUIRED = 'PERSPECTIVE_REQUIRED',
  PERSPECTIVE_NOT_ALLOWED = 'PERSPECTIVE_NOT_ALLOWED',
  NO_MAIN_RESULT = 'NO_MAIN_RESULT',
  NO_INDICATOR = 'NO_INDICATOR',
  EXPECTATIONS_CLOSED = 'EXPECTATIONS_CLOSED',
}

const TABLE: Record<WorkPlanProblem, { code: UserErrorCode; message: string }> = {
  WORK_RESULT_PLAN_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'No such work-result plan (RHK).' },
  INDICATOR_NOT_FOUND: { code: UserErrorCode.NOT_FOUND, message: 'No such indicator (IKI).' },
  SUPPORTS_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: 'A main RHK must support one of your appraiser’s RHK for this period (cascading).',
  },
  SUPPORTS_NOT_APPRAISERS: {
    code: UserErrorCode.INVALID,
    message: 'An RHK can only support an RHK of your appraiser’s plan for the same period.',
  },
  SUPPORTS_NOT_ALLOWED_JPT: {
    code: UserErrorCode.INVALID,
    message: 'A JPT’s RHK comes from the performance agreement (PK) and supports no one’s RHK.',
  },
  SUPPORTED_BY_OTHERS: {
    code: UserErrorCode.IN_USE,
    message: 'Other plans’ RHK support this one: they must change first.',
  },
  ASPECT_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: 'In a quantitative plan each indicator has an aspect (quantity, quality, time or cost).',
  },
  TARGET_VALUE_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: 'In a quantitative plan each indicator has a numeric target.',
  },
  TARGET_VALUE_NEGATIVE: { code: UserErrorCode.INVALID, message: 'A target cannot be negative.' },
  TARGET_UNIT_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: 'A numeric target needs its unit (at most 64 characters), e.g. "%" or "dokumen".',
  },
  TARGET_TEXT_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: 'In a qualitative plan each indicator has a target statement.',
  },
  PERSPECTIVE_REQUIRED: { code: UserErrorCode.INVALID, message: 'Every indicator of a JPT plan has a perspective.' },
  PERSPECTIVE_NOT_ALLOWED: { code: UserErrorCode.INVALID, message: 'Perspectives belong to JPT plans only.' },
  NO_MAIN_RESULT: {
    code: UserErrorCode.INVALID,
    message: 'A plan needs at least one main RHK before it is submitted.',
  },
  NO_INDICATOR: {
    code: UserErrorCode.INVALID,
    message: 'Every RHK needs at least one indicator before the plan is submitted.',
  },
  EXPECTATIONS_CLOSED: {
    code: UserErrorCode.PLAN_NOT_EDITABLE,
    message: 'Behaviour expectations are part of the agreed plan: they change only before approval or after a reopen.',
  },
};

export function workPlanError(problem: WorkPlanProblem, field: string[], detail?: string): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, detail ? `${message} (${detail})` : message, field);
}
