import { EmploymentType, Gender, PositionKind } from '../modules/employee/employee-enums';
import { UnitKind } from '../modules/unit/unit-kind';

/** A position a seeded employee can hold: its title, kind, plausible grades and the titles its holders carry. */
export interface PositionTemplate {
  title: string;
  kind: PositionKind;
  employmentType: EmploymentType;
  grades: readonly string[];
  titlePrefix?: string;
  titleSuffixes?: readonly string[];
  /** Relative frequency among a unit's staff. */
  weight: number;
  /** Set where the profession is (nearly) always held by one gender in the region, e.g. midwives. */
  gender?: Gender;
}

const pns = (
  title: string,
  kind: PositionKind,
  grades: string[],
  weight: number,
  suffixes?: string[],
  prefix?: string,
): PositionTemplate => ({
  title,
  kind,
  employmentType: EmploymentType.PNS,
  grades,
  titleSuffixes: suffixes,
  titlePrefix: prefix,
  weight,
});
const pppk = (
  title: string,
  kind: PositionKind,
  grades: string[],
  weight: number,
  suffixes?: string[],
): PositionTemplate => ({
  title,
  kind,
  employmentType: EmploymentType.PPPK,
  grades,
  titleSuffixes: suffixes,
  weight,
});

const F = PositionKind.FUNGSIONAL;
const P = PositionKind.PELAKSANA;

/** Staff of a health centre (UPTD Puskesmas). */
export const HEALTH_CENTRE_STAFF: readonly PositionTemplate[] = [
  pns('Perawat Ahli Pertama', F, ['III/a', 'III/b'], 6, ['S.Kep., Ns.']),
  pns('Perawat Terampil', F, ['II/c', 'II/d', 'III/a'], 6, ['A.Md.Kep.']),
  { ...pns('Bidan Terampil', F, ['II/c', 'II/d', 'III/a'], 5, ['A.Md.Keb.']), gender: Gender.FEMALE },
  { ...pns('Bidan Ahli Pertama', F, ['III/a', 'III/b'], 2, ['S.Tr.Keb.']), gender: Gender.FEMALE },
  pns('Dokter Ahli Pertama', F, ['III/b', 'III/c'], 1, undefined, 'dr.'),
  pns('Sanitarian Terampil', F, ['II/c', 'II/d'], 1, ['A.Md.KL.']),
  pns('Nutrisionis Terampil', F, ['II/c', 'II/d'], 1, ['A.Md.Gz.']),
  pns('Pranata Laboratorium Kesehatan Terampil', F, ['II/c', 'II/d'], 1, ['A.Md.AK.']),
  pns('Pengadministrasi Perkantoran', P, ['II/a', 'II/b', 'II/c'], 2),
  pppk('Perawat Terampil', F, ['VII'], 3, ['A.Md.Kep.']),
  { ...pppk('Bidan Terampil', F, ['VII'], 2, ['A.Md.Keb.']), gender: Gender.FEMALE },
];

/** Staff of a school (SD/SMP Negeri). */
export const SCHOOL_STAFF: readonly PositionTemplate[] = [
  pns('Guru Kelas Ahli Pertama', F, ['III/a', 'III/b'], 6, ['S.Pd.']),
  pns('Guru Kelas Ahli Muda', F, ['III/c', 'III/d'], 3, ['S.Pd.', 'S.Pd., M.Pd.']),
  pns('Guru Agama Ahli Pertama', F, ['III/a', 'III/b'], 1, ['S.Pd.K.', 'S.Ag.']),
  pppk('Guru Ahli Pertama', F, ['IX'], 5, ['S.Pd.']),
  pns('Pengadministrasi Sekolah', P, ['II/a', 'II/b', 'II/c'], 1),
];

/** Staff of a district office (Kantor Distrik). */
export const DISTRICT_OFFICE_STAFF: readonly PositionTemplate[] = [
  pns('Pengadministrasi Umum', P, ['II/a', 'II/b', 'II/c', 'II/d'], 4),
  pns('Pengolah Data Kependudukan', P, ['II/b', 'II/c', 'III/a'], 3),
  pns('Pengelola Layanan Masyarakat', P, ['II/c', 'III/a', 'III/b'], 3, ['S.Sos.']),
  pns('Analis Kebijakan Ahli Pertama', F, ['III/a', 'III/b'], 1, ['S.IP.', 'S.Sos.']),
  pppk('Pengelola Layanan Operasional', P, ['V'], 2),
];

export const STAFF_BY_UNIT_KIND: Partial<Record<UnitKind, readonly PositionTemplate[]>> = {
  [UnitKind.HEALTH_CENTRE]: HEALTH_CENTRE_STAFF,
  [UnitKind.SCHOOL]: SCHOOL_STAFF,
  [UnitKind.DISTRICT_OFFICE]: DISTRICT_OFFICE_STAFF,
};

export function pickWeighted(templates: readonly PositionTemplate[], roll: number): PositionTemplate {
  const total = templates.reduce((sum, t) => sum + t.weight, 0);
  let threshold = roll * total;
  for (const t of templates) {
    threshold -= t.weight;
    if (threshold < 0) return t;
  }
  return templates[templates.length - 1]!;
}
