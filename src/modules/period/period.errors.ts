import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { type Text } from '../../core/i18n/text';

/** Every way a period change can be refused, each mapped to its stable code and message. */
export enum PeriodProblem {
  YEAR_INVALID = 'YEAR_INVALID',
  YEAR_TAKEN = 'YEAR_TAKEN',
  DATE_INVALID = 'DATE_INVALID',
  DAYS_INVALID = 'DAYS_INVALID',
  PERIOD_NOT_FOUND = 'PERIOD_NOT_FOUND',
  PERIOD_CLOSED = 'PERIOD_CLOSED',
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
  CADENCE_FIXED = 'CADENCE_FIXED',
  REGION_ADMIN_ONLY = 'REGION_ADMIN_ONLY',
}

const TABLE: Record<PeriodProblem, { code: UserErrorCode; message: Text }> = {
  YEAR_INVALID: {
    code: UserErrorCode.INVALID,
    message: { id: 'Tahun harus antara 2020 dan 2100.', en: 'The year must be between 2020 and 2100.' },
  },
  YEAR_TAKEN: {
    code: UserErrorCode.DUPLICATE,
    message: { id: 'Periode penilaian untuk tahun ini sudah ada.', en: 'A period for this year exists already.' },
  },
  DATE_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Tanggal harus berupa hari kalender (YYYY-MM-DD) dalam tahun tersebut atau tepat setelahnya.',
      en: 'The date must be a calendar day (YYYY-MM-DD) within or just after the year.',
    },
  },
  DAYS_INVALID: {
    code: UserErrorCode.INVALID,
    message: { id: 'Jumlah hari harus antara 0 dan 90.', en: 'The number of days must be between 0 and 90.' },
  },
  PERIOD_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Periode penilaian tidak ditemukan.', en: 'No such performance period.' },
  },
  PERIOD_CLOSED: {
    code: UserErrorCode.PERIOD_CLOSED,
    message: {
      id: 'Periode penilaian sudah ditutup: tidak ada yang dapat diubah di dalamnya.',
      en: 'The performance period is closed: nothing in it can change.',
    },
  },
  TRANSITION_NOT_ALLOWED: {
    code: UserErrorCode.INVALID_STATE,
    message: {
      id: 'Periode penilaian maju satu langkah setiap kali: PLANNING → RUNNING → EVALUATING → CLOSED.',
      en: 'A period moves forward one step at a time: PLANNING → RUNNING → EVALUATING → CLOSED.',
    },
  },
  CADENCE_FIXED: {
    code: UserErrorCode.WRONG_PERIOD_PHASE,
    message: {
      id: 'Frekuensi evaluasi hanya dapat diubah selama periode penilaian berstatus PLANNING.',
      en: 'The cadence can only change while the period is PLANNING.',
    },
  },
  REGION_ADMIN_ONLY: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: {
      id: 'Hanya admin BKPSDM tingkat daerah yang mengelola periode penilaian.',
      en: 'Only a region-wide HR admin manages performance periods.',
    },
  },
};

export function periodError(problem: PeriodProblem, field: string[]): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, message, field);
}
