import { type Database } from '../core/database/database';
import { addDays, type LocalDate } from '../core/time/local-date';
import {
  AssessmentMethod,
  CompetencyType,
  METHOD_AUTHORITY,
  PotentialLevel,
} from '../modules/competency/competency-enums';
import { PositionKind } from '../modules/employee/employee-enums';
import { UnitKind } from '../modules/unit/unit-kind';
import { Random } from './random';
import { type PlannedUnit, type RegionPlan } from './region-plan';
import { type SeedProgress } from './seed-writer';
import { bulkTransaction } from './bulk-writer';

interface TechnicalCompetency {
  code: string;
  name: string;
  field: string;
  description: string;
  unitKind: UnitKind;
}

/** Technical competencies HR would add per field, and the kind of unit whose positions require them. */
export const TECHNICAL_COMPETENCIES: TechnicalCompetency[] = [
  {
    code: 'T-KES-IMUN',
    name: 'Pengelolaan Program Imunisasi',
    field: 'Kesehatan',
    description:
      'Merencanakan, melaksanakan dan memantau imunisasi dasar lengkap dan lanjutan, termasuk rantai dingin vaksin dan sweeping sasaran.',
    unitKind: UnitKind.HEALTH_CENTRE,
  },
  {
    code: 'T-DIK-KUR',
    name: 'Pengembangan Kurikulum',
    field: 'Pendidikan',
    description:
      'Menyusun kurikulum operasional satuan pendidikan, alur tujuan pembelajaran dan modul ajar Kurikulum Merdeka yang sesuai konteks kampung.',
    unitKind: UnitKind.SCHOOL,
  },
  {
    code: 'T-PEM-ADM',
    name: 'Administrasi Pemerintahan Distrik',
    field: 'Pemerintahan',
    description:
      'Menyelenggarakan pelayanan administrasi umum dan kependudukan di distrik serta pembinaan pemerintahan kampung.',
    unitKind: UnitKind.DISTRICT_OFFICE,
  },
];

const levelsOf = (name: string) =>
  [1, 2, 3, 4, 5].map((level) => ({
    level,
    description: `${name}: tingkat ${level}.`,
    indicators: [
      [
        'Memahami konsep dasar dan melaksanakan tugas dengan bimbingan.',
        'Melaksanakan tugas secara mandiri sesuai standar.',
        'Menganalisis masalah dan memperbaiki pelaksanaan.',
        'Mengembangkan metode dan membimbing orang lain.',
        'Menjadi rujukan dan merumuskan kebijakan di bidangnya.',
      ][level - 1]!,
    ],
  }));

/** The level each kind of position requires of the managerial and socio-cultural competencies. */
const MANAGERIAL_LEVEL: Record<PositionKind, number> = {
  [PositionKind.JPT]: 4,
  [PositionKind.ADMINISTRATOR]: 3,
  [PositionKind.PENGAWAS]: 3,
  [PositionKind.FUNGSIONAL]: 2,
  [PositionKind.PELAKSANA]: 1,
};

/**
 * Competencies on top of the region: the technical dictionary, every position's requirements (the national
 * managerial and socio-cultural ones by kind of position, and the technical one of its unit's field), a supervisor
 * assessment of each (an assessment centre for a fifth of the managerial ones), and a potential rating for most.
 * The nurse and the teacher of Walesi fall one level short of their technical requirement. Deterministic.
 */
export async function writeCompetencies(
  db: Database,
  region: RegionPlan,
  periodIds: readonly number[],
  asOf: LocalDate,
  onProgress?: (p: SeedProgress) => void,
): Promise<{ assessments: number }> {
  const random = new Random(8191);
  const [periodId, ...earlier] = periodIds;
  // Earlier years' potential ratings draw from their own stream, so the running year's stay as they were.
  const earlierRandom = new Random(8191 * 31);
  const units = new Map(region.units.map((u) => [u.id, u]));
  const fieldKindOf = (unit: PlannedUnit): UnitKind | undefined => {
    for (let at: PlannedUnit | undefined = unit; at; at = at.parentId === null ? undefined : units.get(at.parentId)) {
      if (TECHNICAL_COMPETENCIES.some((t) => t.unitKind === at!.kind)) return at.kind;
    }
    return undefined;
  };
  const nipOf = new Map(region.employees.map((e) => [e.id, e.nip]));
  const landmarks = new Set([region.landmarks.nurseAtPuskesmasWalesi, region.landmarks.teacherAtSdWalesi]);
  let assessments = 0;
  await bulkTransaction(db, async (w) => {
    const em = w.em;
    const now = new Date(`${asOf}T00:00:00Z`);
    await w.insert(
      'competency',
      ['code', 'name', 'type', 'field', 'description', 'levels', 'reference', 'version', 'created_at', 'updated_at'],
      TECHNICAL_COMPETENCIES.map((t) => [
        t.code,
        t.name,
        CompetencyType.TECHNICAL,
        t.field,
        t.description,
        JSON.stringify(levelsOf(t.name)),
        false,
        1,
        now,
        now,
      ]),
    );
    const rows = (await em.query('SELECT id, code, type FROM competency')) as Array<{
      id: number | string;
      code: string;
      type: string;
    }>;
    const national = rows.filter((r) => r.type !== CompetencyType.TECHNICAL).map((r) => Number(r.id));
    const technical = new Map(
      TECHNICAL_COMPETENCIES.map((t) => [t.unitKind, Number(rows.find((r) => r.code === t.code)!.id)]),
    );

    const requirements: unknown[][] = [];
    const seen = new Map<string, Array<[number, number]>>();
    const assessmentRows: unknown[][] = [];
    const potentials: unknown[][] = [];
    let done = 0;
    for (const employee of region.employees) {
      const key = `${employee.unitId}\u0000${employee.positionTitle}`;
      let required = seen.get(key);
      if (!required) {
        const kind = fieldKindOf(units.get(employee.unitId)!);
        required = national.map((id): [number, number] => [id, MANAGERIAL_LEVEL[employee.positionKind]]);
        if (kind !== undefined)
          required.push([technical.get(kind)!, employee.positionKind === PositionKind.PELAKSANA ? 2 : 3]);
        seen.set(key, required);
        for (const [competencyId, level] of required)
          requirements.push([
            employee.unitId,
            employee.positionTitle,
            employee.positionKind,
            competencyId,
            level,
            1,
            now,
            now,
          ]);
      }
      for (const [competencyId, level] of required) {
        const technicalOne = !national.includes(competencyId);
        const assessed =
          landmarks.has(employee.nip) && technicalOne ? level - 1 : Math.max(1, Math.min(5, level + random.int(-2, 1)));
        const centre = !technicalOne && random.chance(0.2);
        const method = centre ? AssessmentMethod.ASSESSMENT_CENTRE : AssessmentMethod.SUPERVISOR;
        const on = addDays(asOf, -random.int(20, 300));
        assessmentRows.push([
          employee.id,
          competencyId,
          Math.max(1, assessed),
          method,
          METHOD_AUTHORITY[method],
          centre || employee.supervisorId === null ? 'bkpsdm-portal' : nipOf.get(employee.supervisorId)!,
          centre ? null : employee.supervisorId,
          on,
          centre ? addDays(on, 3 * 365) : null,
          centre ? 'Laporan assessment center BKPSDM.' : null,
          now,
        ]);
      }
      if (employee.supervisorId !== null && random.chance(0.7)) {
        potentials.push([
          employee.id,
          periodId,
          random.pick([PotentialLevel.LOW, PotentialLevel.MEDIUM, PotentialLevel.MEDIUM, PotentialLevel.HIGH]),
          null,
          'seed',
          1,
          now,
          now,
        ]);
      }
      for (const earlierPeriod of earlier) {
        if (employee.supervisorId === null || !earlierRandom.chance(0.7)) continue;
        potentials.push([
          employee.id,
          earlierPeriod,
          earlierRandom.pick([PotentialLevel.LOW, PotentialLevel.MEDIUM, PotentialLevel.MEDIUM, PotentialLevel.HIGH]),
          null,
          'seed',
          1,
          now,
          now,
        ]);
      }
      done += 1;
      if (assessmentRows.length >= 20_000 || done === region.employees.length) {
        await w.insert(
          'competency_assessment',
          [
            'employee_id',
            'competency_id',
            'level',
            'method',
            'authority',
            'assessor_subject',
            'assessor_employee_id',
            'assessed_on',
            'valid_until',
            'evidence',
            'created_at',
          ],
          assessmentRows,
        );
        assessments += assessmentRows.length;
        assessmentRows.length = 0;
        onProgress?.({ phase: 'competency assessments', done, total: region.employees.length });
      }
    }
    await w.insert(
      'position_requirement',
      [
        'unit_id',
        'position_title',
        'position_kind',
        'competency_id',
        'required_level',
        'version',
        'created_at',
        'updated_at',
      ],
      requirements,
    );
    await w.insert(
      'potential_rating',
      ['employee_id', 'period_id', 'rating', 'note', 'rater_subject', 'version', 'created_at', 'updated_at'],
      potentials,
    );
  });
  return { assessments };
}
