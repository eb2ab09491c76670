import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { type Text } from '../../core/i18n/text';

/** Every way a competency change can be refused, each with its stable code and message. */
export enum CompetencyProblem {
  CODE_INVALID = 'CODE_INVALID',
  CODE_TAKEN = 'CODE_TAKEN',
  TYPE_RESERVED = 'TYPE_RESERVED',
  FIELD_REQUIRED = 'FIELD_REQUIRED',
  LEVELS_INVALID = 'LEVELS_INVALID',
  REFERENCE_READ_ONLY = 'REFERENCE_READ_ONLY',
  COMPETENCY_NOT_FOUND = 'COMPETENCY_NOT_FOUND',
  EMPLOYEE_NOT_FOUND = 'EMPLOYEE_NOT_FOUND',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  PERIOD_NOT_FOUND = 'PERIOD_NOT_FOUND',
  PERIOD_CLOSED = 'PERIOD_CLOSED',
  REQUIREMENT_NOT_FOUND = 'REQUIREMENT_NOT_FOUND',
  SUGGESTION_NOT_FOUND = 'SUGGESTION_NOT_FOUND',
  SUGGESTION_TRANSITION = 'SUGGESTION_TRANSITION',
  LEVEL_INVALID = 'LEVEL_INVALID',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  VALID_UNTIL_BEFORE = 'VALID_UNTIL_BEFORE',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  VERSION_REQUIRED = 'VERSION_REQUIRED',
}

const TABLE: Record<CompetencyProblem, { code: UserErrorCode; message: Text }> = {
  CODE_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Kode terdiri atas 2 sampai 32 huruf kapital, angka atau tanda hubung.',
      en: 'A code is 2 to 32 capital letters, digits or hyphens.',
    },
  },
  CODE_TAKEN: {
    code: UserErrorCode.DUPLICATE,
    message: { id: 'Kode ini sudah dipakai kompetensi lain.', en: 'Another competency has this code.' },
  },
  TYPE_RESERVED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Kompetensi manajerial dan sosial kultural berasal dari standar nasional; BKPSDM hanya menambah kompetensi teknis.',
      en: 'Managerial and socio-cultural competencies come from the national standard; HR adds technical ones.',
    },
  },
  FIELD_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Kompetensi teknis menyebutkan bidangnya (mis. Kesehatan).',
      en: 'A technical competency names its field (e.g. Kesehatan).',
    },
  },
  LEVELS_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Isi kelima level 1–5, masing-masing dengan uraian dan 1 sampai 10 indikator perilaku.',
      en: 'Give the five levels 1–5, each with a description and 1 to 10 behaviour indicators.',
    },
  },
  REFERENCE_READ_ONLY: {
    code: UserErrorCode.LOCKED,
    message: {
      id: 'Kompetensi standar nasional adalah data acuan dan tidak diubah di sini.',
      en: 'A competency of the national standard is reference data and is not changed here.',
    },
  },
  COMPETENCY_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Kompetensi tidak ditemukan.', en: 'No such competency.' },
  },
  EMPLOYEE_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Pegawai tidak ditemukan atau tidak dapat Anda lihat.', en: 'No such employee that you may see.' },
  },
  UNIT_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Unit kerja tidak ditemukan.', en: 'No such unit.' },
  },
  PERIOD_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Periode penilaian tidak ditemukan.', en: 'No such period.' },
  },
  PERIOD_CLOSED: {
    code: UserErrorCode.PERIOD_CLOSED,
    message: { id: 'Periode penilaian sudah ditutup.', en: 'The period is closed.' },
  },
  REQUIREMENT_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Persyaratan jabatan tidak ditemukan.', en: 'No such position requirement.' },
  },
  SUGGESTION_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: {
      id: 'Saran pengembangan tidak ditemukan atau tidak dapat Anda lihat.',
      en: 'No such development suggestion that you may see.',
    },
  },
  SUGGESTION_TRANSITION: {
    code: UserErrorCode.INVALID_STATE,
    message: {
      id: 'Saran berpindah PLANNED ⇄ IN_PROGRESS, lalu ke DONE atau CANCELLED, yang bersifat final.',
      en: 'A suggestion moves PLANNED ⇄ IN_PROGRESS, then to DONE or CANCELLED, which are final.',
    },
  },
  LEVEL_INVALID: {
    code: UserErrorCode.INVALID,
    message: { id: 'Level berupa bilangan bulat 1 sampai 5.', en: 'A level is a whole number from 1 to 5.' },
  },
  DATE_IN_FUTURE: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Penilaian dicatat pada atau setelah tanggal penilaiannya.',
      en: 'An assessment is recorded on or after its day.',
    },
  },
  VALID_UNTIL_BEFORE: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Masa berlaku tidak boleh berakhir sebelum tanggal penilaian.',
      en: 'It cannot expire before it was made.',
    },
  },
  OUT_OF_SCOPE: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: { id: 'Unit kerja ini di luar cakupan BKPSDM Anda.', en: 'The unit is outside your HR scope.' },
  },
  VERSION_REQUIRED: {
    code: UserErrorCode.CONFLICT,
    message: {
      id: 'Data ini sudah ada: kirim `expectedVersion`-nya untuk mengubahnya.',
      en: 'This already exists: pass its `expectedVersion` to change it.',
    },
  },
};

export function competencyError(problem: CompetencyProblem, field: string[], currentVersion?: number): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, message, field, currentVersion);
}
