import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { joinTexts, type Text } from '../../core/i18n/text';
import { type CurveBound, type CurveViolation } from './distribution-curve';

/** Every way an evaluation, a unit rating or an objection can be refused, each with its stable code and message. */
export enum EvaluationProblem {
  NOT_APPROVED = 'NOT_APPROVED',
  ALREADY_FINAL = 'ALREADY_FINAL',
  PERIOD_NOT_RUNNING = 'PERIOD_NOT_RUNNING',
  PERIOD_NOT_EVALUATING = 'PERIOD_NOT_EVALUATING',
  SUB_PERIOD_INVALID = 'SUB_PERIOD_INVALID',
  SUB_PERIOD_NOT_ENDED = 'SUB_PERIOD_NOT_ENDED',
  RESULT_RATING_REQUIRED = 'RESULT_RATING_REQUIRED',
  RESULT_FOLLOWS_UNIT = 'RESULT_FOLLOWS_UNIT',
  UNIT_RATING_MISSING = 'UNIT_RATING_MISSING',
  DUPLICATE_VALUE = 'DUPLICATE_VALUE',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  PERIOD_NOT_FOUND = 'PERIOD_NOT_FOUND',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  UNIT_RATING_EXISTS = 'UNIT_RATING_EXISTS',
  UNIT_FINALIZED = 'UNIT_FINALIZED',
  CURVE_VIOLATED = 'CURVE_VIOLATED',
  NOT_FINAL = 'NOT_FINAL',
  WINDOW_CLOSED = 'WINDOW_CLOSED',
  OBJECTION_EXISTS = 'OBJECTION_EXISTS',
  OBJECTION_NOT_FOUND = 'OBJECTION_NOT_FOUND',
  OBJECTION_DECIDED = 'OBJECTION_DECIDED',
  RATINGS_REQUIRED = 'RATINGS_REQUIRED',
  HEAD_RATING_OUTDATED = 'HEAD_RATING_OUTDATED',
}

const TABLE: Record<EvaluationProblem, { code: UserErrorCode; message: Text }> = {
  HEAD_RATING_OUTDATED: {
    code: UserErrorCode.HEAD_RATING_OUTDATED,
    message: {
      id: 'Penilaian hasil kerja pimpinan unit mengikuti penilaian unit kerja yang lama: nilai ulang pimpinan terlebih dahulu.',
      en: 'A unit head’s result rating followed an earlier rating of the unit: re-rate the head first.',
    },
  },
  NOT_APPROVED: {
    code: UserErrorCode.PLAN_NOT_APPROVED,
    message: { id: 'Hanya SKP yang sudah disetujui yang dievaluasi.', en: 'Only an approved plan is evaluated.' },
  },
  ALREADY_FINAL: {
    code: UserErrorCode.ALREADY_FINAL,
    message: {
      id: 'Penilaian sudah final: hanya dapat berubah melalui keberatan.',
      en: 'The rating is final: it changes only through an objection.',
    },
  },
  PERIOD_NOT_RUNNING: {
    code: UserErrorCode.WRONG_PERIOD_PHASE,
    message: {
      id: 'Evaluasi periodik dilakukan selama periode penilaian berstatus RUNNING atau EVALUATING.',
      en: 'Periodic evaluations happen while the period is RUNNING or EVALUATING.',
    },
  },
  PERIOD_NOT_EVALUATING: {
    code: UserErrorCode.WRONG_PERIOD_PHASE,
    message: {
      id: 'Penilaian tahunan dilakukan setelah BKPSDM memindahkan periode penilaian ke EVALUATING.',
      en: 'The year is rated once HR moves the period to EVALUATING.',
    },
  },
  SUB_PERIOD_INVALID: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Bulan atau triwulan tersebut tidak ada dalam periode ini.',
      en: 'No such month or quarter in this period.',
    },
  },
  SUB_PERIOD_NOT_ENDED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Bulan atau triwulan dievaluasi mulai hari terakhirnya.',
      en: 'A month or quarter is evaluated from its last day on.',
    },
  },
  RESULT_RATING_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: { id: 'Isi penilaian hasil kerja.', en: 'Give the result rating.' },
  },
  RESULT_FOLLOWS_UNIT: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Bagi pimpinan unit kerja, penilaian hasil kerja mengikuti penilaian kinerja unit kerjanya.',
      en: 'For the head of a unit the result rating follows the unit’s own rating.',
    },
  },
  UNIT_RATING_MISSING: {
    code: UserErrorCode.UNIT_RATING_MISSING,
    message: {
      id: 'Penilaian kinerja unit kerja untuk tahun ini belum ditetapkan (BKPSDM).',
      en: 'The unit’s own rating for the year is not set yet (HR).',
    },
  },
  DUPLICATE_VALUE: {
    code: UserErrorCode.INVALID,
    message: { id: 'Setiap nilai dasar dinilai satu kali.', en: 'Each core value is assessed once.' },
  },
  UNIT_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Unit kerja tidak ditemukan.', en: 'No such unit.' },
  },
  PERIOD_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Periode penilaian tidak ditemukan.', en: 'No such performance period.' },
  },
  OUT_OF_SCOPE: {
    code: UserErrorCode.OUT_OF_SCOPE,
    message: {
      id: 'Unit kerja ini di luar unit kerja yang Anda kelola.',
      en: 'This unit is outside the unit subtree you administer.',
    },
  },
  UNIT_RATING_EXISTS: {
    code: UserErrorCode.CONFLICT,
    message: {
      id: 'Unit kerja sudah memiliki penilaian untuk tahun ini: kirim versinya untuk mengubahnya.',
      en: 'The unit already has a rating for this year: pass its version to change it.',
    },
  },
  UNIT_FINALIZED: {
    code: UserErrorCode.LOCKED,
    message: {
      id: 'Penilaian unit kerja untuk tahun ini sudah difinalisasi.',
      en: 'The unit’s ratings for this year are finalized.',
    },
  },
  CURVE_VIOLATED: {
    code: UserErrorCode.CURVE_VIOLATED,
    message: {
      id: 'Sebaran predikat menyalahi kurva distribusi',
      en: 'The predikat spread breaks the distribution curve',
    },
  },
  NOT_FINAL: {
    code: UserErrorCode.NOT_FINAL,
    message: {
      id: 'Keberatan hanya dapat diajukan atas penilaian tahunan yang sudah final.',
      en: 'Only a final annual rating can be objected to.',
    },
  },
  WINDOW_CLOSED: {
    code: UserErrorCode.OBJECTION_WINDOW_CLOSED,
    message: { id: 'Batas waktu pengajuan keberatan sudah lewat.', en: 'The objection window has closed.' },
  },
  OBJECTION_EXISTS: {
    code: UserErrorCode.DUPLICATE,
    message: {
      id: 'Keberatan atas penilaian ini sudah diajukan.',
      en: 'An objection to this rating was filed already.',
    },
  },
  OBJECTION_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Keberatan tidak ditemukan.', en: 'No such objection.' },
  },
  OBJECTION_DECIDED: {
    code: UserErrorCode.ALREADY_DECIDED,
    message: {
      id: 'Keberatan sudah diputuskan: keputusannya final.',
      en: 'The objection is decided: the decision is final.',
    },
  },
  RATINGS_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Menerima keberatan berarti menetapkan penilaian hasil kerja dan perilaku kerja yang diputuskan.',
      en: 'Accepting an objection gives the decided result and behaviour ratings.',
    },
  },
};

export function evaluationError(problem: EvaluationProblem, field: string[], detail?: Text): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, detail ? joinTexts(message, ': ', detail) : message, field);
}

/** Which bound of the distribution curve a unit breaks, and by how many of its employees. */
export function curveViolationDetail(violation: CurveViolation): Text {
  const { bound, count, total } = violation;
  const rule = curveRuleText(bound);
  return { id: `${rule.id} (${count} dari ${total})`, en: `${rule.en} (${count} of ${total})` };
}

/** A bound of the distribution curve in words ("BAIK at most 70%"), in every language. */
export function curveRuleText(bound: CurveBound): Text {
  const names = bound.predikat.join(bound.atLeast === undefined ? ' atau ' : ' dan/atau ');
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const id =
    bound.minCount !== undefined
      ? `sedikitnya satu ${names}`
      : bound.atMost === 0
        ? `tanpa ${names}`
        : bound.atMost !== undefined
          ? `${names} paling banyak ${percent(bound.atMost)}`
          : `${names} sedikitnya ${percent(bound.atLeast ?? 0)}`;
  return { id, en: bound.description };
}
