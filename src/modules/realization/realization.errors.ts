import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { type Text } from '../../core/i18n/text';

/** Every way recording a realization can be refused, each mapped to its stable code and message. */
export enum RealizationProblem {
  INDICATOR_NOT_FOUND = 'INDICATOR_NOT_FOUND',
  PLAN_NOT_APPROVED = 'PLAN_NOT_APPROVED',
  SUB_PERIOD_INVALID = 'SUB_PERIOD_INVALID',
  SUB_PERIOD_NOT_STARTED = 'SUB_PERIOD_NOT_STARTED',
  SUB_PERIOD_OUTSIDE_PLAN = 'SUB_PERIOD_OUTSIDE_PLAN',
  SUB_PERIOD_EVALUATED = 'SUB_PERIOD_EVALUATED',
  VALUE_REQUIRED = 'VALUE_REQUIRED',
  VALUE_NEGATIVE = 'VALUE_NEGATIVE',
  STATEMENT_REQUIRED = 'STATEMENT_REQUIRED',
  VERSION_REQUIRED = 'VERSION_REQUIRED',
}

const TABLE: Record<RealizationProblem, { code: UserErrorCode; message: Text }> = {
  INDICATOR_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Indikator kinerja individu (IKI) tidak ditemukan.', en: 'No such indicator (IKI).' },
  },
  PLAN_NOT_APPROVED: {
    code: UserErrorCode.PLAN_NOT_APPROVED,
    message: {
      id: 'Realisasi dicatat pada SKP yang sudah disetujui.',
      en: 'Realizations are recorded against an approved plan.',
    },
  },
  SUB_PERIOD_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Bulan atau triwulan tersebut tidak ada dalam periode ini.',
      en: 'No such month or quarter in this period.',
    },
  },
  SUB_PERIOD_NOT_STARTED: {
    code: UserErrorCode.INVALID,
    message: { id: 'Bulan atau triwulan ini belum dimulai.', en: 'This month or quarter has not started yet.' },
  },
  SUB_PERIOD_OUTSIDE_PLAN: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Bulan atau triwulan ini di luar rentang tanggal SKP.',
      en: 'This month or quarter is outside the dates the plan covers.',
    },
  },
  SUB_PERIOD_EVALUATED: {
    code: UserErrorCode.LOCKED,
    message: {
      id: 'Bulan atau triwulan ini sudah dievaluasi: realisasinya tidak dapat diubah lagi.',
      en: 'This month or quarter has been evaluated: its realizations can no longer change.',
    },
  },
  VALUE_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: { id: 'SKP kuantitatif mencatat nilai realisasi.', en: 'A quantitative plan records a value.' },
  },
  VALUE_NEGATIVE: {
    code: UserErrorCode.INVALID,
    message: { id: 'Nilai tidak boleh negatif.', en: 'A value cannot be negative.' },
  },
  STATEMENT_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'SKP kualitatif mencatat pernyataan capaian.',
      en: 'A qualitative plan records a statement of what was achieved.',
    },
  },
  VERSION_REQUIRED: {
    code: UserErrorCode.CONFLICT,
    message: {
      id: 'Realisasi ini sudah ada: kirim versi yang Anda baca untuk mengubahnya.',
      en: 'This realization exists already: pass the version you read to change it.',
    },
  },
};

export function realizationError(problem: RealizationProblem, field: string[], currentVersion?: number): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, message, field, currentVersion);
}
