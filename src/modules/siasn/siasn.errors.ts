import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { type Text } from '../../core/i18n/text';

/** Every way a SIASN request can be refused, each mapped to its stable code and message. */
export enum SiasnProblem {
  NOT_FOUND = 'NOT_FOUND',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  SIASN_ID_INVALID = 'SIASN_ID_INVALID',
  VERSION_INVALID = 'VERSION_INVALID',
  TOO_MANY = 'TOO_MANY',
}

const TABLE: Record<SiasnProblem, { code: UserErrorCode; message: Text }> = {
  NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: {
      id: 'Tidak ada hasil penilaian yang telah diserahkan dengan id ini.',
      en: 'No delivered result has this id.',
    },
  },
  OUT_OF_SCOPE: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: {
      id: 'Hasil penilaian ini berada di luar cakupan unit kerja Anda.',
      en: 'This result lies outside your unit scope.',
    },
  },
  SIASN_ID_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'ID SIASN berupa 1 sampai 64 huruf, angka atau tanda hubung.',
      en: 'A SIASN id is 1 to 64 letters, digits or hyphens.',
    },
  },
  VERSION_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Versi berupa versi hasil penilaian yang telah diekspor: dari 1 sampai versinya saat ini.',
      en: 'The version is one of the result’s exported versions: from 1 to its current one.',
    },
  },
  TOO_MANY: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Kirim paling banyak 500 rekaman setiap kali.',
      en: 'Send at most 500 records per call.',
    },
  },
};

export function siasnError(problem: SiasnProblem, field: string[]): UserError {
  const entry = TABLE[problem];
  return UserError.of(entry.code, entry.message, field);
}

/** The texts of the SIASN exports' refusals (`siasn.router.ts`). */
export const siasnMessages = {
  hrOnly: {
    id: 'Ekspor SIASN hanya untuk admin kepegawaian.',
    en: 'The SIASN export is for HR admins only.',
  },
  target: {
    id: 'Sebutkan `unitCode` dan `year` (bilangan bulat seperti 2027), masing-masing satu kali.',
    en: 'Give `unitCode` and `year` (a whole number such as 2027), each once.',
  },
  notFound: {
    id: 'Tidak ada unit kerja dengan kode ini, atau tidak ada periode untuk tahun ini.',
    en: 'No unit has this code, or no period this year.',
  },
  outOfScope: {
    id: 'Unit kerja ini berada di luar cakupan Anda.',
    en: 'This unit lies outside your scope.',
  },
} satisfies Record<string, Text>;
