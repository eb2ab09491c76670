import { Role } from '../../src/core/auth/role';
import { DEFAULT_APPRAISAL_SETTINGS } from '../../src/core/config/config';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { TestApp } from '../support/test-app';
import {
  COMPETENCY_FIELDS,
  type CompetencyOut,
  Competent,
  egid,
  fiveLevels,
  MANAGERIAL_CODES,
  SOCIO_CULTURAL_CODES,
  ugid,
} from './competency-helpers';
import { wit, type Year } from './evaluation-helpers';
import { codes, dbId } from './planning-helpers';
import { userErrorCodes } from '../support/authorization-matrix';

/**
 * Competency and talent over HTTP (issue 5; `docs/domain.md`, Competency and talent): the dictionary with the national
 * standard, HR's technical competencies, position requirements, assessments by method and the current level, gaps
 * and the job-person match with its bands, development suggestions, the potential rating, the talent box from the
 * year's result rating, and a unit's aggregated gaps and talent matrix against values computed by hand.
 */

describe('competency and talent', () => {
  let app: TestApp;
  let c: Competent;
  /** HR admins scoped to Dinas Kesehatan (covers both Puskesmas) and to Dinas Pendidikan (covers neither). */
  let hrDinkes: string;
  let hrDik: string;
  let analyst: string;
  /** A second Puskesmas under Dinas Kesehatan for the flows; the first (org.pkm) holds the talent fixture. */
  let lab: Unit;
  let labHead: Employee;
  let seq = 0;

  beforeAll(async () => {
    app = await TestApp.start();
    c = new Competent(app);
    await c.init();
    app.clock.set('2027-01-04T01:00:00Z');
    await c.givenOrg();
    const dik = await app.fixtures.unit({ code: 'CF-DIK', name: 'Dinas Pendidikan', kind: UnitKind.AGENCY });
    lab = await app.fixtures.unit({ code: 'CF-PKM-HUBIKOSI', name: 'UPTD Puskesmas Hubikosi', parent: c.org.dinkes });
    labHead = await app.fixtures.employee({
      unit: lab,
      supervisor: c.org.kadinkes,
      name: 'Martha Kossay',
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala UPTD Puskesmas Hubikosi',
    });
    await app.fixtures.setHead(lab, labHead);
    hrDinkes = await app.token('hr-dinkes', { roles: [Role.HR_ADMIN], unit: c.org.dinkes.code });
    hrDik = await app.token('hr-dik', { roles: [Role.HR_ADMIN], unit: dik.code });
    analyst = await app.token('dasbor-bi', { roles: [Role.ANALYST] });
    await c.loadDictionary();
  });
  afterAll(() => app?.stop());

  /** A new employee of the lab Puskesmas under its head (a fresh title unless told, so requirements do not mix). */
  const nurse = (positionTitle = `Perawat Uji ${++seq}`, supervisor?: Employee): Promise<Employee> =>
    app.fixtures.employee({
      unit: lab,
      supervisor: supervisor ?? labHead,
      positionTitle,
      positionKind: PositionKind.FUNGSIONAL,
    });

  // -------------------------------------------------------------------------------------------------------------
  describe('the dictionary', () => {
    it('lists the nine competencies of the national standard, each with levels 1–5 and behaviour indicators, read-only reference data', async () => {
      const data = await app.data<{
        m: { totalCount: number; nodes: CompetencyOut[] };
        s: { totalCount: number; nodes: CompetencyOut[] };
      }>(
        `{ m: competencies(first: 50, type: MANAGERIAL) { totalCount nodes { ${COMPETENCY_FIELDS} } }
           s: competencies(first: 50, type: SOCIO_CULTURAL) { totalCount nodes { ${COMPETENCY_FIELDS} } } }`,
        {},
        analyst,
      );
      expect(data.m.totalCount).toBe(8);
      expect(data.m.nodes.map((n) => n.code).sort()).toEqual([...MANAGERIAL_CODES].sort());
      expect(data.s.nodes.map((n) => n.code)).toEqual(SOCIO_CULTURAL_CODES);
      const names = [...data.m.nodes, ...data.s.nodes].map((n) => n.name);
      expect(names).toEqual(expect.arrayContaining(['Integritas', 'Kerja Sama', 'Komunikasi']));
      for (const node of [...data.m.nodes, ...data.s.nodes]) {
        expect(node.reference).toBe(true);
        expect(node.field).toBeNull();
        expect(node.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
        for (const level of node.levels) {
          expect(level.description.length).toBeGreaterThan(0);
          expect(level.indicators.length).toBeGreaterThan(0);
        }
      }
      // By code, ascending.
      expect(data.m.nodes.map((n) => n.code)).toEqual([...data.m.nodes.map((n) => n.code)].sort());
    });

    it('a region-wide HR admin adds a technical competency: stored, read back, audited', async () => {
      const p = await c.ok<{ competency: CompetencyOut }>(
        'createCompetency',
        {
          code: 't-kes-imun',
          name: 'Pengelolaan Program Imunisasi',
          type: 'TECHNICAL',
          field: 'Kesehatan',
          description: 'Merencanakan dan melaksanakan program imunisasi.',
          levels: fiveLevels(),
        },
        c.hr,
        `competency { ${COMPETENCY_FIELDS} }`,
      );
      expect(p.competency).toMatchObject({
        code: 'T-KES-IMUN',
        type: 'TECHNICAL',
        field: 'Kesehatan',
        reference: false,
        version: 1,
      });
      expect(p.competency.levels).toEqual(fiveLevels());
      const node = await app.data<{ node: CompetencyOut }>(
        `query($id: ID!) { node(id: $id) { ... on Competency { ${COMPETENCY_FIELDS} } } }`,
        { id: p.competency.id },
        await c.token(labHead),
      );
      expect(node.node).toEqual(p.competency);
      const listed = await app.data<{ competencies: { nodes: Array<{ code: string }> } }>(
        '{ competencies(first: 50, type: TECHNICAL, field: "Kesehatan") { nodes { code } } }',
        {},
        c.hr,
      );
      expect(listed.competencies.nodes.map((n) => n.code)).toContain('T-KES-IMUN');
      const audits = await c.audit('Competency', dbId(p.competency.id), 'COMPETENCY_CREATED');
      expect(audits).toHaveLength(1);
      expect(audits[0]!.actor_subject).toBe('bkpsdm-portal');
      c.ids['T-KES-IMUN'] = p.competency.id;
    });

    const base = () => ({
      code: `T-DIK-${++seq}`,
      name: 'Pengembangan Kurikulum',
      type: 'TECHNICAL',
      field: 'Pendidikan',
      description: 'Menyusun kurikulum satuan pendidikan.',
      levels: fiveLevels('kurikulum'),
    });

    it.each<[string, Record<string, unknown>, string, string[]]>([
      ['a one-letter code', { code: 'T' }, 'INVALID', ['input', 'code']],
      ['a code with a space', { code: 'T KES' }, 'INVALID', ['input', 'code']],
      ['a code of 33 characters', { code: `T-${'A'.repeat(31)}` }, 'INVALID', ['input', 'code']],
      ['a managerial type', { type: 'MANAGERIAL' }, 'INVALID', ['input', 'type']],
      ['a socio-cultural type', { type: 'SOCIO_CULTURAL' }, 'INVALID', ['input', 'type']],
      ['no field', { field: null }, 'INVALID', ['input', 'field']],
      ['four levels', { levels: fiveLevels().slice(0, 4) }, 'INVALID', ['input', 'levels']],
      [
        'six levels',
        { levels: [...fiveLevels(), { level: 6, description: 'x', indicators: ['y'] }] },
        'INVALID',
        ['input', 'levels'],
      ],
      [
        'levels 1,2,3,4,4',
        { levels: fiveLevels().map((l, i) => (i === 4 ? { ...l, level: 4 } : l)) },
        'INVALID',
        ['input', 'levels'],
      ],
      [
        'a level without indicators',
        { levels: fiveLevels().map((l, i) => (i === 2 ? { ...l, indicators: [] } : l)) },
        'INVALID',
        ['input', 'levels'],
      ],
      ['an empty name', { name: '  ' }, 'INVALID', ['input', 'name']],
    ])('refuses %s, nothing written', async (_label, change, code, field) => {
      const p = await c.unchanged(() =>
        c.mutate('createCompetency', { ...base(), ...change }, c.hr, 'competency { id }'),
      );
      expect(codes(p)).toContainEqual([code, field]);
      expect(p.competency).toBeNull();
    });

    it('refuses a duplicate code (also one of the national standard) with DUPLICATE, nothing written', async () => {
      for (const code of ['T-KES-IMUN', 'M-INT', 't-kes-imun']) {
        const p = await c.unchanged(() => c.mutate('createCompetency', { ...base(), code }, c.hr, 'competency { id }'));
        expect(codes(p)).toEqual([['DUPLICATE', ['input', 'code']]]);
      }
    });

    it('a scoped HR admin and an employee may not add one (FORBIDDEN), nothing written', async () => {
      for (const who of [hrDinkes, await c.token(labHead)]) {
        const res = await c.unchanged(() => c.raw('createCompetency', base(), who, 'competency { id }'));
        expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      }
    });

    it('HR updates a technical competency at its version; a stale version is CONFLICT; the national standard is LOCKED', async () => {
      const id = await c.technical('T-KES-GIZI');
      const done = await c.ok<{ competency: CompetencyOut }>(
        'updateCompetency',
        { id, expectedVersion: 1, name: 'Pengelolaan Gizi Masyarakat', levels: fiveLevels('gizi') },
        c.hr,
        `competency { ${COMPETENCY_FIELDS} }`,
      );
      expect(done.competency).toMatchObject({
        id,
        name: 'Pengelolaan Gizi Masyarakat',
        version: 2,
        field: 'Kesehatan',
      });
      expect(done.competency.levels).toEqual(fiveLevels('gizi'));
      const rows: Array<{ name: string; version: number }> = await app.db.manager.query(
        'SELECT name, version FROM competency WHERE id = ?',
        [dbId(id)],
      );
      expect(rows.map((r) => ({ name: r.name, version: Number(r.version) }))).toEqual([
        { name: 'Pengelolaan Gizi Masyarakat', version: 2 },
      ]);
      expect(await c.audit('Competency', dbId(id), 'COMPETENCY_UPDATED')).toHaveLength(1);

      const stale = await c.unchanged(() =>
        c.mutate('updateCompetency', { id, expectedVersion: 1, name: 'Lain' }, c.hr, 'competency { id }'),
      );
      expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 2 })]);

      const badLevels = await c.unchanged(() =>
        c.mutate(
          'updateCompetency',
          { id, expectedVersion: 2, levels: fiveLevels().slice(1) },
          c.hr,
          'competency { id }',
        ),
      );
      expect(codes(badLevels)).toEqual([['INVALID', ['input', 'levels']]]);

      const reference = await c.unchanged(() =>
        c.mutate(
          'updateCompetency',
          { id: c.ids['M-INT'], expectedVersion: 1, name: 'Integritas (ubah)' },
          c.hr,
          'competency { id }',
        ),
      );
      expect(codes(reference)).toEqual([['LOCKED', ['input', 'id']]]);

      const scoped = await c.unchanged(() =>
        c.raw('updateCompetency', { id, expectedVersion: 2, name: 'x' }, hrDinkes, 'competency { id }'),
      );
      expect(scoped.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  describe('position requirements', () => {
    const title = 'Perawat Terampil';
    const read = async (unit: Unit, positionTitle?: string) =>
      (
        await app.data<{
          unit: {
            positionRequirements: Array<{
              id: string;
              positionTitle: string;
              positionKind: string;
              requiredLevel: number;
              version: number;
              competency: { code: string };
              unit: { id: string };
            }>;
          };
        }>(
          'query($id: ID!, $t: String) { unit(id: $id) { positionRequirements(positionTitle: $t) { id positionTitle positionKind requiredLevel version competency { code } unit { id } } } }',
          { id: ugid(unit), t: positionTitle ?? null },
          c.hr,
        )
      ).unit.positionRequirements;

    it('HR in scope sets, changes at its version and removes a requirement; each step audited', async () => {
      const input = {
        unitId: ugid(lab),
        positionTitle: title,
        positionKind: 'FUNGSIONAL',
        competencyId: c.ids['T-KES-IMUN'],
        requiredLevel: 3,
      };
      const set = await c.ok<{ requirement: { id: string; version: number; requiredLevel: number } }>(
        'setPositionRequirement',
        input,
        hrDinkes,
        'requirement { id version requiredLevel }',
      );
      expect(set.requirement).toMatchObject({ version: 1, requiredLevel: 3 });
      expect(await read(lab, title)).toEqual([
        {
          id: set.requirement.id,
          positionTitle: title,
          positionKind: 'FUNGSIONAL',
          requiredLevel: 3,
          version: 1,
          competency: { code: 'T-KES-IMUN' },
          unit: { id: ugid(lab) },
        },
      ]);

      // Existing: without expectedVersion it is a CONFLICT carrying the current version.
      const blind = await c.unchanged(() =>
        c.mutate('setPositionRequirement', { ...input, requiredLevel: 4 }, hrDinkes, 'requirement { id }'),
      );
      expect(blind.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 1 })]);
      const changed = await c.ok<{ requirement: { id: string; version: number; requiredLevel: number } }>(
        'setPositionRequirement',
        { ...input, requiredLevel: 4, expectedVersion: 1 },
        hrDinkes,
        'requirement { id version requiredLevel }',
      );
      expect(changed.requirement).toEqual({ id: set.requirement.id, version: 2, requiredLevel: 4 });
      const stale = await c.unchanged(() =>
        c.mutate(
          'setPositionRequirement',
          { ...input, requiredLevel: 2, expectedVersion: 1 },
          hrDinkes,
          'requirement { id }',
        ),
      );
      expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 2 })]);
      expect(await c.audit('PositionRequirement', dbId(set.requirement.id), 'POSITION_REQUIREMENT_SET')).toHaveLength(
        2,
      );

      const staleRemove = await c.unchanged(() =>
        c.mutate('removePositionRequirement', { id: set.requirement.id, expectedVersion: 1 }, hrDinkes, 'removedId'),
      );
      expect(staleRemove.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 2 })]);
      const removed = await c.ok<{ removedId: string }>(
        'removePositionRequirement',
        { id: set.requirement.id, expectedVersion: 2 },
        hrDinkes,
        'removedId',
      );
      expect(removed.removedId).toBe(set.requirement.id);
      expect(await read(lab, title)).toEqual([]);
      expect(
        await c.audit('PositionRequirement', dbId(set.requirement.id), 'POSITION_REQUIREMENT_REMOVED'),
      ).toHaveLength(1);
      const gone = await app.data<{ node: unknown }>(
        'query($id: ID!) { node(id: $id) { id } }',
        { id: set.requirement.id },
        c.hr,
      );
      expect(gone.node).toBeNull();
    });

    it('an HR admin whose scope does not cover the unit gets OUT_OF_SCOPE on set and remove; an employee FORBIDDEN; nothing written', async () => {
      const req = await c.require(lab, 'Bidan Terampil', 'M-PP', 2);
      const set = await c.unchanged(() =>
        c.mutate(
          'setPositionRequirement',
          {
            unitId: ugid(lab),
            positionTitle: 'Bidan Terampil',
            positionKind: 'FUNGSIONAL',
            competencyId: c.ids['M-KS'],
            requiredLevel: 2,
          },
          hrDik,
          'requirement { id }',
        ),
      );
      expect(codes(set)).toEqual([['OUT_OF_SCOPE', ['input', 'unitId']]]);
      const removed = await c.unchanged(() =>
        c.mutate('removePositionRequirement', { id: req.id, expectedVersion: req.version }, hrDik, 'removedId'),
      );
      expect(codes(removed)).toEqual([['OUT_OF_SCOPE', ['input', 'id']]]);
      const byHead = await c.unchanged(() =>
        c.raw(
          'setPositionRequirement',
          {
            unitId: ugid(lab),
            positionTitle: 'Bidan Terampil',
            positionKind: 'FUNGSIONAL',
            competencyId: c.ids['M-KS'],
            requiredLevel: 2,
          },
          labHead,
          'requirement { id }',
        ),
      );
      expect(byHead.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    });

    it.each([0, 6])('refuses a required level of %i (INVALID), nothing written', async (requiredLevel) => {
      const p = await c.unchanged(() =>
        c.mutate(
          'setPositionRequirement',
          {
            unitId: ugid(lab),
            positionTitle: 'Sanitarian Terampil',
            positionKind: 'FUNGSIONAL',
            competencyId: c.ids['M-KS'],
            requiredLevel,
          },
          c.hr,
          'requirement { id }',
        ),
      );
      expect(codes(p)).toEqual([['INVALID', ['input', 'requiredLevel']]]);
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  describe('assessments and the current level', () => {
    beforeAll(() => app.clock.set(wit('2027-07-01', '01:00')));

    it('SELF is recorded by the employee only; the assessor and the audit row are kept', async () => {
      const n = await nurse();
      const res = await c.assessRaw(n, 'M-KOM', 3, 'SELF', n, '2027-07-01', { evidence: 'Refleksi diri' });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.r.userErrors).toEqual([]);
      expect(res.body.data!.r.assessment).toMatchObject({
        level: 3,
        method: 'SELF',
        assessorSubject: n.nip,
        assessedOn: '2027-07-01',
        validUntil: null,
        evidence: 'Refleksi diri',
      });
      expect(
        await c.audit('CompetencyAssessment', dbId(res.body.data!.r.assessment!.id), 'COMPETENCY_ASSESSED'),
      ).toHaveLength(1);
      for (const who of [labHead, c.org.kadinkes, c.hr]) {
        const refused = await c.unchanged(() => c.assessRaw(n, 'M-KOM', 3, 'SELF', who, '2027-07-01'));
        expect(userErrorCodes(refused)).toEqual(['NOT_ALLOWED']);
      }
    });

    it('SUPERVISOR is recorded by those above (direct and indirect); not the employee, not a peer, not HR', async () => {
      const n = await nurse();
      const peer = await nurse();
      await c.assess(n, 'M-KOM', 2, 'SUPERVISOR', labHead, '2027-06-01');
      await c.assess(n, 'M-KOM', 3, 'SUPERVISOR', c.org.kadinkes, '2027-06-02');
      for (const who of [n, c.hr, hrDinkes]) {
        const refused = await c.unchanged(() => c.assessRaw(n, 'M-KOM', 4, 'SUPERVISOR', who, '2027-06-03'));
        expect(userErrorCodes(refused)).toEqual(['NOT_ALLOWED']);
      }
      // A peer does not see the employee's profile: as if absent.
      const byPeer = await c.unchanged(() => c.assessRaw(n, 'M-KOM', 4, 'SUPERVISOR', peer, '2027-06-03'));
      expect(byPeer.body.errors).toBeUndefined();
      expect(codes(byPeer.body.data!.r)).toEqual([['NOT_FOUND', ['input', 'employeeId']]]);
      // The head of the other Puskesmas is not above her either.
      const byOtherHead = await c.unchanged(() => c.assessRaw(n, 'M-KOM', 4, 'SUPERVISOR', c.org.head, '2027-06-03'));
      expect(codes(byOtherHead.body.data!.r)).toEqual([['NOT_FOUND', ['input', 'employeeId']]]);
    });

    it.each(['TEST', 'ASSESSMENT_CENTRE'])('%s is recorded by HR in scope only', async (method) => {
      const n = await nurse();
      await c.assess(n, 'M-PK', 3, method, hrDinkes, '2027-05-10');
      await c.assess(n, 'M-PK', 3, method, c.hr, '2027-05-11');
      const outOfScope = await c.unchanged(() => c.assessRaw(n, 'M-PK', 3, method, hrDik, '2027-05-12'));
      expect(codes(outOfScope.body.data!.r)).toEqual([['NOT_FOUND', ['input', 'employeeId']]]);
      for (const who of [n, labHead, c.org.kadinkes]) {
        const refused = await c.unchanged(() => c.assessRaw(n, 'M-PK', 3, method, who, '2027-05-12'));
        expect(userErrorCodes(refused)).toEqual(['NOT_ALLOWED']);
      }
    });

    it.each<[string, number, string, string | null, string[]]>([
      ['level 0', 0, '2027-06-01', null, ['input', 'level']],
      ['level 6', 6, '2027-06-01', null, ['input', 'level']],
      ['tomorrow in Walesi (WIT)', 3, '2027-07-02', null, ['input', 'assessedOn']],
      ['valid until before the day', 3, '2027-06-01', '2027-05-31', ['input', 'validUntil']],
    ])('refuses %s (INVALID), nothing written', async (_label, level, assessedOn, validUntil, field) => {
      const n = await nurse();
      const res = await c.unchanged(() =>
        c.assessRaw(n, 'M-INT', level, 'SUPERVISOR', labHead, assessedOn, validUntil ? { validUntil } : {}),
      );
      expect(codes(res.body.data!.r)).toEqual([['INVALID', field]]);
    });

    it('accepts today in WIT (1 July 01:00 WIT is still 30 June in UTC), valid until that same day', async () => {
      const n = await nurse();
      await c.assess(n, 'M-INT', 3, 'SUPERVISOR', labHead, '2027-07-01', { validUntil: '2027-07-01' });
    });

    it('the current level is the latest valid one by the most authoritative method; an expired assessment-centre result falls back', async () => {
      const title = `Perawat Mahir ${++seq}`;
      await c.require(lab, title, 'M-OH', 5);
      const n = await nurse(title);
      const current = async () => (await c.profile(n))!.standings[0]!;

      expect(await current()).toMatchObject({ requiredLevel: 5, currentLevel: 0, gap: 5, currentAssessment: null });
      await c.assess(n, 'M-OH', 4, 'SELF', n, '2027-06-20');
      expect(await current()).toMatchObject({ currentLevel: 4, currentAssessment: { method: 'SELF', level: 4 } });
      // An older supervisor assessment outranks a newer self-assessment.
      await c.assess(n, 'M-OH', 2, 'SUPERVISOR', labHead, '2027-03-01');
      expect(await current()).toMatchObject({
        currentLevel: 2,
        gap: 3,
        currentAssessment: { method: 'SUPERVISOR', level: 2 },
      });
      // Of the same method, the latest day counts, whatever the order of recording.
      await c.assess(n, 'M-OH', 3, 'SUPERVISOR', labHead, '2027-04-01');
      await c.assess(n, 'M-OH', 1, 'SUPERVISOR', c.org.kadinkes, '2027-02-01');
      expect(await current()).toMatchObject({ currentLevel: 3, currentAssessment: { method: 'SUPERVISOR', level: 3 } });
      // An assessment centre result that expired yesterday does not count.
      await c.assess(n, 'M-OH', 5, 'ASSESSMENT_CENTRE', c.hr, '2024-06-01', { validUntil: '2027-06-30' });
      expect(await current()).toMatchObject({ currentLevel: 3, currentAssessment: { method: 'SUPERVISOR' } });
      // A test still valid today counts over the supervisor's.
      await c.assess(n, 'M-OH', 4, 'TEST', c.hr, '2026-06-01', { validUntil: '2027-07-01' });
      expect(await current()).toMatchObject({
        currentLevel: 4,
        gap: 1,
        currentAssessment: { method: 'TEST', level: 4 },
      });
      // A valid assessment centre result beats the test even when lower.
      await c.assess(n, 'M-OH', 3, 'ASSESSMENT_CENTRE', c.hr, '2025-01-01', { validUntil: '2028-12-31' });
      expect(await current()).toMatchObject({
        currentLevel: 3,
        gap: 2,
        currentAssessment: { method: 'ASSESSMENT_CENTRE', level: 3 },
      });
      // The history keeps all, newest first.
      const history = await app.data<{
        employee: { competencyAssessments: Array<{ assessedOn: string; method: string }> };
      }>(
        'query($id: ID!) { employee(id: $id) { competencyAssessments { assessedOn method } } }',
        { id: egid(n) },
        await c.token(n),
      );
      expect(history.employee.competencyAssessments.map((a) => a.assessedOn)).toEqual([
        '2027-06-20',
        '2027-04-01',
        '2027-03-01',
        '2027-02-01',
        '2026-06-01',
        '2025-01-01',
        '2024-06-01',
      ]);
    });

    it('when the clock passes the validUntil day, the result falls back to the next method', async () => {
      const title = `Perawat Penyelia ${++seq}`;
      await c.require(lab, title, 'M-MP', 4);
      const n = await nurse(title);
      await c.assess(n, 'M-MP', 2, 'SUPERVISOR', labHead, '2027-06-01');
      await c.assess(n, 'M-MP', 4, 'ASSESSMENT_CENTRE', c.hr, '2027-06-02', { validUntil: '2027-07-01' });
      expect((await c.profile(n))!.standings[0]).toMatchObject({ currentLevel: 4, gap: 0 });
      app.clock.set(wit('2027-07-02', '00:30'));
      try {
        expect((await c.profile(n))!.standings[0]).toMatchObject({
          currentLevel: 2,
          gap: 2,
          currentAssessment: { method: 'SUPERVISOR' },
        });
      } finally {
        app.clock.set(wit('2027-07-01', '01:00'));
      }
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  describe('gaps and the job-person match', () => {
    beforeAll(() => app.clock.set(wit('2027-07-01', '01:00')));

    it('lists the gaps largest first with required and current levels; a surplus counts as met and no more', async () => {
      const title = `Penyuluh Kesehatan ${++seq}`;
      await c.require(lab, title, 'M-INT', 5);
      await c.require(lab, title, 'M-KS', 4);
      await c.require(lab, title, 'M-KOM', 3);
      await c.require(lab, title, 'SK-PB', 2);
      const n = await nurse(title);
      await c.assess(n, 'M-INT', 4, 'SUPERVISOR', labHead, '2027-06-01');
      await c.assess(n, 'M-KS', 1, 'SUPERVISOR', labHead, '2027-06-01');
      await c.assess(n, 'M-KOM', 3, 'SUPERVISOR', labHead, '2027-06-01');
      await c.assess(n, 'SK-PB', 5, 'SUPERVISOR', labHead, '2027-06-01');
      const profile = (await c.profile(n, n))!;
      expect(profile.gaps.map((g) => [g.competency.code, g.requiredLevel, g.currentLevel, g.gap])).toEqual([
        ['M-KS', 4, 1, 3],
        ['M-INT', 5, 4, 1],
      ]);
      expect(profile.standings.find((s) => s.competency.code === 'SK-PB')).toMatchObject({
        requiredLevel: 2,
        currentLevel: 5,
        gap: -3,
      });
      // met = 4 + 1 + 3 + min(5, 2) = 10 of 14 required → 71.43 %.
      expect(profile.matchPercentage).toBeCloseTo(71.43, 2);
      expect(profile.band).toBe('STILL_MEETS');
    });

    it('a position without requirements has no match (null) and no gaps', async () => {
      const n = await nurse();
      expect(await c.profile(n)).toEqual({ matchPercentage: null, band: null, standings: [], gaps: [] });
    });

    const BAND_TITLE = 'Analis Kesehatan Ahli Muda';
    const FIVE = ['M-INT', 'M-KS', 'M-KOM', 'M-OH', 'M-PP'];
    beforeAll(async () => {
      for (const code of FIVE) await c.require(lab, BAND_TITLE, code, 5);
    });

    it.each<[number[], number, string]>([
      [[5, 5, 5, 5, 5], 100, 'MEETS'],
      [[4, 4, 4, 4, 4], 80, 'MEETS'],
      [[4, 4, 4, 4, 3], 76, 'STILL_MEETS'],
      [[4, 4, 3, 3, 3], 68, 'STILL_MEETS'],
      [[4, 3, 3, 3, 3], 64, 'BELOW'],
      [[4, 4, 4, 4, 0], 64, 'BELOW'],
    ])('levels %j of 5 × 5 → %d %% %s', async (levels, percentage, band) => {
      const n = await nurse(BAND_TITLE);
      for (const [i, level] of levels.entries())
        if (level > 0) await c.assess(n, FIVE[i]!, level, 'TEST', c.hr, '2027-06-01');
      const profile = (await c.profile(n, labHead))!;
      expect(profile.matchPercentage).toBe(percentage);
      expect(profile.band).toBe(band);
      expect(profile.gaps.map((g) => g.gap)).toEqual(
        levels
          .map((l) => 5 - l)
          .filter((g) => g > 0)
          .sort((a, b) => b - a),
      );
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  describe('development suggestions', () => {
    const SUGGESTION =
      'suggestion { id kind status description version dueDate authorSubject competency { code } employee { id } author { id } }';
    const suggest = (n: Employee, who: Employee | string, extra: Record<string, unknown> = {}) =>
      c.raw<{ suggestion: { id: string; status: string; version: number } | null }>(
        'suggestDevelopment',
        {
          employeeId: egid(n),
          competencyId: c.ids['T-KES-IMUN'],
          kind: 'TRAINING',
          description: 'Pelatihan pengelolaan rantai dingin vaksin',
          dueDate: '2027-09-30',
          ...extra,
        },
        who,
        SUGGESTION,
      );

    it('those above and HR in scope suggest; the employee and a peer may not; nothing written on refusal', async () => {
      const n = await nurse();
      const peer = await nurse();
      const byHead = await suggest(n, labHead);
      expect(byHead.body.data!.r).toMatchObject({
        userErrors: [],
        suggestion: {
          kind: 'TRAINING',
          status: 'PLANNED',
          version: 1,
          dueDate: '2027-09-30',
          authorSubject: labHead.nip,
          competency: { code: 'T-KES-IMUN' },
          employee: { id: egid(n) },
          author: { id: egid(labHead) },
        },
      });
      expect(
        await c.audit('DevelopmentSuggestion', dbId(byHead.body.data!.r.suggestion!.id), 'DEVELOPMENT_SUGGESTED'),
      ).toHaveLength(1);
      for (const who of [c.org.kadinkes, hrDinkes])
        expect((await suggest(n, who, { kind: 'MENTORING' })).body.data!.r.userErrors).toEqual([]);
      const bySelf = await c.unchanged(() => suggest(n, n));
      expect(userErrorCodes(bySelf)).toEqual(['NOT_ALLOWED']);
      for (const who of [peer, hrDik, c.org.head]) {
        const refused = await c.unchanged(() => suggest(n, who));
        expect(codes(refused.body.data!.r)).toEqual([['NOT_FOUND', ['input', 'employeeId']]]);
      }
      const listed = await app.data<{ employee: { developmentSuggestions: Array<{ kind: string }> } }>(
        'query($id: ID!) { employee(id: $id) { developmentSuggestions { kind } } }',
        { id: egid(n) },
        await c.token(n),
      );
      // Newest first.
      expect(listed.employee.developmentSuggestions.map((s) => s.kind)).toEqual(['MENTORING', 'MENTORING', 'TRAINING']);
    });

    it('the employee and those above move the status on at its version; a peer may not; a stale version is CONFLICT', async () => {
      const n = await nurse();
      const peer = await nurse();
      const id = (await suggest(n, labHead)).body.data!.r.suggestion!.id;
      const update = (who: Employee | string, expectedVersion: number, status: string) =>
        c.raw<{ suggestion: { status: string; version: number } | null }>(
          'updateDevelopmentSuggestion',
          { id, expectedVersion, status },
          who,
          'suggestion { status version }',
        );
      expect((await update(n, 1, 'IN_PROGRESS')).body.data!.r).toEqual({
        suggestion: { status: 'IN_PROGRESS', version: 2 },
        userErrors: [],
      });
      expect((await update(c.org.kadinkes, 2, 'DONE')).body.data!.r).toEqual({
        suggestion: { status: 'DONE', version: 3 },
        userErrors: [],
      });
      const stale = await c.unchanged(() => update(n, 2, 'CANCELLED'));
      expect(stale.body.data!.r.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 3 })]);
      const byPeer = await c.unchanged(() => update(peer, 3, 'CANCELLED'));
      expect(codes(byPeer.body.data!.r)).toEqual([['NOT_FOUND', ['input', 'id']]]);
      expect(await c.audit('DevelopmentSuggestion', dbId(id), 'DEVELOPMENT_UPDATED')).toHaveLength(2);
    });

    it.each([
      ['PLANNED', 'IN_PROGRESS', true],
      ['PLANNED', 'DONE', true],
      ['PLANNED', 'CANCELLED', true],
      ['IN_PROGRESS', 'PLANNED', true],
      ['IN_PROGRESS', 'DONE', true],
      ['IN_PROGRESS', 'CANCELLED', true],
      ['DONE', 'IN_PROGRESS', false],
      ['DONE', 'PLANNED', false],
      ['DONE', 'CANCELLED', false],
      ['CANCELLED', 'PLANNED', false],
      ['CANCELLED', 'IN_PROGRESS', false],
      ['CANCELLED', 'DONE', false],
    ])(
      'moves a suggestion from %s to %s: %s (DONE and CANCELLED are final, INVALID_STATE)',
      async (from, to, allowed) => {
        const n = await nurse();
        const id = (await suggest(n, labHead)).body.data!.r.suggestion!.id;
        const update = (expectedVersion: number, status: string) =>
          c.raw<{ suggestion: { status: string; version: number } | null }>(
            'updateDevelopmentSuggestion',
            { id, expectedVersion, status },
            labHead,
            'suggestion { status version }',
          );
        let version = 1;
        if (from !== 'PLANNED') expect((await update(version++, from)).body.data!.r.userErrors).toEqual([]);
        if (allowed) {
          expect((await update(version, to)).body.data!.r).toEqual({
            suggestion: { status: to, version: version + 1 },
            userErrors: [],
          });
        } else {
          const refused = await c.unchanged(() => update(version, to));
          expect(codes(refused.body.data!.r)).toEqual([['INVALID_STATE', ['input', 'status']]]);
        }
      },
    );
  });

  // -------------------------------------------------------------------------------------------------------------
  describe('the potential rating', () => {
    let periodId: string;
    beforeAll(async () => {
      periodId = (await c.openPeriod(2031)).id;
    });

    it('is set by someone above, changed only with its version, refused to the employee and a peer', async () => {
      const n = await nurse();
      const peer = await nurse();
      const first = await c.ratePotential(n, periodId, 'HIGH', labHead);
      expect(first).toMatchObject({ userErrors: [], potentialRating: { rating: 'HIGH', version: 1 } });
      const blind = await c.unchanged(() => c.ratePotential(n, periodId, 'LOW', c.org.kadinkes));
      expect(blind.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 1 })]);
      const changed = await c.ratePotential(n, periodId, 'MEDIUM', c.org.kadinkes, 1);
      expect(changed).toMatchObject({
        userErrors: [],
        potentialRating: { id: first.potentialRating!.id, rating: 'MEDIUM', version: 2 },
      });
      const stale = await c.unchanged(() => c.ratePotential(n, periodId, 'LOW', labHead, 1));
      expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 2 })]);
      expect(await c.audit('PotentialRating', dbId(first.potentialRating!.id), 'POTENTIAL_RATED')).toHaveLength(2);

      const bySelf = await c.unchanged(() =>
        c.raw(
          'ratePotential',
          { employeeId: egid(n), periodId, rating: 'HIGH', expectedVersion: 2 },
          n,
          'potentialRating { id }',
        ),
      );
      expect(userErrorCodes(bySelf)).toEqual(['NOT_ALLOWED']);
      const byPeer = await c.unchanged(() => c.ratePotential(n, periodId, 'HIGH', peer, 2));
      expect(codes(byPeer)).toEqual([['NOT_FOUND', ['input', 'employeeId']]]);
    });

    it('is refused in a closed period (PERIOD_CLOSED), nothing written', async () => {
      const closed = await c.openPeriod(2032);
      await c.movePeriodTo(closed, 'CLOSED');
      const n = await nurse();
      const res = await c.unchanged(() => c.ratePotential(n, closed.id, 'HIGH', labHead));
      expect(codes(res)).toEqual([['PERIOD_CLOSED', ['input', 'periodId']]]);
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  /**
   * The talent fixture, in UPTD Puskesmas Walesi (org.pkm, head Agustina): "Perawat Ahli Pertama" requires M-PP 3
   * and T-KES-GIZI 4 (7 levels); "Bidan Ahli Pertama" requires M-KOM 3.
   *
   *   nurse  M-PP  GIZI  match            annual result       potential rating → potential   box
   *   n1     3     4     7/7 100   MEETS  ABOVE (SANGAT_BAIK)  HIGH   (3+3)/2 → HIGH         9
   *   n2     3     3     6/7 85.71 MEETS  MEETS (BAIK)        MEDIUM (3+2)/2 → HIGH         8
   *   n3     2     3     5/7 71.43 STILL  MEETS (BAIK)        MEDIUM (2+2)/2 → MEDIUM       5
   *   n4     2     2     4/7 57.14 BELOW  BELOW (BUTUH_PERB.) LOW    (1+1)/2 → LOW          1
   *   n5     –     –     0/7 0     BELOW  MEETS (BAIK)        none   1       → LOW          2
   *   n6     3     2*    5/7 71.43 STILL  not rated           HIGH   (2+3)/2 → HIGH         unplaced
   *   mw     M-KOM – 0/3 0 BELOW          no plan             none                          unplaced
   *   head   no requirements, not rated                                                       unplaced
   *   (* n6's GIZI: an assessment centre 4 that expired, and a self-assessment 2.)
   */
  describe('talent placement and unit aggregates', () => {
    let year: Year;
    let n: Employee[];
    let midwife: Employee;
    const NURSE = 'Perawat Ahli Pertama';

    beforeAll(async () => {
      app.clock.set('2027-01-04T01:00:00Z');
      year = await c.givenYear(2027);
      const pkm = c.org.pkm;
      const plans = await c.nursesWithPlans(6, year, { positionTitle: NURSE });
      n = plans.map((p) => p.owner);
      midwife = await app.fixtures.employee({
        unit: pkm,
        supervisor: c.org.head,
        positionTitle: 'Bidan Ahli Pertama',
        name: 'Zz Bidan Walesi',
      });
      await c.require(pkm, NURSE, 'M-PP', 3, hrDinkes);
      await c.require(pkm, NURSE, 'T-KES-GIZI', 4, hrDinkes);
      await c.require(pkm, 'Bidan Ahli Pertama', 'M-KOM', 3, hrDinkes);
      await c.movePeriodTo(year.period, 'EVALUATING');
      app.clock.set(wit('2028-01-08'));
      const head = c.org.head;
      const levels: Array<[number, number | null, number | null]> = [
        [0, 3, 4],
        [1, 3, 3],
        [2, 2, 3],
        [3, 2, 2],
        [4, null, null],
      ];
      for (const [i, pp, gizi] of levels) {
        if (pp !== null) await c.assess(n[i]!, 'M-PP', pp, 'SUPERVISOR', head, '2027-12-01');
        if (gizi !== null) await c.assess(n[i]!, 'T-KES-GIZI', gizi, 'TEST', c.hr, '2027-11-15');
      }
      await c.assess(n[5]!, 'M-PP', 3, 'SUPERVISOR', head, '2027-12-01');
      await c.assess(n[5]!, 'T-KES-GIZI', 4, 'ASSESSMENT_CENTRE', c.hr, '2025-01-10', { validUntil: '2027-12-31' });
      await c.assess(n[5]!, 'T-KES-GIZI', 2, 'SELF', n[5]!, '2027-10-01');
      await c.rateInto(plans[0]!.plan, 'SANGAT_BAIK');
      await c.rateInto(plans[1]!.plan, 'BAIK');
      await c.rateInto(plans[2]!.plan, 'BAIK');
      await c.rateInto(plans[3]!.plan, 'BUTUH_PERBAIKAN');
      await c.rateInto(plans[4]!.plan, 'BAIK');
      for (const [i, rating] of [
        [0, 'HIGH'],
        [1, 'MEDIUM'],
        [2, 'MEDIUM'],
        [3, 'LOW'],
        [5, 'HIGH'],
      ] as const) {
        expect((await c.ratePotential(n[i]!, year.period.id, rating, head)).userErrors).toEqual([]);
      }
    });

    const PLACEMENT = 'box performance potential matchPercentage matchBand potentialRating { rating } employee { id }';
    const placementOf = async (e: Employee, who: Employee | string) =>
      (
        await app.data<{
          employee: {
            talentPlacement: {
              box: number | null;
              performance: string | null;
              potential: string | null;
              matchPercentage: number | null;
              matchBand: string | null;
            } | null;
          } | null;
        }>(
          `query($id: ID!, $p: ID!) { employee(id: $id) { talentPlacement(periodId: $p) { ${PLACEMENT} } } }`,
          { id: egid(e), p: year.period.id },
          await c.as(who),
        )
      ).employee?.talentPlacement ?? null;

    it.each<[number, number | null, string | null, string | null, number, string, string | null]>([
      [0, 9, 'ABOVE', 'HIGH', 100, 'MEETS', 'HIGH'],
      [1, 8, 'MEETS', 'HIGH', 85.71, 'MEETS', 'MEDIUM'],
      [2, 5, 'MEETS', 'MEDIUM', 71.43, 'STILL_MEETS', 'MEDIUM'],
      [3, 1, 'BELOW', 'LOW', 57.14, 'BELOW', 'LOW'],
      [4, 2, 'MEETS', 'LOW', 0, 'BELOW', null],
      [5, null, null, 'HIGH', 71.43, 'STILL_MEETS', 'HIGH'],
    ])(
      'nurse n%i: box %s (performance %s × potential %s), match %d %s',
      async (i, box, performance, potential, matchPercentage, matchBand, rating) => {
        const seen = await placementOf(n[i]!, c.org.head);
        expect(seen).toEqual({
          box,
          performance,
          potential,
          matchPercentage,
          matchBand,
          potentialRating: rating ? { rating } : null,
          employee: { id: egid(n[i]!) },
        });
        // The same through HR in scope and the indirect supervisor.
        expect(await placementOf(n[i]!, hrDinkes)).toEqual(seen);
        expect(await placementOf(n[i]!, c.org.kadinkes)).toEqual(seen);
      },
    );

    it('the employee does not see their own box by default; a peer and HR out of scope never', async () => {
      expect(await placementOf(n[0]!, n[0]!)).toBeNull();
      expect(await placementOf(n[0]!, n[1]!)).toBeNull();
      expect(await placementOf(n[0]!, hrDik)).toBeNull();
    });

    it('Unit.competencyGaps aggregates the subtree’s required competencies, the largest average gap first (HR in scope)', async () => {
      const data = await app.data<{ unit: { competencyGaps: Array<Record<string, unknown>> } }>(
        'query($id: ID!) { unit(id: $id) { competencyGaps { competency { code } employees withGap averageRequired averageCurrent averageGap suppressed } } }',
        { id: ugid(c.org.pkm) },
        hrDinkes,
      );
      expect(data.unit.competencyGaps).toEqual([
        // the midwife: required 3, never assessed
        {
          competency: { code: 'M-KOM' },
          employees: 1,
          withGap: 1,
          averageRequired: 3,
          averageCurrent: 0,
          averageGap: 3,
          suppressed: false,
        },
        // GIZI: current 4, 3, 3, 2, 0, 2 (n6's expired centre result does not count) → 14/6; gaps 0,1,1,2,4,2 → 10/6
        {
          competency: { code: 'T-KES-GIZI' },
          employees: 6,
          withGap: 5,
          averageRequired: 4,
          averageCurrent: 2.33,
          averageGap: 1.67,
          suppressed: false,
        },
        // M-PP: current 3, 3, 2, 2, 0, 3 → 13/6; gaps 0,0,1,1,3,0 → 5/6
        {
          competency: { code: 'M-PP' },
          employees: 6,
          withGap: 3,
          averageRequired: 3,
          averageCurrent: 2.17,
          averageGap: 0.83,
          suppressed: false,
        },
      ]);
      // Dinas Kesehatan's subtree holds the Puskesmas; without sub-units it holds none of these positions.
      const dinkes = await app.data<{
        unit: { all: Array<{ competency: { code: string }; employees: number }>; own: unknown[] };
      }>(
        'query($id: ID!) { unit(id: $id) { all: competencyGaps { competency { code } employees } own: competencyGaps(includeSubunits: false) { employees } } }',
        { id: ugid(c.org.dinkes) },
        c.hr,
      );
      expect(dinkes.unit.own).toEqual([]);
      expect(dinkes.unit.all.find((g) => g.competency.code === 'T-KES-GIZI')).toEqual({
        competency: { code: 'T-KES-GIZI' },
        employees: 6,
      });
    });

    it('talentMatrix counts every box of the subtree and lists the placements the caller may see, highest box first', async () => {
      const q = `query($u: ID!, $p: ID!) { talentMatrix(unitId: $u, periodId: $p) { employees unplaced boxes { box performance potential count suppressed }
        placements { box employee { id } } } }`;
      type M = {
        talentMatrix: {
          employees: number;
          unplaced: number;
          boxes: Array<{
            box: number;
            performance: string;
            potential: string;
            count: number | null;
            suppressed: boolean;
          }>;
          placements: Array<{ box: number | null; employee: { id: string } }>;
        } | null;
      };
      const asHr = (await app.data<M>(q, { u: ugid(c.org.pkm), p: year.period.id }, hrDinkes)).talentMatrix!;
      expect(asHr.employees).toBe(8);
      expect(asHr.unplaced).toBe(3);
      expect(asHr.boxes.map((b) => [b.box, b.performance, b.potential])).toEqual([
        [1, 'BELOW', 'LOW'],
        [2, 'MEETS', 'LOW'],
        [3, 'BELOW', 'MEDIUM'],
        [4, 'ABOVE', 'LOW'],
        [5, 'MEETS', 'MEDIUM'],
        [6, 'BELOW', 'HIGH'],
        [7, 'ABOVE', 'MEDIUM'],
        [8, 'MEETS', 'HIGH'],
        [9, 'ABOVE', 'HIGH'],
      ]);
      expect(Object.fromEntries(asHr.boxes.map((b) => [b.box, b.count]))).toEqual({
        1: 1,
        2: 1,
        3: 0,
        4: 0,
        5: 1,
        6: 0,
        7: 0,
        8: 1,
        9: 1,
      });
      expect(asHr.boxes.every((b) => !b.suppressed)).toBe(true);
      expect(asHr.placements.slice(0, 5).map((p) => [p.box, p.employee.id])).toEqual([
        [9, egid(n[0]!)],
        [8, egid(n[1]!)],
        [5, egid(n[2]!)],
        [2, egid(n[4]!)],
        [1, egid(n[3]!)],
      ]);
      expect(asHr.placements).toHaveLength(8);
      const byBox = (
        await app.data<M>(
          `query($u: ID!, $p: ID!) { talentMatrix(unitId: $u, periodId: $p) { employees unplaced boxes { box performance potential count suppressed } placements(box: 9) { box employee { id } } } }`,
          { u: ugid(c.org.pkm), p: year.period.id },
          hrDinkes,
        )
      ).talentMatrix!;
      expect(byBox.placements).toEqual([{ box: 9, employee: { id: egid(n[0]!) } }]);

      // The head of the Puskesmas: the same counts, every placement but her own.
      const asHead = (await app.data<M>(q, { u: ugid(c.org.pkm), p: year.period.id }, await c.token(c.org.head)))
        .talentMatrix!;
      expect(asHead.boxes).toEqual(asHr.boxes);
      expect(asHead.placements.map((p) => p.employee.id).sort()).toEqual([...n, midwife].map(egid).sort());
      // The head of Dinas Kesehatan (a unit above): everyone, the Puskesmas head included.
      const asKadinkes = (
        await app.data<M>(q, { u: ugid(c.org.pkm), p: year.period.id }, await c.token(c.org.kadinkes))
      ).talentMatrix!;
      expect(asKadinkes.placements).toHaveLength(8);
      // A nurse, HR out of scope: nothing.
      for (const who of [n[0]!, hrDik])
        expect(
          (await app.data<M>(q, { u: ugid(c.org.pkm), p: year.period.id }, await c.as(who))).talentMatrix,
        ).toBeNull();
    });

    it('an analyst gets neither the talent matrix nor the competency gaps: they follow each person’s assessments', async () => {
      const data = await app.data<{ unit: { competencyGaps: unknown[] | null }; talentMatrix: unknown }>(
        `query($u: ID!, $p: ID!) { unit(id: $u) { competencyGaps { employees withGap } } talentMatrix(unitId: $u, periodId: $p) { employees boxes { count } } }`,
        { u: ugid(c.org.pkm), p: year.period.id },
        analyst,
      );
      expect(data).toEqual({ unit: { competencyGaps: null }, talentMatrix: null });
    });

    it('with TALENT_VISIBLE_TO_SELF the employee sees their own box, still not a peer’s', async () => {
      const other = await TestApp.start({ appraisal: { ...DEFAULT_APPRAISAL_SETTINGS, talentVisibleToSelf: true } });
      try {
        const o = new Competent(other);
        await o.init();
        other.clock.set('2027-01-04T01:00:00Z');
        await o.givenOrg();
        const period = await o.openPeriod(2027);
        const [self, peer] = [await o.nurse(), await o.nurse()];
        expect((await o.ratePotential(self, period.id, 'HIGH', o.org.head)).userErrors).toEqual([]);
        const q = `query($id: ID!, $p: ID!) { employee(id: $id) { talentPlacement(periodId: $p) { box potential performance employee { id } } } }`;
        const own = await other.data<{ employee: { talentPlacement: unknown } }>(
          q,
          { id: egid(self), p: period.id },
          await o.token(self),
        );
        expect(own.employee.talentPlacement).toEqual({
          box: null,
          potential: 'HIGH',
          performance: null,
          employee: { id: egid(self) },
        });
        const peers = await other.data<{ employee: { talentPlacement: unknown } }>(
          q,
          { id: egid(self), p: period.id },
          await o.token(peer),
        );
        expect(peers.employee.talentPlacement).toBeNull();
      } finally {
        await other.stop();
      }
    });
  });
});
