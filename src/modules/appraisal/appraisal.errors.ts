import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { type Text } from '../../core/i18n/text';

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

const TABLE: Record<AppraisalProblem, { code: UserErrorCode; message: Text }> = {
  APPRAISAL_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'SKP tidak ditemukan.', en: 'No such plan (SKP).' },
  },
  EMPLOYEE_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Pegawai tidak ditemukan.', en: 'No such employee.' },
  },
  UNIT_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Unit kerja tidak ditemukan.', en: 'No such unit.' },
  },
  EMPLOYEE_INACTIVE: {
    code: UserErrorCode.EMPLOYEE_INACTIVE,
    message: { id: 'Pegawai sudah dinonaktifkan.', en: 'The employee is deactivated.' },
  },
  PERIOD_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: {
      id: 'Periode penilaian tidak ditemukan (atau tidak ada periode yang sedang berjalan).',
      en: 'No such performance period (or none is current).',
    },
  },
  PERIOD_NOT_PLANNING: {
    code: UserErrorCode.WRONG_PERIOD_PHASE,
    message: {
      id: 'SKP disusun selama periode penilaian berstatus PLANNING atau RUNNING.',
      en: 'Plans are made while the period is PLANNING or RUNNING.',
    },
  },
  ALREADY_HAS_PLAN: {
    code: UserErrorCode.DUPLICATE,
    message: {
      id: 'Pegawai sudah memiliki SKP yang terbuka untuk periode ini.',
      en: 'The employee already has an open plan for this period.',
    },
  },
  NOT_EDITABLE: {
    code: UserErrorCode.PLAN_NOT_EDITABLE,
    message: {
      id: 'SKP tidak dapat diubah pada statusnya sekarang (hanya DRAFT, RETURNED atau REVISING).',
      en: 'The plan cannot be edited in its current state (only DRAFT, RETURNED or REVISING).',
    },
  },
  TRANSITION_NOT_ALLOWED: {
    code: UserErrorCode.INVALID_STATE,
    message: {
      id: 'Langkah ini tidak diperbolehkan dari status SKP sekarang.',
      en: 'This step is not allowed from the plan’s current state.',
    },
  },
  REASON_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Sebutkan alasannya (paling banyak 2.000 karakter).',
      en: 'Give a reason (at most 2,000 characters).',
    },
  },
  TEXT_TOO_LONG: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Teks terlalu panjang (paling banyak 4.000 karakter).',
      en: 'The text is too long (at most 4,000 characters).',
    },
  },
  OUT_OF_SCOPE: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: {
      id: 'SKP atau pegawai ini berada di luar unit kerja yang Anda kelola.',
      en: 'This plan or employee is outside the unit subtree you administer.',
    },
  },
  APPRAISER_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: {
      id: 'Pejabat penilai kinerja tidak ditemukan atau sudah dinonaktifkan.',
      en: 'The appraiser does not exist or is deactivated.',
    },
  },
  APPRAISER_IS_SELF: {
    code: UserErrorCode.INVALID,
    message: { id: 'Pegawai tidak dapat menilai SKP-nya sendiri.', en: 'An employee cannot appraise their own plan.' },
  },
  BOTH_APPRAISERS: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Isi pejabat penilai kinerja atau pejabat penilai dari luar instansi, tidak keduanya.',
      en: 'Give either an appraiser or an external appraiser, not both.',
    },
  },
  CLOSED: { code: UserErrorCode.LOCKED, message: { id: 'SKP sudah ditutup.', en: 'The plan is closed.' } },
  EFFECTIVE_DATE_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Tanggal berlaku harus di dalam periode SKP, setelah hari pertama SKP.',
      en: 'The effective date must fall inside the plan’s period, after the plan’s first day.',
    },
  },
};

export function appraisalError(problem: AppraisalProblem, field: string[]): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, message, field);
}
