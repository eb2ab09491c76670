import { AppraisalStatus, TransitionAction } from './appraisal-enums';

/** Who takes a step: the employee whose plan it is, the appraiser (pejabat penilai kinerja), or the system. */
export enum WorkflowRole {
  EMPLOYEE = 'EMPLOYEE',
  APPRAISER = 'APPRAISER',
  SYSTEM = 'SYSTEM',
}

export interface Transition {
  action: TransitionAction;
  from: readonly AppraisalStatus[];
  to: AppraisalStatus;
  by: WorkflowRole;
  reasonRequired: boolean;
}

const OPEN: readonly AppraisalStatus[] = [
  AppraisalStatus.DRAFT,
  AppraisalStatus.SUBMITTED,
  AppraisalStatus.RETURNED,
  AppraisalStatus.APPROVED,
  AppraisalStatus.REVISING,
];

/** The whole workflow, as data: one table to read, test and print. */
export const TRANSITIONS: Readonly<Record<TransitionAction, Transition>> = {
  [TransitionAction.SUBMIT]: {
    action: TransitionAction.SUBMIT,
    from: [AppraisalStatus.DRAFT, AppraisalStatus.RETURNED, AppraisalStatus.REVISING],
    to: AppraisalStatus.SUBMITTED,
    by: WorkflowRole.EMPLOYEE,
    reasonRequired: false,
  },
  [TransitionAction.APPROVE]: {
    action: TransitionAction.APPROVE,
    from: [AppraisalStatus.SUBMITTED],
    to: AppraisalStatus.APPROVED,
    by: WorkflowRole.APPRAISER,
    reasonRequired: false,
  },
  [TransitionAction.RETURN]: {
    action: TransitionAction.RETURN,
    from: [AppraisalStatus.SUBMITTED],
    to: AppraisalStatus.RETURNED,
    by: WorkflowRole.APPRAISER,
    reasonRequired: true,
  },
  [TransitionAction.REOPEN]: {
    action: TransitionAction.REOPEN,
    from: [AppraisalStatus.APPROVED],
    to: AppraisalStatus.REVISING,
    by: WorkflowRole.APPRAISER,
    reasonRequired: true,
  },
  [TransitionAction.EVALUATE]: {
    action: TransitionAction.EVALUATE,
    from: [AppraisalStatus.APPROVED, AppraisalStatus.EVALUATED],
    to: AppraisalStatus.EVALUATED,
    by: WorkflowRole.APPRAISER,
    reasonRequired: false,
  },
  [TransitionAction.FINALIZE]: {
    action: TransitionAction.FINALIZE,
    from: [AppraisalStatus.EVALUATED],
    to: AppraisalStatus.FINAL,
    by: WorkflowRole.SYSTEM,
    reasonRequired: false,
  },
  [TransitionAction.CLOSE]: {
    action: TransitionAction.CLOSE,
    from: OPEN,
    to: AppraisalStatus.CLOSED,
    by: WorkflowRole.SYSTEM,
    reasonRequired: true,
  },
};

/** The status a step leads to from `status`, or undefined when the step is not allowed from there. */
export function nextStatus(status: AppraisalStatus, action: TransitionAction): AppraisalStatus | undefined {
  const transition = TRANSITIONS[action];
  return transition.from.includes(status) ? transition.to : undefined;
}

/** The employee edits the plan's content (RHK, IKI, annex) only in these states. */
export function isPlanEditable(status: AppraisalStatus): boolean {
  return status === AppraisalStatus.DRAFT || status === AppraisalStatus.RETURNED || status === AppraisalStatus.REVISING;
}

/** The appraiser writes specific behaviour expectations until the plan is approved (they are part of it). */
export function areExpectationsEditable(status: AppraisalStatus): boolean {
  return isPlanEditable(status) || status === AppraisalStatus.SUBMITTED;
}
