import { type Text } from '../../core/i18n/text';
import { EmploymentType, Gender } from './employee-enums';

/** Why a NIP is refused; each becomes one userError message. */
export type NipProblem =
  | 'NOT_18_DIGITS'
  | 'BIRTH_DATE_INVALID'
  | 'TMT_INVALID'
  | 'TMT_BEFORE_ADULTHOOD'
  | 'GENDER_DIGIT_INVALID'
  | 'SEQUENCE_INVALID';

export const NIP_PROBLEM_MESSAGES: Record<NipProblem, Text> = {
  NOT_18_DIGITS: { id: 'NIP terdiri atas tepat 18 angka.', en: 'A NIP is exactly 18 digits.' },
  BIRTH_DATE_INVALID: {
    id: 'Angka ke-1 sampai ke-8 NIP adalah tanggal lahir (YYYYMMDD) dan harus tanggal yang nyata di masa lalu.',
    en: 'Digits 1-8 of a NIP are the birth date (YYYYMMDD) and must be a real date in the past.',
  },
  TMT_INVALID: {
    id: 'Angka ke-9 sampai ke-14 NIP adalah TMT pengangkatan (YYYYMM): bulannya 01-12 dan tidak di masa depan.',
    en: 'Digits 9-14 of a NIP are the civil-service start (TMT, YYYYMM): the month must be 01-12 and not in the future.',
  },
  TMT_BEFORE_ADULTHOOD: {
    id: 'TMT pengangkatan pada NIP harus setelah ulang tahun ke-18.',
    en: 'The civil-service start (TMT) in the NIP must be after the 18th birthday.',
  },
  GENDER_DIGIT_INVALID: {
    id: 'Angka ke-15 NIP adalah jenis kelamin: 1 (laki-laki) atau 2 (perempuan).',
    en: 'Digit 15 of a NIP is the gender: 1 (male) or 2 (female).',
  },
  SEQUENCE_INVALID: {
    id: 'Angka ke-16 sampai ke-18 NIP adalah nomor urut mulai 001.',
    en: 'Digits 16-18 of a NIP are a sequence number from 001.',
  },
};

export interface NipParts {
  birthDate: { year: number; month: number; day: number };
  tmt?: { year: number; month: number };
  gender?: Gender;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Checks a NIP against its layout (`docs/domain.md`, NIP): birth date YYYYMMDD + TMT YYYYMM + gender digit + sequence.
 * For PPPK (NI PPPK, layout not settled) only the length, the digits and the birth date are checked.
 * `today` is injectable for tests. Returns the problems found, empty when valid.
 */
export function nipProblems(nip: string, employmentType: EmploymentType, today: Date = new Date()): NipProblem[] {
  if (!/^\d{18}$/.test(nip)) return ['NOT_18_DIGITS'];
  const problems: NipProblem[] = [];
  const year = Number(nip.slice(0, 4));
  const month = Number(nip.slice(4, 6));
  const day = Number(nip.slice(6, 8));
  const birth = Date.UTC(year, month - 1, day);
  if (year < 1900 || !isRealDate(year, month, day) || birth > today.getTime()) problems.push('BIRTH_DATE_INVALID');
  if (employmentType === EmploymentType.PPPK) return problems;

  const tmtYear = Number(nip.slice(8, 12));
  const tmtMonth = Number(nip.slice(12, 14));
  const tmtStart = Date.UTC(tmtYear, tmtMonth - 1, 1);
  if (tmtMonth < 1 || tmtMonth > 12 || tmtYear < 1900 || tmtStart > today.getTime()) problems.push('TMT_INVALID');
  else if (!problems.includes('BIRTH_DATE_INVALID')) {
    // The last day of the TMT month must fall on or after the 18th birthday.
    const tmtEnd = Date.UTC(tmtYear, tmtMonth, 0);
    const adulthood = Date.UTC(year + 18, month - 1, day);
    if (tmtEnd < adulthood) problems.push('TMT_BEFORE_ADULTHOOD');
  }
  if (nip[14] !== '1' && nip[14] !== '2') problems.push('GENDER_DIGIT_INVALID');
  if (nip.slice(15) === '000') problems.push('SEQUENCE_INVALID');
  return problems;
}

/** The gender a PNS NIP records; undefined for PPPK or a malformed NIP. */
export function genderFromNip(nip: string, employmentType: EmploymentType): Gender | undefined {
  if (employmentType !== EmploymentType.PNS || !/^\d{18}$/.test(nip)) return undefined;
  return nip[14] === '1' ? Gender.MALE : nip[14] === '2' ? Gender.FEMALE : undefined;
}
