import { EmploymentType, Gender, PositionKind } from '../modules/employee/employee-enums';
import { UnitKind } from '../modules/unit/unit-kind';
import { personName, workEmail } from './names';
import { NipFactory } from './nip-factory';
import { pickWeighted, type PositionTemplate, STAFF_BY_UNIT_KIND } from './positions';
import { Random } from './random';

export interface PlannedUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  headId: number | null;
}

export interface PlannedEmployee {
  id: number;
  nip: string;
  name: string;
  titlePrefix: string | null;
  titleSuffix: string | null;
  employmentType: EmploymentType;
  grade: string;
  gender: Gender;
  positionTitle: string;
  positionKind: PositionKind;
  unitId: number;
  supervisorId: number | null;
  externalSupervisorId: number | null;
  email: string;
}

export interface PlannedOfficial {
  id: number;
  name: string;
  positionTitle: string;
}

/** People the README and `npm start` point newcomers to, by role. */
export interface Landmarks {
  bupati: string;
  headOfHealthOffice: string;
  headOfPuskesmasWalesi: string;
  nurseAtPuskesmasWalesi: string;
  headOfDistrictWalesi: string;
  teacherAtSdWalesi: string;
  hrAdmin: string;
}

export interface RegionPlan {
  units: PlannedUnit[];
  employees: PlannedEmployee[];
  officials: PlannedOfficial[];
  landmarks: Landmarks;
}

export const SEED = 20260101;

/** Distrik of Kabupaten Jayawijaya, for the generated units beyond Walesi. */
const DISTRIK = [
  'Wamena',
  'Asolokobal',
  'Hubikosi',
  'Kurulu',
  'Asologaima',
  'Musatfak',
  'Pelebaga',
  'Bolakme',
  'Walelagama',
  'Napua',
  'Wouma',
  'Wollo',
  'Yalengga',
  'Asotipo',
  'Maima',
  'Popugoba',
  'Wame',
  'Wesaput',
  'Itlay Hisage',
  'Siepkosi',
  'Pisugi',
  'Piramid',
  'Muliama',
  'Hubikiak',
  'Libarek',
  'Ibele',
  'Taelarek',
  'Wita Waya',
  'Trikora',
  'Usilimo',
  'Bpiri',
  'Koragi',
  'Tagime',
  'Molagalome',
  'Tagineri',
  'Silo Karno Doga',
  'Siepkosi Barat',
  'Yalengga Tengah',
  'Kurulu Timur',
  'Welesi Barat',
];

interface PersonSpec {
  unit: PlannedUnit;
  supervisorId: number | null;
  externalSupervisorId?: number | null;
  positionTitle: string;
  positionKind: PositionKind;
  grade: string;
  employmentType?: EmploymentType;
  titlePrefix?: string | null;
  titleSuffix?: string | null;
  gender?: Gender;
  /** Heads and senior officials: born 1966-1982, so their careers are long enough for the post. */
  senior?: boolean;
}

/** Builds a region in memory with ids assigned, so the writer can insert it in bulk. Deterministic per seed. */
class RegionBuilder {
  readonly units: PlannedUnit[] = [];
  readonly employees: PlannedEmployee[] = [];
  readonly officials: PlannedOfficial[] = [];
  readonly random: Random;
  private readonly nips: NipFactory;

  constructor(seed: number) {
    this.random = new Random(seed);
    this.nips = new NipFactory(this.random);
  }

  unit(code: string, name: string, kind: UnitKind, parent: PlannedUnit | null): PlannedUnit {
    const unit = { id: this.units.length + 1, code, name, kind, parentId: parent?.id ?? null, headId: null };
    this.units.push(unit);
    return unit;
  }

  official(name: string, positionTitle: string): PlannedOfficial {
    const official = { id: this.officials.length + 1, name, positionTitle };
    this.officials.push(official);
    return official;
  }

  person(spec: PersonSpec): PlannedEmployee {
    const { name, gender } = personName(this.random, spec.gender);
    const id = this.employees.length + 1;
    const employee: PlannedEmployee = {
      id,
      nip: this.nips.next(gender, spec.senior ? { minBirthYear: 1966, maxBirthYear: 1982 } : {}),
      name,
      titlePrefix: spec.titlePrefix ?? null,
      titleSuffix: spec.titleSuffix ?? null,
      employmentType: spec.employmentType ?? EmploymentType.PNS,
      grade: spec.grade,
      gender,
      positionTitle: spec.positionTitle,
      positionKind: spec.positionKind,
      unitId: spec.unit.id,
      supervisorId: spec.supervisorId,
      externalSupervisorId: spec.externalSupervisorId ?? null,
      email: workEmail(name, id),
    };
    this.employees.push(employee);
    return employee;
  }

  head(spec: PersonSpec): PlannedEmployee {
    const head = this.person({ senior: true, ...spec });
    spec.unit.headId = head.id;
    return head;
  }

  staffFrom(template: PositionTemplate, unit: PlannedUnit, supervisor: PlannedEmployee): PlannedEmployee {
    return this.person({
      unit,
      supervisorId: supervisor.id,
      positionTitle: template.title,
      positionKind: template.kind,
      grade: this.random.pick(template.grades),
      employmentType: template.employmentType,
      titlePrefix: template.titlePrefix ?? null,
      titleSuffix: template.titleSuffixes ? this.random.pick(template.titleSuffixes) : null,
      gender: template.gender,
    });
  }

  staff(unit: PlannedUnit, supervisor: PlannedEmployee, count: number): PlannedEmployee[] {
    const templates = STAFF_BY_UNIT_KIND[unit.kind];
    if (!templates) throw new Error(`no staff templates for ${unit.kind}`);
    return Array.from({ length: count }, () =>
      this.staffFrom(pickWeighted(templates, this.random.next()), unit, supervisor),
    );
  }
}

const A = PositionKind.ADMINISTRATOR;
const PG = PositionKind.PENGAWAS;
const F = PositionKind.FUNGSIONAL;
const PL = PositionKind.PELAKSANA;

/**
 * The demo region: first the real-looking Walesi organisation of Kabupaten Jayawijaya (the Dinas Kesehatan with
 * UPTD Puskesmas Walesi, the Dinas Pendidikan with the schools of Walesi, the Kantor Distrik Walesi with its
 * sections, the BKPSDM), appraised at the top by the Bupati; then generated units of about 100 employees each
 * (a head supervising the staff) until `employeeTarget` is reached.
 *
 * The generated units come in rounds of one health centre, school and district office per distrik. The first
 * round answers to the agencies' heads directly; each later round answers through a division of its own (a bidang
 * of the Dinas, a bagian of the Setda), as a large region is organised, so no one supervises more people than a
 * unit head does, whatever the size of the region (`docs/performance.md`, Seeding a province).
 */
export function planRegion(employeeTarget: number, seed = SEED): RegionPlan {
  const b = new RegionBuilder(seed);
  const bupati = b.official('Markus Lokobal, S.H., M.Si.', 'Bupati Jayawijaya');

  const regency = b.unit('JWY', 'Pemerintah Kabupaten Jayawijaya', UnitKind.GOVERNMENT, null);
  const setda = b.unit('JWY-SETDA', 'Sekretariat Daerah Kabupaten Jayawijaya', UnitKind.SECRETARIAT, regency);
  const sekda = b.head({
    unit: setda,
    supervisorId: null,
    externalSupervisorId: bupati.id,
    positionTitle: 'Sekretaris Daerah',
    positionKind: PositionKind.JPT,
    grade: 'IV/d',
    titleSuffix: 'S.Sos., M.Si.',
  });

  const bkpsdm = b.unit(
    'JWY-BKPSDM',
    'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
    UnitKind.AGENCY,
    regency,
  );
  const kepalaBkpsdm = b.head({
    unit: bkpsdm,
    supervisorId: null,
    externalSupervisorId: bupati.id,
    positionTitle: 'Kepala BKPSDM',
    positionKind: PositionKind.JPT,
    grade: 'IV/c',
    titleSuffix: 'S.E., M.M.',
  });
  const hrAdmin = b.person({
    unit: bkpsdm,
    supervisorId: kepalaBkpsdm.id,
    positionTitle: 'Analis Sumber Daya Manusia Aparatur Ahli Muda',
    positionKind: F,
    grade: 'III/c',
    titleSuffix: 'S.Psi.',
  });
  b.person({
    unit: bkpsdm,
    supervisorId: kepalaBkpsdm.id,
    positionTitle: 'Pengelola Data Kepegawaian',
    positionKind: PL,
    grade: 'II/d',
  });

  // Health: Dinas Kesehatan → UPTD Puskesmas Walesi.
  const dinkes = b.unit('JWY-DINKES', 'Dinas Kesehatan Kabupaten Jayawijaya', UnitKind.AGENCY, regency);
  const kadinkes = b.head({
    unit: dinkes,
    supervisorId: null,
    externalSupervisorId: bupati.id,
    positionTitle: 'Kepala Dinas Kesehatan',
    positionKind: PositionKind.JPT,
    grade: 'IV/c',
    titlePrefix: 'dr.',
    titleSuffix: 'M.Kes.',
  });
  const kesmas = b.unit('JWY-DINKES-KESMAS', 'Bidang Kesehatan Masyarakat', UnitKind.DIVISION, dinkes);
  const kabidKesmas = b.head({
    unit: kesmas,
    supervisorId: kadinkes.id,
    positionTitle: 'Kepala Bidang Kesehatan Masyarakat',
    positionKind: A,
    grade: 'IV/a',
    titleSuffix: 'S.KM., M.Kes.',
  });
  b.person({
    unit: kesmas,
    supervisorId: kabidKesmas.id,
    positionTitle: 'Epidemiolog Kesehatan Ahli Muda',
    positionKind: F,
    grade: 'III/c',
    titleSuffix: 'S.KM.',
  });
  b.person({
    unit: kesmas,
    supervisorId: kabidKesmas.id,
    positionTitle: 'Administrator Kesehatan Ahli Pertama',
    positionKind: F,
    grade: 'III/b',
    titleSuffix: 'S.KM.',
  });
  const pkmWalesi = b.unit('JWY-PKM-WALESI', 'UPTD Puskesmas Walesi', UnitKind.HEALTH_CENTRE, dinkes);
  const kapusWalesi = b.head({
    unit: pkmWalesi,
    supervisorId: kadinkes.id,
    positionTitle: 'Kepala UPTD Puskesmas Walesi',
    positionKind: PG,
    grade: 'III/d',
    titleSuffix: 'S.Kep., Ns., M.Kes.',
  });
  const nurse = b.person({
    unit: pkmWalesi,
    supervisorId: kapusWalesi.id,
    positionTitle: 'Perawat Ahli Pertama',
    positionKind: F,
    grade: 'III/b',
    titleSuffix: 'S.Kep., Ns.',
  });
  b.person({
    unit: pkmWalesi,
    supervisorId: kapusWalesi.id,
    positionTitle: 'Dokter Ahli Pertama',
    positionKind: F,
    grade: 'III/b',
    titlePrefix: 'dr.',
  });
  b.person({
    unit: pkmWalesi,
    supervisorId: kapusWalesi.id,
    positionTitle: 'Bidan Ahli Pertama',
    positionKind: F,
    grade: 'III/a',
    titleSuffix: 'S.Tr.Keb.',
    gender: Gender.FEMALE,
  });
  b.person({
    unit: pkmWalesi,
    supervisorId: kapusWalesi.id,
    positionTitle: 'Bidan Terampil',
    positionKind: F,
    grade: 'II/d',
    titleSuffix: 'A.Md.Keb.',
    gender: Gender.FEMALE,
  });
  b.person({
    unit: pkmWalesi,
    supervisorId: kapusWalesi.id,
    positionTitle: 'Perawat Terampil',
    positionKind: F,
    grade: 'VII',
    employmentType: EmploymentType.PPPK,
    titleSuffix: 'A.Md.Kep.',
  });
  b.person({
    unit: pkmWalesi,
    supervisorId: kapusWalesi.id,
    positionTitle: 'Sanitarian Terampil',
    positionKind: F,
    grade: 'II/c',
    titleSuffix: 'A.Md.KL.',
  });
  b.person({
    unit: pkmWalesi,
    supervisorId: kapusWalesi.id,
    positionTitle: 'Pengadministrasi Perkantoran',
    positionKind: PL,
    grade: 'II/b',
  });

  // Education: Dinas Pendidikan → Bidang SD → SD Negeri Walesi, SD Inpres Walesi.
  const disdik = b.unit('JWY-DISDIK', 'Dinas Pendidikan dan Kebudayaan Kabupaten Jayawijaya', UnitKind.AGENCY, regency);
  const kadisdik = b.head({
    unit: disdik,
    supervisorId: null,
    externalSupervisorId: bupati.id,
    positionTitle: 'Kepala Dinas Pendidikan dan Kebudayaan',
    positionKind: PositionKind.JPT,
    grade: 'IV/c',
    titleSuffix: 'S.Pd., M.Pd.',
  });
  const bidangSd = b.unit('JWY-DISDIK-SD', 'Bidang Pembinaan Sekolah Dasar', UnitKind.DIVISION, disdik);
  const kabidSd = b.head({
    unit: bidangSd,
    supervisorId: kadisdik.id,
    positionTitle: 'Kepala Bidang Pembinaan Sekolah Dasar',
    positionKind: A,
    grade: 'IV/a',
    titleSuffix: 'S.Pd., M.Si.',
  });
  const sdnWalesi = b.unit('JWY-SDN-WALESI', 'SD Negeri Walesi', UnitKind.SCHOOL, disdik);
  const kepsekWalesi = b.head({
    unit: sdnWalesi,
    supervisorId: kabidSd.id,
    positionTitle: 'Kepala SD Negeri Walesi (Guru Ahli Madya)',
    positionKind: F,
    grade: 'IV/a',
    titleSuffix: 'S.Pd.',
  });
  const teacher = b.person({
    unit: sdnWalesi,
    supervisorId: kepsekWalesi.id,
    positionTitle: 'Guru Kelas Ahli Pertama',
    positionKind: F,
    grade: 'III/b',
    titleSuffix: 'S.Pd.',
  });
  b.staff(sdnWalesi, kepsekWalesi, 5);
  const sdiWalesi = b.unit('JWY-SDI-WALESI', 'SD Inpres Walesi', UnitKind.SCHOOL, disdik);
  const kepsekInpres = b.head({
    unit: sdiWalesi,
    supervisorId: kabidSd.id,
    positionTitle: 'Kepala SD Inpres Walesi (Guru Ahli Muda)',
    positionKind: F,
    grade: 'III/d',
    titleSuffix: 'S.Pd.',
  });
  b.staff(sdiWalesi, kepsekInpres, 4);

  // The district office: Kepala Distrik (answering to the Bupati through the Sekda) and its sections.
  const distrik = b.unit('JWY-DISTRIK-WALESI', 'Kantor Distrik Walesi', UnitKind.DISTRICT_OFFICE, regency);
  const kadis = b.head({
    unit: distrik,
    supervisorId: sekda.id,
    positionTitle: 'Kepala Distrik Walesi',
    positionKind: A,
    grade: 'III/d',
    titleSuffix: 'S.IP.',
  });
  const sekdis = b.person({
    senior: true,
    unit: distrik,
    supervisorId: kadis.id,
    positionTitle: 'Sekretaris Distrik Walesi',
    positionKind: PG,
    grade: 'III/c',
    titleSuffix: 'S.Sos.',
  });
  const sections: Array<[string, string, number, boolean]> = [
    ['PEM', 'Seksi Pemerintahan', 2, false],
    ['YAN', 'Seksi Pelayanan Umum', 2, false],
    ['PMK', 'Seksi Pemberdayaan Masyarakat Kampung', 1, false],
    ['UMUM', 'Subbagian Umum dan Kepegawaian', 2, true],
  ];
  for (const [code, name, staffCount, underSecretary] of sections) {
    const section = b.unit(`JWY-DISTRIK-WALESI-${code}`, name, UnitKind.SECTION, distrik);
    const kasi = b.head({
      unit: section,
      supervisorId: underSecretary ? sekdis.id : kadis.id,
      positionTitle: `Kepala ${name}`,
      positionKind: PG,
      grade: 'III/b',
      titleSuffix: 'S.Sos.',
    });
    for (let i = 0; i < staffCount; i++) {
      b.person({
        unit: section,
        supervisorId: kasi.id,
        positionTitle: b.random.pick([
          'Pengadministrasi Umum',
          'Pengolah Data Kependudukan',
          'Pengelola Layanan Masyarakat',
        ]),
        positionKind: PL,
        grade: b.random.pick(['II/a', 'II/b', 'II/c', 'III/a']),
      });
    }
  }

  // Generated units, ~100 employees each, cycling health centres, schools and district offices across Jayawijaya.
  const parents: Array<[UnitKind, PlannedUnit, PlannedEmployee, string, string, PositionKind, string[], string]> = [
    [
      UnitKind.HEALTH_CENTRE,
      dinkes,
      kadinkes,
      'PKM',
      'UPTD Puskesmas',
      PG,
      ['III/c', 'III/d'],
      'Bidang Pelayanan Kesehatan',
    ],
    [UnitKind.SCHOOL, disdik, kabidSd, 'SDN', 'SD Negeri', F, ['III/d', 'IV/a'], 'Bidang Pembinaan Sekolah Dasar'],
    [UnitKind.DISTRICT_OFFICE, setda, sekda, 'DISTRIK', 'Kantor Distrik', A, ['III/d', 'IV/a'], 'Bagian Pemerintahan'],
  ];
  // A later round's division per kind: the unit its units sit in, and the head they answer to.
  const divisions = new Map<string, [PlannedUnit, PlannedEmployee]>();
  let n = 0;
  while (b.employees.length < employeeTarget) {
    const [kind, agency, agencyHead, codePrefix, namePrefix, headKind, headGrades, divisionName] =
      parents[n % parents.length]!;
    const place = DISTRIK[Math.floor(n / parents.length) % DISTRIK.length]!;
    const round = Math.floor(n / (parents.length * DISTRIK.length));
    const suffix = round === 0 ? '' : ` ${round + 1}`;
    const slug = place.toUpperCase().replace(/[^A-Z]+/g, '-');
    let [parent, appraiser] = [agency, agencyHead];
    if (round > 0) {
      const key = `${codePrefix}-${round}`;
      let division = divisions.get(key);
      if (!division) {
        const unit = b.unit(
          `${agency.code}-WIL-${codePrefix}-${round + 1}`,
          `${divisionName} Wilayah ${round + 1}`,
          UnitKind.DIVISION,
          agency,
        );
        const head = b.head({
          unit,
          supervisorId: agency.headId,
          positionTitle: `Kepala ${unit.name}`,
          positionKind: A,
          grade: 'IV/a',
          titleSuffix: 'S.Sos., M.Si.',
        });
        division = [unit, head];
        divisions.set(key, division);
      }
      [parent, appraiser] = division;
    }
    const unit = b.unit(
      `JWY-${codePrefix}-${slug}${round === 0 ? '' : `-${round + 1}`}`,
      `${namePrefix} ${place}${suffix}`,
      kind,
      parent,
    );
    const headTitle =
      kind === UnitKind.HEALTH_CENTRE
        ? `Kepala ${unit.name}`
        : kind === UnitKind.SCHOOL
          ? `Kepala ${unit.name} (Guru Ahli Madya)`
          : `Kepala ${unit.name.replace('Kantor ', '')}`;
    const head = b.head({
      unit,
      supervisorId: appraiser.id,
      positionTitle: headTitle,
      positionKind: headKind,
      grade: b.random.pick(headGrades),
      titleSuffix: kind === UnitKind.SCHOOL ? 'S.Pd.' : 'S.Sos.',
    });
    b.staff(unit, head, Math.max(0, Math.min(99, employeeTarget - b.employees.length)));
    n += 1;
  }

  return {
    units: b.units,
    employees: b.employees,
    officials: b.officials,
    landmarks: {
      bupati: bupati.name,
      headOfHealthOffice: kadinkes.nip,
      headOfPuskesmasWalesi: kapusWalesi.nip,
      nurseAtPuskesmasWalesi: nurse.nip,
      headOfDistrictWalesi: kadis.nip,
      teacherAtSdWalesi: teacher.nip,
      hrAdmin: hrAdmin.nip,
    },
  };
}
