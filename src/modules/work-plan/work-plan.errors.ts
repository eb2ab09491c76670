import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { type Text } from '../../core/i18n/text';

/** Every way a change to a plan's content can be refused, each mapped to its stable code and message. */
export enum WorkPlanProblem {
  WORK_RESULT_PLAN_NOT_FOUND = 'WORK_RESULT_PLAN_NOT_FOUND',
  INDICATOR_NOT_FOUND = 'INDICATOR_NOT_FOUND',
  SUPPORTS_REQUIRED = 'SUPPORTS_REQUIRED',
  SUPPORTS_NOT_APPRAISERS = 'SUPPORTS_NOT_APPRAISERS',
  SUPPORTS_NOT_ALLOWED_JPT = 'SUPPORTS_NOT_ALLOWED_JPT',
  SUPPORTED_BY_OTHERS = 'SUPPORTED_BY_OTHERS',
  ASPECT_REQUIRED = 'ASPECT_REQUIRED',
  TARGET_VALUE_REQUIRED = 'TARGET_VALUE_REQUIRED',
  TARGET_VALUE_NEGATIVE = 'TARGET_VALUE_NEGATIVE',
  TARGET_UNIT_REQUIRED = 'TARGET_UNIT_REQUIRED',
  TARGET_TEXT_REQUIRED = 'TARGET_TEXT_REQUIRED',
  PERSPECTIVE_REQUIRED = 'PERSPECTIVE_REQUIRED',
  PERSPECTIVE_NOT_ALLOWED = 'PERSPECTIVE_NOT_ALLOWED',
  NO_MAIN_RESULT = 'NO_MAIN_RESULT',
  NO_INDICATOR = 'NO_INDICATOR',
  EXPECTATIONS_CLOSED = 'EXPECTATIONS_CLOSED',
}

const TABLE: Record<WorkPlanProblem, { code: UserErrorCode; message: Text }> = {
  WORK_RESULT_PLAN_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Rencana hasil kerja (RHK) tidak ditemukan.', en: 'No such work-result plan (RHK).' },
  },
  INDICATOR_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Indikator kinerja individu (IKI) tidak ditemukan.', en: 'No such indicator (IKI).' },
  },
  SUPPORTS_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'RHK utama harus mendukung salah satu RHK pejabat penilai kinerja Anda untuk periode ini (cascading).',
      en: 'A main RHK must support one of your appraiser’s RHK for this period (cascading).',
    },
  },
  SUPPORTS_NOT_APPRAISERS: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'RHK hanya dapat mendukung RHK pada SKP pejabat penilai kinerja Anda untuk periode yang sama.',
      en: 'An RHK can only support an RHK of your appraiser’s plan for the same period.',
    },
  },
  SUPPORTS_NOT_ALLOWED_JPT: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'RHK JPT berasal dari perjanjian kinerja (PK) dan tidak mendukung RHK siapa pun.',
      en: 'A JPT’s RHK comes from the performance agreement (PK) and supports no one’s RHK.',
    },
  },
  SUPPORTED_BY_OTHERS: {
    code: UserErrorCode.IN_USE,
    message: {
      id: 'RHK pada SKP lain mendukung RHK ini: RHK tersebut harus diubah lebih dulu.',
      en: 'Other plans’ RHK support this one: they must change first.',
    },
  },
  ASPECT_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Pada SKP kuantitatif setiap indikator memiliki aspek (kuantitas, kualitas, waktu atau biaya).',
      en: 'In a quantitative plan each indicator has an aspect (quantity, quality, time or cost).',
    },
  },
  TARGET_VALUE_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Pada SKP kuantitatif setiap indikator memiliki target berupa angka.',
      en: 'In a quantitative plan each indicator has a numeric target.',
    },
  },
  TARGET_VALUE_NEGATIVE: {
    code: UserErrorCode.INVALID,
    message: { id: 'Target tidak boleh negatif.', en: 'A target cannot be negative.' },
  },
  TARGET_UNIT_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Target berupa angka memerlukan satuannya (paling banyak 64 karakter), mis. "%" atau "dokumen".',
      en: 'A numeric target needs its unit (at most 64 characters), e.g. "%" or "dokumen".',
    },
  },
  TARGET_TEXT_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Pada SKP kualitatif setiap indikator memiliki pernyataan target.',
      en: 'In a qualitative plan each indicator has a target statement.',
    },
  },
  PERSPECTIVE_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Setiap indikator pada SKP JPT memiliki perspektif.',
      en: 'Every indicator of a JPT plan has a perspective.',
    },
  },
  PERSPECTIVE_NOT_ALLOWED: {
    code: UserErrorCode.INVALID,
    message: { id: 'Perspektif hanya untuk SKP JPT.', en: 'Perspectives belong to JPT plans only.' },
  },
  NO_MAIN_RESULT: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'SKP memerlukan sedikitnya satu RHK utama sebelum diajukan.',
      en: 'A plan needs at least one main RHK before it is submitted.',
    },
  },
  NO_INDICATOR: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Setiap RHK memerlukan sedikitnya satu indikator sebelum SKP diajukan.',
      en: 'Every RHK needs at least one indicator before the plan is submitted.',
    },
  },
  EXPECTATIONS_CLOSED: {
    code: UserErrorCode.PLAN_NOT_EDITABLE,
    message: {
      id: 'Ekspektasi perilaku kerja adalah bagian SKP yang disepakati: hanya berubah sebelum persetujuan atau setelah SKP dibuka kembali.',
      en: 'Behaviour expectations are part of the agreed plan: they change only before approval or after a reopen.',
    },
  },
};

/** `detail` names the RHK at fault in the regulation's words ("RHK utama 2"), the same in every language. */
export function workPlanError(problem: WorkPlanProblem, field: string[], detail?: string): UserError {
  const { code, message } = TABLE[problem];
  const suffix = detail ? ` (${detail})` : '';
  return UserError.of(code, { id: `${message.id}${suffix}`, en: `${message.en}${suffix}` }, field);
}
