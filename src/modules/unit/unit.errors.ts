import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { type Text } from '../../core/i18n/text';

/** Every way a unit change can be refused, each mapped to its stable code and message. */
export enum UnitProblem {
  CODE_INVALID = 'CODE_INVALID',
  CODE_TAKEN = 'CODE_TAKEN',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  PARENT_NOT_FOUND = 'PARENT_NOT_FOUND',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  ROOT_NEEDS_REGION_ADMIN = 'ROOT_NEEDS_REGION_ADMIN',
  CYCLE = 'CYCLE',
  HEAD_NOT_FOUND = 'HEAD_NOT_FOUND',
  HEAD_NOT_IN_UNIT = 'HEAD_NOT_IN_UNIT',
  HEAD_INACTIVE = 'HEAD_INACTIVE',
}

const TABLE: Record<UnitProblem, { code: UserErrorCode; message: Text }> = {
  CODE_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Kode unit kerja terdiri atas 1 sampai 64 huruf, angka, ".", "_" atau "-".',
      en: 'A unit code is 1 to 64 letters, digits, ".", "_" or "-".',
    },
  },
  CODE_TAKEN: {
    code: UserErrorCode.DUPLICATE,
    message: { id: 'Kode ini sudah dipakai unit kerja lain.', en: 'Another unit already has this code.' },
  },
  UNIT_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Unit kerja tidak ditemukan.', en: 'No such unit.' },
  },
  PARENT_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Unit kerja induk tidak ditemukan.', en: 'The parent unit does not exist.' },
  },
  OUT_OF_SCOPE: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: {
      id: 'Unit kerja ini di luar unit kerja yang Anda kelola.',
      en: 'This unit is outside the unit subtree you administer.',
    },
  },
  ROOT_NEEDS_REGION_ADMIN: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: {
      id: 'Hanya admin BKPSDM tingkat daerah yang dapat membuat unit kerja di puncak struktur atau memindahkannya ke sana.',
      en: 'Only a region-wide HR admin may create or move a unit to the top of the tree.',
    },
  },
  CYCLE: {
    code: UserErrorCode.CYCLE,
    message: {
      id: 'Unit kerja tidak dapat dipindahkan ke bawah dirinya sendiri atau salah satu sub-unitnya.',
      en: 'A unit cannot be moved under itself or one of its own sub-units.',
    },
  },
  HEAD_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Pegawai yang ditunjuk sebagai pimpinan tidak ditemukan.', en: 'The head employee does not exist.' },
  },
  HEAD_NOT_IN_UNIT: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Pimpinan unit kerja harus pegawai unit kerja tersebut.',
      en: 'The head of a unit must be an employee of that unit.',
    },
  },
  HEAD_INACTIVE: {
    code: UserErrorCode.EMPLOYEE_INACTIVE,
    message: {
      id: 'Pimpinan unit kerja harus pegawai yang aktif.',
      en: 'The head of a unit must be an active employee.',
    },
  },
};

export function unitError(problem: UnitProblem, field: string[]): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, message, field);
}
