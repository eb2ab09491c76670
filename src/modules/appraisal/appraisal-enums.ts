import { registerEnumType } from 'type-graphql';

/** The states of a plan (SKP); the transitions between them are in `appraisal-workflow.ts`. */
export enum AppraisalStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  REVISING = 'REVISING',
  EVALUATED = 'EVALUATED',
  FINAL = 'FINAL',
  CLOSED = 'CLOSED',
}

registerEnumType(AppraisalStatus, {
  name: 'AppraisalStatus',
  description: 'Where a plan (SKP) stands in its approval workflow.',
  valuesConfig: {
    DRAFT: { description: 'The employee drafts the plan (konsep).' },
    SUBMITTED: { description: 'Submitted to the appraiser for approval (diajukan).' },
    RETURNED: {
      description: 'Returned by the appraiser with a reason; the employee revises and resubmits (dikembalikan).',
    },
    APPROVED: { description: 'Agreed by the appraiser (disetujui).' },
    REVISING: { description: 'Reopened by the appraiser: the employee revises an approved plan and resubmits.' },
    EVALUATED: {
      description:
        'The appraiser has rated the year (penilaian tahunan); it can still be re-rated until HR finalizes the unit.',
    },
    FINAL: {
      description: 'The annual rating is final and delivered to the employee (the objection window runs from then).',
    },
    CLOSED: { description: 'Closed, e.g. at a transfer to another position; kept in the history.' },
  },
});

/** Which SKP form applies, from the position kind (`docs/domain.md`, The SKP). */
export enum AppraisalForm {
  JPT = 'JPT',
  JA_JF = 'JA_JF',
}

registerEnumType(AppraisalForm, {
  name: 'AppraisalForm',
  description: 'The SKP form: senior executives, or administrators, supervisors, executors and functional staff.',
  valuesConfig: {
    JPT: {
      description:
        'Jabatan Pimpinan Tinggi: RHK come from the performance agreement (PK); every IKI has a perspective.',
    },
    JA_JF: {
      description: 'Administrator, pengawas, pelaksana, fungsional: each main RHK supports one of the appraiser’s RHK.',
    },
  },
});

export enum PlanApproach {
  QUANTITATIVE = 'QUANTITATIVE',
  QUALITATIVE = 'QUALITATIVE',
}

registerEnumType(PlanApproach, {
  name: 'PlanApproach',
  description: 'How the plan’s indicators are stated (pendekatan).',
  valuesConfig: {
    QUANTITATIVE: { description: 'Kuantitatif: each IKI has an aspect and a numeric target with a unit.' },
    QUALITATIVE: { description: 'Kualitatif: each IKI has a target statement.' },
  },
});

export enum TransitionAction {
  SUBMIT = 'SUBMIT',
  APPROVE = 'APPROVE',
  RETURN = 'RETURN',
  REOPEN = 'REOPEN',
  EVALUATE = 'EVALUATE',
  FINALIZE = 'FINALIZE',
  CLOSE = 'CLOSE',
}

registerEnumType(TransitionAction, {
  name: 'TransitionAction',
  description: 'A step of the plan workflow.',
  valuesConfig: {
    SUBMIT: { description: 'The employee submits the plan.' },
    APPROVE: { description: 'The appraiser approves it.' },
    RETURN: { description: 'The appraiser returns it with a reason.' },
    REOPEN: { description: 'The appraiser reopens an approved plan for revision, with a reason.' },
    EVALUATE: { description: 'The appraiser rates the year (or re-rates it before it is final).' },
    FINALIZE: { description: 'HR finalizes the unit’s ratings: the rating is delivered to the employee.' },
    CLOSE: { description: 'The plan closes (a transfer to another position or unit).' },
  },
});
