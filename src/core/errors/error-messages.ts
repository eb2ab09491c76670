import { type Text } from '../i18n/text';

/** The texts of the top-level errors the service sends on purpose (`docs/api.md`, Error codes). */
export const ERROR_MESSAGES = {
  signIn: { id: 'Masuk dengan bearer token yang sah.', en: 'Sign in with a valid bearer token.' },
  forbidden: { id: 'Anda tidak diizinkan melakukan ini.', en: 'You are not allowed to do this.' },
  internal: { id: 'Terjadi kesalahan pada server.', en: 'Internal server error.' },
  databaseAway: {
    id: 'Basis data tidak menjawab; coba lagi sebentar lagi.',
    en: 'The database is not answering; try again shortly.',
  },
  bearerHeader: {
    id: 'Header Authorization harus berbentuk "Bearer <token>".',
    en: 'The Authorization header must be "Bearer <token>".',
  },
  invalidToken: (reason: string): Text => ({ id: `Token tidak sah: ${reason}.`, en: `Invalid token: ${reason}.` }),
  unknownScope: {
    id: 'Token tidak sah: cakupan unit kerja BKPSDM-nya tidak ada.',
    en: 'Invalid token: its HR unit scope does not exist.',
  },
  unknownEmployee: {
    id: 'Token tidak sah: tidak ada pegawai aktif dengan NIP ini.',
    en: 'Invalid token: no active employee has this NIP.',
  },
  clientWithoutRole: {
    id: 'Token tidak sah: token klien harus memberi sebuah peran.',
    en: 'Invalid token: a client token must grant a role.',
  },
  noDailyLog: {
    id: 'Hanya pegawai yang masuk dengan akunnya yang mencatat aktivitas harian.',
    en: 'Only a signed-in employee keeps a daily log.',
  },
  noFeedbackAuthor: {
    id: 'Umpan balik berasal dari pegawai yang menilai atau menjadi atasan penerimanya.',
    en: 'Feedback comes from an employee who appraises or supervises the recipient.',
  },
  budgetSpent: (seconds: number): Text => ({
    id: `Anggaran kueri Anda untuk menit ini sudah habis; coba lagi dalam ${seconds} detik.`,
    en: `Your query budget for this minute is spent; retry in ${seconds} s.`,
  }),
  noSuchDocument: { id: 'Dokumen tidak ditemukan.', en: 'No such document.' },
  noSuchPlan: { id: 'Tidak ada SKP yang dapat Anda baca dengan id ini.', en: 'No plan you may read has this id.' },
} satisfies Record<string, Text | ((...args: never[]) => Text)>;
