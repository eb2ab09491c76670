import { EmploymentType } from './employee-enums';

const PNS_GRADES = new Set(
  [
    ['I', 'abcd'],
    ['II', 'abcd'],
    ['III', 'abcd'],
    ['IV', 'abcde'],
  ].flatMap(([golongan, ruang]) => [...ruang!].map((r) => `${golongan}/${r}`)),
);

const ROMAN = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
];
const PPPK_GRADES = new Set(ROMAN);

/** Golongan/ruang `I/a`…`IV/e` for PNS; grade `I`…`XVII` for PPPK (`docs/domain.md`, glossary). */
export function isValidGrade(grade: string, employmentType: EmploymentType): boolean {
  return employmentType === EmploymentType.PNS ? PNS_GRADES.has(grade) : PPPK_GRADES.has(grade);
}

export function gradeRule(employmentType: EmploymentType): string {
  return employmentType === EmploymentType.PNS
    ? 'A PNS grade is a golongan/ruang from I/a to IV/e, e.g. "III/b".'
    : 'A PPPK grade is a Roman numeral from I to XVII.';
}
