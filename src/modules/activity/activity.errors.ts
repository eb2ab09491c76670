import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { type Text } from '../../core/i18n/text';

/** Every way a daily activity change can be refused, each mapped to its stable code and message. */
export enum ActivityProblem {
  ACTIVITY_NOT_FOUND = 'ACTIVITY_NOT_FOUND',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  DATE_OUTSIDE_PERIOD = 'DATE_OUTSIDE_PERIOD',
  DURATION_INVALID = 'DURATION_INVALID',
  URL_INVALID = 'URL_INVALID',
  INDICATOR_NOT_IN_PLAN = 'INDICATOR_NOT_IN_PLAN',
  ALREADY_ACKNOWLEDGED = 'ALREADY_ACKNOWLEDGED',
  COMMENT_REQUIRED = 'COMMENT_REQUIRED',
  SYNC_BATCH_SIZE = 'SYNC_BATCH_SIZE',
  CLIENT_ID_INVALID = 'CLIENT_ID_INVALID',
  CLIENT_ID_REUSED = 'CLIENT_ID_REUSED',
  WRITTEN_IN_FUTURE = 'WRITTEN_IN_FUTURE',
  DATE_AFTER_WRITTEN = 'DATE_AFTER_WRITTEN',
}

const TABLE: Record<ActivityProblem, { code: UserErrorCode; message: Text }> = {
  ACTIVITY_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Aktivitas harian tidak ditemukan.', en: 'No such activity entry.' },
  },
  DATE_IN_FUTURE: {
    code: UserErrorCode.INVALID,
    message: { id: 'Tanggal tidak boleh di masa depan.', en: 'The day cannot be in the future.' },
  },
  DATE_OUTSIDE_PERIOD: {
    code: UserErrorCode.PERIOD_CLOSED,
    message: {
      id: 'Tanggal tersebut berada dalam periode penilaian yang sudah ditutup (atau di luar periode mana pun).',
      en: 'The day falls in a closed performance period (or in none).',
    },
  },
  DURATION_INVALID: {
    code: UserErrorCode.INVALID,
    message: { id: 'Durasi 1 sampai 1.440 menit.', en: 'The duration is 1 to 1,440 minutes.' },
  },
  URL_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Bukti dukung berupa tautan: URL http(s) paling panjang 500 karakter.',
      en: 'Evidence is a link: an http(s) URL of at most 500 characters.',
    },
  },
  INDICATOR_NOT_IN_PLAN: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Indikator harus salah satu indikator SKP Anda pada tanggal tersebut.',
      en: 'The indicator must be one of your plan’s for that day.',
    },
  },
  ALREADY_ACKNOWLEDGED: {
    code: UserErrorCode.LOCKED,
    message: {
      id: 'Aktivitas harian sudah diterima atasan: tidak dapat diubah lagi.',
      en: 'The entry is acknowledged: it no longer changes.',
    },
  },
  COMMENT_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Sebutkan alasan aktivitas harian dikembalikan (paling banyak 2.000 karakter).',
      en: 'Say why the entry is returned (at most 2,000 characters).',
    },
  },
  SYNC_BATCH_SIZE: {
    code: UserErrorCode.INVALID,
    message: { id: 'Kirim 1 sampai 50 aktivitas harian sekaligus.', en: 'Send 1 to 50 entries at a time.' },
  },
  CLIENT_ID_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Id klien terdiri atas 1 sampai 100 karakter berupa huruf, angka, ".", "_", ":" dan "-".',
      en: 'A client id is 1 to 100 characters of letters, digits, ".", "_", ":" and "-".',
    },
  },
  CLIENT_ID_REUSED: {
    code: UserErrorCode.IDEMPOTENCY_KEY_REUSED,
    message: {
      id: 'Id klien ini sudah dipakai untuk aktivitas harian lain (tanggal atau waktu penulisan lain); beri aktivitas ini id baru.',
      en: 'You recorded another entry (another day or time written) under this client id; give this one a new id.',
    },
  },
  WRITTEN_IN_FUTURE: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Waktu penulisan berada di masa depan: periksa jam perangkat Anda.',
      en: 'The time written is in the future: check the device clock.',
    },
  },
  DATE_AFTER_WRITTEN: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Tanggal aktivitas sesudah tanggal aktivitas itu ditulis.',
      en: 'The day is after the day the entry was written.',
    },
  },
};

export function activityError(problem: ActivityProblem, field: string[]): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, message, field);
}
