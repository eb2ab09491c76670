import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { type Text } from '../../core/i18n/text';
import { NIP_PROBLEM_MESSAGES, type NipProblem } from './nip';

/** Every way an employee change can be refused, each mapped to its stable code and message. */
export enum EmployeeProblem {
  EMPLOYEE_NOT_FOUND = 'EMPLOYEE_NOT_FOUND',
  NIP_TAKEN = 'NIP_TAKEN',
  GRADE_INVALID_PNS = 'GRADE_INVALID_PNS',
  GRADE_INVALID_PPPK = 'GRADE_INVALID_PPPK',
  EMAIL_INVALID = 'EMAIL_INVALID',
  GENDER_MISMATCH = 'GENDER_MISMATCH',
  SIASN_ID_INVALID = 'SIASN_ID_INVALID',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  SUPERVISOR_NOT_FOUND = 'SUPERVISOR_NOT_FOUND',
  SUPERVISOR_INACTIVE = 'SUPERVISOR_INACTIVE',
  SUPERVISOR_OUT_OF_SCOPE = 'SUPERVISOR_OUT_OF_SCOPE',
  SUPERVISOR_CYCLE = 'SUPERVISOR_CYCLE',
  EXTERNAL_SUPERVISOR_NOT_FOUND = 'EXTERNAL_SUPERVISOR_NOT_FOUND',
  BOTH_SUPERVISORS = 'BOTH_SUPERVISORS',
  HEAD_CANNOT_MOVE = 'HEAD_CANNOT_MOVE',
  HEAD_CANNOT_DEACTIVATE = 'HEAD_CANNOT_DEACTIVATE',
  ALREADY_ACTIVE = 'ALREADY_ACTIVE',
  ALREADY_INACTIVE = 'ALREADY_INACTIVE',
}

const TABLE: Record<EmployeeProblem, { code: UserErrorCode; message: Text }> = {
  EMPLOYEE_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Pegawai tidak ditemukan.', en: 'No such employee.' },
  },
  NIP_TAKEN: {
    code: UserErrorCode.DUPLICATE,
    message: { id: 'NIP ini sudah dimiliki pegawai lain.', en: 'Another employee already has this NIP.' },
  },
  GRADE_INVALID_PNS: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Golongan PNS berupa golongan/ruang I/a sampai IV/e, mis. "III/b".',
      en: 'A PNS grade is a golongan/ruang from I/a to IV/e, e.g. "III/b".',
    },
  },
  GRADE_INVALID_PPPK: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Golongan PPPK berupa angka Romawi I sampai XVII.',
      en: 'A PPPK grade is a Roman numeral from I to XVII.',
    },
  },
  EMAIL_INVALID: {
    code: UserErrorCode.INVALID,
    message: { id: 'Alamat email tidak valid.', en: 'The email address is not valid.' },
  },
  GENDER_MISMATCH: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Jenis kelamin tidak sesuai dengan digit jenis kelamin pada NIP.',
      en: 'The gender disagrees with the gender digit of the NIP.',
    },
  },
  SIASN_ID_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'ID SIASN berupa 1 sampai 64 huruf, angka atau tanda hubung.',
      en: 'A SIASN id is 1 to 64 letters, digits or hyphens.',
    },
  },
  UNIT_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Unit kerja tidak ditemukan.', en: 'The unit does not exist.' },
  },
  OUT_OF_SCOPE: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: { id: 'Ini di luar unit kerja yang Anda kelola.', en: 'This is outside the unit subtree you administer.' },
  },
  SUPERVISOR_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Atasan langsung tidak ditemukan.', en: 'The supervisor does not exist.' },
  },
  SUPERVISOR_INACTIVE: {
    code: UserErrorCode.EMPLOYEE_INACTIVE,
    message: { id: 'Atasan langsung sudah dinonaktifkan.', en: 'The supervisor is deactivated.' },
  },
  SUPERVISOR_OUT_OF_SCOPE: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: {
      id: 'Atasan langsung bekerja di luar unit kerja yang Anda kelola.',
      en: 'The supervisor works outside the unit subtree you administer.',
    },
  },
  SUPERVISOR_CYCLE: {
    code: UserErrorCode.CYCLE,
    message: {
      id: 'Atasan langsung seorang pegawai tidak boleh dirinya sendiri atau bawahannya.',
      en: 'An employee cannot be supervised by themselves or by someone below them.',
    },
  },
  EXTERNAL_SUPERVISOR_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Pejabat dari luar instansi tidak ditemukan.', en: 'The external official does not exist.' },
  },
  BOTH_SUPERVISORS: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Isi atasan langsung atau atasan dari luar instansi, tidak keduanya.',
      en: 'Give either a supervisor or an external supervisor, not both.',
    },
  },
  HEAD_CANNOT_MOVE: {
    code: UserErrorCode.HEADS_UNIT,
    message: {
      id: 'Pegawai ini memimpin unit kerjanya: angkat pimpinan lain sebelum memindahkannya.',
      en: 'This employee heads their unit: appoint another head before moving them.',
    },
  },
  HEAD_CANNOT_DEACTIVATE: {
    code: UserErrorCode.HEADS_UNIT,
    message: {
      id: 'Pegawai ini memimpin unit kerja: angkat pimpinan lain sebelum menonaktifkannya.',
      en: 'This employee heads a unit: appoint another head before deactivating them.',
    },
  },
  ALREADY_ACTIVE: {
    code: UserErrorCode.ALREADY_IN_STATE,
    message: { id: 'Pegawai sudah aktif.', en: 'The employee is already active.' },
  },
  ALREADY_INACTIVE: {
    code: UserErrorCode.ALREADY_IN_STATE,
    message: { id: 'Pegawai sudah dinonaktifkan.', en: 'The employee is already deactivated.' },
  },
};

export function employeeError(problem: EmployeeProblem, field: string[]): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, message, field);
}

export function nipError(problem: NipProblem, field: string[]): UserError {
  return UserError.of(UserErrorCode.INVALID, NIP_PROBLEM_MESSAGES[problem], field);
}
