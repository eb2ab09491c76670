import { AppraisalStatus, TransitionAction } from './appraisal-enums';
import { areExpectationsEditable, isPlanEditable, nextStatus } from './appraisal-workflow';

const S = AppraisalStatus;
const A = TransitionAction;

describe('the plan workflow (transition table)', () => {
  const table: Array<[AppraisalStatus, TransitionAction, AppraisalStatus | undefined]> = [
    [S.DRAFT, A.SUBMIT, S.SUBMITTED],
    [S.RETURNED, A.SUBMIT, S.SUBMITTED],
    [S.REVISING, A.SUBMIT, S.SUBMITTED],
    [S.SUBMITTED, A.SUBMIT, undefined],
    [S.APPROVED, A.SUBMIT, undefined],
    [S.SUBMITTED, A.APPROVE, S.APPROVED],
    [S.DRAFT, A.APPROVE, undefined],
    [S.APPROVED, A.APPROVE, undefined],
    [S.SUBMITTED, A.RETURN, S.RETURNED],
    [S.DRAFT, A.RETURN, undefined],
    [S.APPROVED, A.REOPEN, S.REVISING],
    [S.SUBMITTED, A.REOPEN, undefined],
    [S.DRAFT, A.CLOSE, S.CLOSED],
    [S.APPROVED, A.CLOSE, S.CLOSED],
    [S.CLOSED, A.CLOSE, undefined],
    [S.CLOSED, A.SUBMIT, undefined],
    [S.CLOSED, A.REOPEN, undefined],
  ];
  it.each(table)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it.each([
    [S.DRAFT, true, true],
    [S.SUBMITTED, false, true],
    [S.RETURNED, true, true],
    [S.APPROVED, false, false],
    [S.REVISING, true, true],
    [S.CLOSED, false, false],
  ])('in %s the plan is editable: %s, expectations editable: %s', (status, plan, expectations) => {
    expect(isPlanEditable(status)).toBe(plan);
    expect(areExpectationsEditable(status)).toBe(expectations);
  });
});
