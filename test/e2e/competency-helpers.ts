import { toGlobalId } from '../../src/core/graphql/global-id';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { type TestApp } from '../support/test-app';
import { EVALUATION_TABLES, Evaluating } from './evaluation-helpers';
import { type Payload } from './planning-helpers';

/**
 * Helpers shared by the competency and talent e2e files (issue 5): the dictionary's ids by code, the mutations of
 * the module over HTTP, and a snapshot that covers the competency tables with the audit trail, to assert that a
 * refused change wrote nothing. Not a test file itself.
 */

/** Every table a competency, requirement, assessment, development or potential change may write. */
export const COMPETENCY_TABLES = [
  'competency',
  'position_requirement',
  'competency_assessment',
  'development_suggestion',
  'potential_rating',
  'audit_entry',
] as const;

/** The eight managerial competencies and the socio-cultural one of the national standard (the migration's codes). */
export const MANAGERIAL_CODES = ['M-INT', 'M-KOM', 'M-KS', 'M-MP', 'M-OH', 'M-PDO', 'M-PK', 'M-PP'];
export const SOCIO_CULTURAL_CODES = ['SK-PB'];

export interface LevelIn {
  level: number;
  description: string;
  indicators: string[];
}

/** Five valid levels 1–5 for a technical competency. */
export const fiveLevels = (topic = 'pengelolaan program imunisasi'): LevelIn[] =>
  [1, 2, 3, 4, 5].map((level) => ({
    level,
    description: `Level ${level} ${topic}`,
    indicators: [`Indikator ${level}a ${topic}`, `Indikator ${level}b`],
  }));

export const COMPETENCY_FIELDS =
  'id code name type field description reference version levels { level description indicators }';

export interface CompetencyOut {
  id: string;
  code: string;
  name: string;
  type: string;
  field: string | null;
  description: string;
  reference: boolean;
  version: number;
  levels: LevelIn[];
}

export interface StandingOut {
  requiredLevel: number;
  currentLevel: number;
  gap: number;
  competency: { code: string };
  currentAssessment: { method: string; level: number } | null;
}

export interface ProfileOut {
  matchPercentage: number | null;
  band: string | null;
  standings: StandingOut[];
  gaps: StandingOut[];
}

export const PROFILE_FIELDS = `matchPercentage band
  standings { requiredLevel currentLevel gap competency { code } currentAssessment { method level } }
  gaps { requiredLevel currentLevel gap competency { code } currentAssessment { method level } }`;

export const egid = (e: { rowId: number }): string => toGlobalId('Employee', e.rowId);
export const ugid = (u: Unit): string => toGlobalId('Unit', u.rowId);

/** Evaluation helpers, plus the competency module's mutations and a snapshot of its tables. */
export class Competent extends Evaluating {
  /** Global id of each competency, by code. */
  ids: Record<string, string> = {};

  constructor(app: TestApp) {
    super(app);
  }

  /** Loads the dictionary's ids by code (call again after adding technical competencies). */
  async loadDictionary(): Promise<Record<string, string>> {
    const data = await this.app.data<{ competencies: { nodes: Array<{ id: string; code: string }> } }>(
      '{ competencies(first: 100) { nodes { id code } } }',
      {},
      this.hr,
    );
    this.ids = Object.fromEntries(data.competencies.nodes.map((c) => [c.code, c.id]));
    return this.ids;
  }

  /** Adds a technical competency as the region-wide HR admin; returns its global id. */
  async technical(code: string, field = 'Kesehatan'): Promise<string> {
    const p = await this.ok<{ competency: { id: string } }>(
      'createCompetency',
      {
        code,
        name: `Kompetensi ${code}`,
        type: 'TECHNICAL',
        field,
        description: `Definisi ${code}`,
        levels: fiveLevels(code),
      },
      this.hr,
      'competency { id }',
    );
    this.ids[code] = p.competency.id;
    return p.competency.id;
  }

  /** Sets a requirement (HR region-wide unless told), creating it or changing it at its stored version. */
  async require(
    unit: Unit,
    positionTitle: string,
    code: string,
    requiredLevel: number,
    who: Employee | string = this.hr,
    positionKind = 'FUNGSIONAL',
  ): Promise<{ id: string; version: number }> {
    const existing: Array<{ version: number }> = await this.app.db.manager.query(
      'SELECT version FROM position_requirement WHERE unit_id = ? AND position_title = ? AND competency_id = ?',
      [unit.rowId, positionTitle, Number(Buffer.from(this.ids[code]!, 'base64url').toString('utf8').split(':')[1])],
    );
    const p = await this.ok<{ requirement: { id: string; version: number } }>(
      'setPositionRequirement',
      {
        unitId: ugid(unit),
        positionTitle,
        positionKind,
        competencyId: this.ids[code],
        requiredLevel,
        ...(existing[0] ? { expectedVersion: Number(existing[0].version) } : {}),
      },
      who,
      'requirement { id version }',
    );
    return p.requirement;
  }

  assessRaw(
    employee: Employee,
    code: string,
    level: number,
    method: string,
    who: Employee | string,
    assessedOn: string,
    extra: Record<string, unknown> = {},
  ) {
    return this.raw<{ assessment: { id: string; level: number; method: string; assessorSubject: string } | null }>(
      'recordCompetencyAssessment',
      { employeeId: egid(employee), competencyId: this.ids[code], level, method, assessedOn, ...extra },
      who,
      'assessment { id level method assessorSubject assessedOn validUntil evidence }',
    );
  }

  /** Records an assessment that must succeed; returns its global id. */
  async assess(
    employee: Employee,
    code: string,
    level: number,
    method: string,
    who: Employee | string,
    assessedOn: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const res = await this.assessRaw(employee, code, level, method, who, assessedOn, extra);
    if (res.body.errors?.length) throw new Error(`recordCompetencyAssessment: ${JSON.stringify(res.body.errors)}`);
    const p = res.body.data!.r;
    if (p.userErrors.length) throw new Error(`recordCompetencyAssessment: ${JSON.stringify(p.userErrors)}`);
    return p.assessment!.id;
  }

  /** The competency profile of `employee` as `who` (HR by default); null when not visible. */
  async profile(employee: Employee, who: Employee | string = this.hr): Promise<ProfileOut | null> {
    const data = await this.app.data<{ employee: { competencyProfile: ProfileOut | null } | null }>(
      `query($id: ID!) { employee(id: $id) { competencyProfile { ${PROFILE_FIELDS} } } }`,
      { id: egid(employee) },
      await this.as(who),
    );
    return data.employee?.competencyProfile ?? null;
  }

  async ratePotential(
    employee: Employee,
    periodId: string,
    rating: string,
    who: Employee | string,
    expectedVersion?: number,
  ): Promise<Payload<{ potentialRating: { id: string; rating: string; version: number } | null }>> {
    return this.mutate(
      'ratePotential',
      { employeeId: egid(employee), periodId, rating, ...(expectedVersion === undefined ? {} : { expectedVersion }) },
      who,
      'potentialRating { id rating version note raterSubject }',
    );
  }

  /** Every row of the competency, planning and evaluation tables. */
  override async snapshot(): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    const escape = (name: string) => this.app.db.dataSource.driver.escape(name);
    for (const table of new Set<string>([...EVALUATION_TABLES, ...COMPETENCY_TABLES])) {
      const order = table.endsWith('_closure') ? 'ancestor_id, descendant_id' : 'id';
      result[table] = await this.app.db.manager.query(`SELECT * FROM ${escape(table)} ORDER BY ${order}`);
    }
    return result;
  }

  /** Audit rows of one action, newest last. */
  async auditOf(
    action: string,
  ): Promise<Array<{ action: string; actor_subject: string; entity_type: string; entity_id: number | string }>> {
    return this.app.db.manager.query('SELECT * FROM audit_entry WHERE action = ? ORDER BY id', [action]);
  }
}
