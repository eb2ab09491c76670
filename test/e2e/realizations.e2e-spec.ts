import { toGlobalId } from '../../src/core/graphql/global-id';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { TestApp } from '../support/test-app';
import { MEETS, wit, type Year } from './evaluation-helpers';
import {
  type FeedbackOut,
  firstIndicator,
  FollowThrough,
  type RealizationOut,
  REALIZATION_FIELDS,
  FEEDBACK_FIELDS,
} from './follow-through-helpers';
import { codes, dbId, employeeId, PLAN_FIELDS, type PlanOut, textOf } from './planning-helpers';
import { userErrorCodes } from '../support/authorization-matrix';

/**
 * Realizations over HTTP (`docs/domain.md`, The cycle, step 2; scenario 4): the employee records, month by month, what
 * was achieved on each indicator of an approved plan, with a narrative and evidence (links), corrects it with the
 * version read, and can no longer change a month once it is rated, nor anything once the year is rated or the
 * period closed. Every refusal is a stable code on the right field, and writes nothing.
 */

const iso = (instant: string) => new Date(instant).toISOString();
const KOHORT = {
  title: 'Register kohort bayi Februari',
  url: 'https://portal.jayawijayakab.go.id/berkas/kohort-2027-02.pdf',
};
const FOTO = { title: 'Foto kegiatan posyandu', url: 'http://dokumentasi.puskesmas-walesi.id/posyandu/2027-02' };

describe('realizations (realisasi) with evidence (bukti dukung)', () => {
  let app: TestApp;
  let e: FollowThrough;
  let head: Employee;
  let kadinkes: Employee;
  let y2027: Year;
  /** A new nurse of the Puskesmas with an approved 2027 plan (one RHK, one IKI: 120 bayi). */
  const take = async () => (await e.nursesWithPlans(1, y2027))[0]!;

  beforeAll(async () => {
    app = await TestApp.start();
    e = await new FollowThrough(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    ({ head, kadinkes } = await e.givenOrg());
    y2027 = await e.givenYear(2027, { cadence: 'MONTHLY' });
    await e.movePeriodTo(y2027.period, 'RUNNING');
  });
  afterAll(() => app?.stop());

  const realizationRows = (planId: string) => e.count('realization', 'appraisal_id = ?', [dbId(planId)]);
  const realizationOf = async (indicatorId: string, who: Employee | string = e.hr) =>
    (await e.node<{ realizations: RealizationOut[]; latestRealization: RealizationOut | null }>(
      indicatorId,
      who,
      `... on Indicator { realizations { ${REALIZATION_FIELDS} } latestRealization { id } }`,
    ))!;

  describe('recording and correcting', () => {
    it('records February’s value with a narrative and evidence; it reads back under the indicator and by id, and is audited', async () => {
      const { owner, plan } = await take();
      const indicatorId = firstIndicator(plan);
      app.clock.set(wit('2027-02-20', '10:15'));
      const recorded = await e.record(
        {
          indicatorId,
          subPeriod: 2,
          value: 11,
          narrative: '  Imunisasi dasar di Kampung Wesaput dan Hitigima  ',
          evidence: [{ title: `  ${KOHORT.title} `, url: ` ${KOHORT.url} ` }, FOTO],
        },
        owner,
      );
      expect(recorded.userErrors).toEqual([]);
      expect(recorded.realization).toEqual<RealizationOut>({
        id: expect.any(String),
        subPeriod: 2,
        value: 11,
        statement: null,
        narrative: 'Imunisasi dasar di Kampung Wesaput dan Hitigima',
        evidence: [KOHORT, FOTO],
        version: 1,
        createdAt: iso(wit('2027-02-20', '10:15')),
        updatedAt: iso(wit('2027-02-20', '10:15')),
        indicator: { id: indicatorId },
      });
      const read = await realizationOf(indicatorId);
      expect(read.realizations).toEqual([recorded.realization]);
      expect(read.latestRealization).toEqual({ id: recorded.realization!.id });
      for (const who of [owner, head, kadinkes, e.hr])
        expect(await e.node(recorded.realization!.id, who, `... on Realization { ${REALIZATION_FIELDS} }`)).toEqual(
          recorded.realization,
        );
      const audit = await e.audit('Realization', dbId(recorded.realization!.id));
      expect(audit.map((a) => [a.action, a.actor_subject])).toEqual([['REALIZATION_RECORDED', owner.nip]]);
      expect(await realizationRows(plan.id)).toBe(1);
    });

    it('corrects it with the version read (the evidence replaced, or kept when not sent), one row, each change audited', async () => {
      const { owner, plan } = await take();
      const indicatorId = firstIndicator(plan);
      app.clock.set(wit('2027-02-21'));
      const first = await e.recordOk(
        { indicatorId, subPeriod: 2, value: 8, narrative: 'Minggu pertama', evidence: [KOHORT] },
        owner,
      );
      app.clock.set(wit('2027-02-25'));
      const second = await e.recordOk(
        { indicatorId, subPeriod: 2, expectedVersion: 1, value: 10, narrative: 'Sampai minggu keempat' },
        owner,
      );
      expect(second).toMatchObject({
        id: first.id,
        version: 2,
        value: 10,
        narrative: 'Sampai minggu keempat',
        evidence: [KOHORT],
        createdAt: first.createdAt,
        updatedAt: iso(wit('2027-02-25')),
      });
      const third = await e.recordOk(
        { indicatorId, subPeriod: 2, expectedVersion: 2, value: 12, narrative: null, evidence: [FOTO] },
        owner,
      );
      expect(third).toMatchObject({ id: first.id, version: 3, value: 12, narrative: null, evidence: [FOTO] });
      const cleared = await e.recordOk(
        { indicatorId, subPeriod: 2, expectedVersion: 3, value: 12, evidence: [] },
        owner,
      );
      expect(cleared).toMatchObject({ version: 4, evidence: [] });
      expect((await realizationOf(indicatorId)).realizations).toEqual([cleared]);
      expect(await realizationRows(plan.id)).toBe(1);
      expect((await e.audit('Realization', dbId(first.id))).map((a) => a.action)).toEqual([
        'REALIZATION_RECORDED',
        'REALIZATION_UPDATED',
        'REALIZATION_UPDATED',
        'REALIZATION_UPDATED',
      ]);
      // Another month is another row.
      const january = await e.recordOk({ indicatorId, subPeriod: 1, value: 9 }, owner);
      expect(january).toMatchObject({ subPeriod: 1, version: 1 });
      expect((await realizationOf(indicatorId)).realizations.map((r) => [r.subPeriod, r.value])).toEqual([
        [1, 9],
        [2, 12],
      ]);
    });

    it('an existing realization without expectedVersion, or with a stale one, is CONFLICT with the current version; nothing written', async () => {
      const { owner, plan } = await take();
      const indicatorId = firstIndicator(plan);
      app.clock.set(wit('2027-02-22'));
      await e.recordOk({ indicatorId, subPeriod: 2, value: 8 }, owner);
      await e.recordOk({ indicatorId, subPeriod: 2, expectedVersion: 1, value: 9 }, owner);
      for (const expectedVersion of [undefined, null, 1, 3]) {
        const refused = await e.unchanged(() =>
          e.record(
            { indicatorId, subPeriod: 2, value: 50, ...(expectedVersion === undefined ? {} : { expectedVersion }) },
            owner,
          ),
        );
        expect({ expectedVersion, errors: refused.userErrors.map((x) => [x.code, x.field, x.currentVersion]) }).toEqual(
          { expectedVersion, errors: [['CONFLICT', ['input', 'expectedVersion'], 2]] },
        );
        expect(refused.realization).toBeNull();
      }
    });
  });

  describe('validation', () => {
    const longUrl = (n: number) =>
      `https://portal.jayawijayakab.go.id/${'a'.repeat(n - 'https://portal.jayawijayakab.go.id/'.length)}`;

    it.each<[string, Array<{ title: string; url: string }>, Array<[string, string[]]>]>([
      [
        'a URL that is not one',
        [{ title: 'Register', url: 'register kohort.pdf' }],
        [['INVALID', ['input', 'evidence', '0', 'url']]],
      ],
      [
        'an ftp URL',
        [KOHORT, { title: 'Register', url: 'ftp://files.jayawijayakab.go.id/kohort.pdf' }],
        [['INVALID', ['input', 'evidence', '1', 'url']]],
      ],
      [
        'a javascript: URL',
        [{ title: 'Register', url: 'javascript:alert(1)' }],
        [['INVALID', ['input', 'evidence', '0', 'url']]],
      ],
      ['an empty URL', [{ title: 'Register', url: '   ' }], [['INVALID', ['input', 'evidence', '0', 'url']]]],
      [
        'a URL over 500 characters',
        [{ title: 'Register', url: longUrl(501) }],
        [['INVALID', ['input', 'evidence', '0', 'url']]],
      ],
      ['a blank title', [{ title: '  ', url: KOHORT.url }], [['INVALID', ['input', 'evidence', '0', 'title']]]],
      [
        'a title over 200 characters',
        [{ title: textOf(201), url: KOHORT.url }],
        [['INVALID', ['input', 'evidence', '0', 'title']]],
      ],
      [
        'eleven pieces',
        Array.from({ length: 11 }, (_, i) => ({ title: `Bukti ${i + 1}`, url: `${KOHORT.url}?n=${i}` })),
        [['INVALID', ['input', 'evidence']]],
      ],
    ])(
      'evidence with %s is INVALID on its field; nothing written (new or correction)',
      async (_label, evidence, expected) => {
        const { owner, plan } = await take();
        const indicatorId = firstIndicator(plan);
        app.clock.set(wit('2027-02-23'));
        const fresh = await e.unchanged(() => e.record({ indicatorId, subPeriod: 1, value: 5, evidence }, owner));
        expect(codes(fresh)).toEqual(expected);
        expect(fresh.realization).toBeNull();
        const existing = await e.recordOk({ indicatorId, subPeriod: 2, value: 5, evidence: [KOHORT] }, owner);
        const correction = await e.unchanged(() =>
          e.record({ indicatorId, subPeriod: 2, expectedVersion: existing.version, value: 6, evidence }, owner),
        );
        expect(codes(correction)).toEqual(expected);
      },
    );

    it('accepts exactly ten pieces, a 200-character title and a 500-character URL', async () => {
      const { owner, plan } = await take();
      app.clock.set(wit('2027-02-23'));
      const evidence = Array.from({ length: 10 }, (_, i) => ({
        title: i === 0 ? textOf(200) : `Bukti ${i + 1}`,
        url: i === 0 ? longUrl(500) : `${KOHORT.url}?n=${i}`,
      }));
      const done = await e.recordOk({ indicatorId: firstIndicator(plan), subPeriod: 2, value: 5, evidence }, owner);
      expect(done.evidence).toEqual(evidence);
    });

    it('a quantitative plan needs a value of at least 0; the narrative has at most 4,000 characters; nothing written', async () => {
      const { owner, plan } = await take();
      const indicatorId = firstIndicator(plan);
      app.clock.set(wit('2027-02-23'));
      const cases: Array<[Record<string, unknown>, Array<[string, string[]]>]> = [
        [{}, [['INVALID', ['input', 'value']]]],
        [{ value: null, statement: 'Sebelas bayi' }, [['INVALID', ['input', 'value']]]],
        [{ value: -1 }, [['INVALID', ['input', 'value']]]],
        [{ value: 5, narrative: textOf(4001) }, [['INVALID', ['input', 'narrative']]]],
        [
          { value: -0.5, narrative: textOf(4001) },
          [
            ['INVALID', ['input', 'narrative']],
            ['INVALID', ['input', 'value']],
          ],
        ],
      ];
      for (const [input, expected] of cases) {
        const refused = await e.unchanged(() => e.record({ indicatorId, subPeriod: 2, ...input }, owner));
        expect({ input: Object.keys(input), errors: codes(refused).sort() }).toEqual({
          input: Object.keys(input),
          errors: [...expected].sort(),
        });
      }
      const zero = await e.recordOk({ indicatorId, subPeriod: 1, value: 0, narrative: textOf(4000) }, owner);
      expect(zero).toMatchObject({ value: 0, narrative: textOf(4000) });
    });
  });

  describe('a qualitative plan', () => {
    let owner: Employee;
    let indicatorId: string;

    beforeAll(async () => {
      app.clock.set(wit('2027-02-23'));
      owner = await e.nurse();
      const created = await e.createPlan(owner, { periodId: y2027.period.id, approach: 'QUALITATIVE' });
      const { plan, rhk } = await e.addRhk(owner, created, { supportsId: y2027.headRhk });
      const ready = (
        await e.addIndicator(owner, rhk.id, plan.version, {
          aspect: 'QUALITY',
          targetValue: null,
          targetUnit: null,
          targetText: 'Register kohort lengkap dan tepat waktu',
        })
      ).plan;
      indicatorId = firstIndicator(
        await e.step('approveAppraisal', await e.step('submitAppraisal', ready, owner), head),
      );
    });

    it('records a statement (the value is optional); without one, or over 1,000 characters, INVALID on statement', async () => {
      app.clock.set(wit('2027-02-23'));
      for (const [input, expected] of [
        [{}, [['INVALID', ['input', 'statement']]]],
        [{ statement: null, value: 3 }, [['INVALID', ['input', 'statement']]]],
        [{ statement: textOf(1001) }, [['INVALID', ['input', 'statement']]]],
      ] as Array<[Record<string, unknown>, Array<[string, string[]]>]>) {
        const refused = await e.unchanged(() => e.record({ indicatorId, subPeriod: 2, ...input }, owner));
        expect({ input: Object.keys(input), errors: codes(refused) }).toEqual({
          input: Object.keys(input),
          errors: expected,
        });
      }
      const done = await e.recordOk(
        { indicatorId, subPeriod: 2, statement: '  Register kohort Februari lengkap, dikirim tanggal 3 Maret  ' },
        owner,
      );
      expect(done).toMatchObject({
        statement: 'Register kohort Februari lengkap, dikirim tanggal 3 Maret',
        value: null,
      });
      expect((await e.recordOk({ indicatorId, subPeriod: 1, statement: textOf(1000), value: 4 }, owner)).value).toBe(4);
    });

    it('a blank statement is no statement: INVALID on statement, nothing written', async () => {
      app.clock.set(wit('2027-03-05'));
      for (const statement of ['', '    ']) {
        const refused = await e.unchanged(() => e.record({ indicatorId, subPeriod: 3, statement }, owner));
        expect({ statement, errors: codes(refused) }).toEqual({
          statement,
          errors: [['INVALID', ['input', 'statement']]],
        });
      }
    });
  });

  describe('which month or quarter', () => {
    it('a month that does not exist in the period is INVALID on subPeriod; nothing written', async () => {
      const { owner, plan } = await take();
      app.clock.set(wit('2027-12-20'));
      for (const subPeriod of [0, -1, 13, 99]) {
        const refused = await e.unchanged(() =>
          e.record({ indicatorId: firstIndicator(plan), subPeriod, value: 1 }, owner),
        );
        expect({ subPeriod, errors: codes(refused) }).toEqual({
          subPeriod,
          errors: [['INVALID', ['input', 'subPeriod']]],
        });
      }
      expect((await e.recordOk({ indicatorId: firstIndicator(plan), subPeriod: 12, value: 1 }, owner)).subPeriod).toBe(
        12,
      );
    });

    it('a month that has not started in Walesi (WIT, UTC+9) is INVALID on subPeriod; from 00:00 WIT on its first day it is open', async () => {
      const { owner, plan } = await take();
      const indicatorId = firstIndicator(plan);
      app.clock.set(wit('2027-02-28', '23:30'));
      const early = await e.unchanged(() => e.record({ indicatorId, subPeriod: 3, value: 1 }, owner));
      expect(codes(early)).toEqual([['INVALID', ['input', 'subPeriod']]]);
      const later = await e.unchanged(() => e.record({ indicatorId, subPeriod: 11, value: 1 }, owner));
      expect(codes(later)).toEqual([['INVALID', ['input', 'subPeriod']]]);
      // 1 March 00:30 WIT is still 28 February in UTC.
      app.clock.set('2027-02-28T15:30:00Z');
      expect(await e.recordOk({ indicatorId, subPeriod: 3, value: 1 }, owner)).toMatchObject({
        subPeriod: 3,
        version: 1,
      });
    });

    it('in a quarterly period, quarters 1–4 only', async () => {
      app.clock.set('2026-01-05T01:00:00Z');
      const y2026 = await e.givenYear(2026);
      const [{ owner, plan }] = await e.nursesWithPlans(1, y2026);
      await e.movePeriodTo(y2026.period, 'RUNNING');
      app.clock.set(wit('2026-12-01'));
      const indicatorId = firstIndicator(plan!);
      for (const subPeriod of [0, 5, 12]) {
        const refused = await e.unchanged(() => e.record({ indicatorId, subPeriod, value: 30 }, owner!));
        expect({ subPeriod, errors: codes(refused) }).toEqual({
          subPeriod,
          errors: [['INVALID', ['input', 'subPeriod']]],
        });
      }
      expect(await e.recordOk({ indicatorId, subPeriod: 4, value: 30 }, owner!)).toMatchObject({ subPeriod: 4 });
    });

    it('a month outside the dates the plan covers (a plan opened by a transfer on 1 July) is INVALID on subPeriod; the closed plan is PLAN_NOT_APPROVED', async () => {
      const { owner, plan: first } = await take();
      app.clock.set(wit('2027-02-20'));
      const moved = await e.ok<{ closedAppraisal: PlanOut; newAppraisal: PlanOut }>(
        'transferEmployee',
        {
          employeeId: employeeId(owner),
          expectedVersion: owner.version,
          effectiveDate: '2027-07-01',
          positionTitle: 'Perawat Ahli Muda',
        },
        e.hr,
        `closedAppraisal { ${PLAN_FIELDS} } newAppraisal { ${PLAN_FIELDS} }`,
      );
      expect(moved.newAppraisal).toMatchObject({ startDate: '2027-07-01', endDate: '2027-12-31' });
      const { plan, rhk } = await e.addRhk(owner, moved.newAppraisal, { supportsId: y2027.headRhk });
      const ready = (await e.addIndicator(owner, rhk.id, plan.version)).plan;
      const second = await e.step('approveAppraisal', await e.step('submitAppraisal', ready, owner), head);
      app.clock.set(wit('2027-08-10'));
      for (const subPeriod of [1, 6]) {
        const refused = await e.unchanged(() =>
          e.record({ indicatorId: firstIndicator(second), subPeriod, value: 10 }, owner),
        );
        expect({ subPeriod, errors: codes(refused) }).toEqual({
          subPeriod,
          errors: [['INVALID', ['input', 'subPeriod']]],
        });
      }
      expect(await e.recordOk({ indicatorId: firstIndicator(second), subPeriod: 7, value: 10 }, owner)).toMatchObject({
        subPeriod: 7,
      });
      const onClosed = await e.unchanged(() =>
        e.record({ indicatorId: firstIndicator(first), subPeriod: 2, value: 10 }, owner),
      );
      expect(codes(onClosed)).toEqual([['PLAN_NOT_APPROVED', ['input', 'indicatorId']]]);
    });
  });

  describe('whose plan, in which state', () => {
    it.each(['DRAFT', 'SUBMITTED', 'RETURNED'] as const)(
      'a plan in %s is PLAN_NOT_APPROVED on indicatorId; nothing written',
      async (state) => {
        app.clock.set(wit('2027-02-20'));
        const owner = await e.nurse();
        const plan = await e.bringTo(
          await e.readyPlan(owner, y2027.headRhk, { periodId: y2027.period.id }),
          state,
          owner,
          head,
        );
        const refused = await e.unchanged(() =>
          e.record({ indicatorId: firstIndicator(plan), subPeriod: 1, value: 5 }, owner),
        );
        expect(codes(refused)).toEqual([['PLAN_NOT_APPROVED', ['input', 'indicatorId']]]);
      },
    );

    it('a plan reopened for revision (REVISING) still takes realizations', async () => {
      app.clock.set(wit('2027-02-20'));
      const owner = await e.nurse();
      const plan = await e.bringTo(
        await e.readyPlan(owner, y2027.headRhk, { periodId: y2027.period.id }),
        'REVISING',
        owner,
        head,
      );
      expect(await e.recordOk({ indicatorId: firstIndicator(plan), subPeriod: 1, value: 5 }, owner)).toMatchObject({
        version: 1,
      });
    });

    it('someone else’s indicator: a peer gets NOT_FOUND, the appraiser, the appraiser’s supervisor and HR get NOT_ALLOWED; nothing written', async () => {
      const { owner, plan } = await take();
      const peer = (await take()).owner;
      const indicatorId = firstIndicator(plan);
      app.clock.set(wit('2027-02-20'));
      const existing = await e.recordOk({ indicatorId, subPeriod: 1, value: 5 }, owner);
      for (const input of [
        { indicatorId, subPeriod: 2, value: 99 },
        { indicatorId, subPeriod: 1, value: 99, expectedVersion: existing.version },
      ]) {
        const byPeer = await e.unchanged(() => e.record(input, peer));
        expect(codes(byPeer)).toEqual([['NOT_FOUND', ['input', 'indicatorId']]]);
        for (const who of [head, kadinkes, e.hr]) {
          const refused = await e.unchanged(() => e.recordRaw(input, who));
          expect(userErrorCodes(refused)).toEqual(['NOT_ALLOWED']);
        }
        const anonymous = await e.unchanged(() =>
          app.gql('mutation($i: RecordRealizationInput!) { recordRealization(input: $i) { userErrors { code } } }', {
            i: input,
          }),
        );
        expect(FollowThrough.errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
      }
      for (const bad of [toGlobalId('Indicator', 999999), plan.id, 'not-an-id']) {
        const refused = await e.unchanged(() => e.record({ indicatorId: bad, subPeriod: 2, value: 1 }, owner));
        expect(codes(refused)).toEqual([['NOT_FOUND', ['input', 'indicatorId']]]);
      }
    });

    it('realizations are read by those who read the plan: not by staff below the owner who read its content, not by peers', async () => {
      const { owner, plan } = await take();
      const peer = (await take()).owner;
      app.clock.set(wit('2027-02-20'));
      const headIndicator = firstIndicator(y2027.headPlan);
      const headOwn = await e.recordOk({ indicatorId: headIndicator, subPeriod: 1, value: 40 }, head);
      const nurseOwn = await e.recordOk({ indicatorId: firstIndicator(plan), subPeriod: 1, value: 10 }, owner);
      // The nurse reads her head's IKI (the cascade) but not its realizations.
      const asBelow = await e.node<{ text: string; realizations: unknown[]; latestRealization: unknown }>(
        headIndicator,
        owner,
        '... on Indicator { text realizations { id } latestRealization { id } }',
      );
      expect(asBelow).toEqual({
        id: headIndicator,
        text: 'Jumlah bayi diimunisasi lengkap',
        realizations: [],
        latestRealization: null,
      });
      expect(await e.node(headOwn.id, owner, '... on Realization { value }')).toBeNull();
      expect(await e.node(headOwn.id, kadinkes, '... on Realization { value }')).toEqual({ id: headOwn.id, value: 40 });
      // A peer reads neither her indicator nor her realization.
      expect(await e.node(firstIndicator(plan), peer, '... on Indicator { realizations { id } }')).toBeNull();
      expect(await e.node(nurseOwn.id, peer, '... on Realization { value }')).toBeNull();
      const many = await app.data<{ nodes: unknown[] }>(
        'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        { ids: [nurseOwn.id, headOwn.id] },
        await e.token(peer),
      );
      expect(many.nodes).toEqual([null, null]);
    });
  });

  describe('after the month is rated (ratePeriod)', () => {
    it('neither a correction nor a first recording of that month is taken (LOCKED on subPeriod); other months are', async () => {
      const { owner, plan } = await take();
      const indicatorId = firstIndicator(plan);
      app.clock.set(wit('2027-02-27'));
      const feb = await e.recordOk({ indicatorId, subPeriod: 2, value: 10 }, owner);
      app.clock.set(wit('2027-03-02'));
      const current = await e.ratedOrFail(plan.id);
      for (const subPeriod of [1, 2]) {
        const version = (await e.ratedOrFail(plan.id)).version;
        const rated = await e.ratePeriod(
          { appraisalId: plan.id, expectedVersion: version, subPeriod, resultRating: MEETS, behaviorRating: MEETS },
          head,
        );
        expect(rated.userErrors).toEqual([]);
      }
      expect(current.version).toBe(plan.version);
      const correction = await e.unchanged(() =>
        e.record({ indicatorId, subPeriod: 2, expectedVersion: feb.version, value: 12 }, owner),
      );
      expect(codes(correction)).toEqual([['LOCKED', ['input', 'subPeriod']]]);
      const firstTime = await e.unchanged(() => e.record({ indicatorId, subPeriod: 1, value: 12 }, owner));
      expect(codes(firstTime)).toEqual([['LOCKED', ['input', 'subPeriod']]]);
      expect(await e.recordOk({ indicatorId, subPeriod: 3, value: 3 }, owner)).toMatchObject({ subPeriod: 3 });
      expect((await realizationOf(indicatorId)).realizations.map((r) => [r.subPeriod, r.value, r.version])).toEqual([
        [2, 10, 1],
        [3, 3, 1],
      ]);
    });
  });

  describe('in a closed period', () => {
    it('every recording is PERIOD_CLOSED; nothing written', async () => {
      app.clock.set('2025-01-06T01:00:00Z');
      const y2025 = await e.givenYear(2025, { cadence: 'MONTHLY' });
      const [{ owner, plan }] = await e.nursesWithPlans(1, y2025);
      await e.movePeriodTo(y2025.period, 'RUNNING');
      app.clock.set(wit('2025-03-10'));
      const indicatorId = firstIndicator(plan!);
      const feb = await e.recordOk({ indicatorId, subPeriod: 2, value: 10 }, owner!);
      await e.movePeriodTo(y2025.period, 'CLOSED');
      for (const input of [
        { indicatorId, subPeriod: 3, value: 5 },
        { indicatorId, subPeriod: 2, value: 11, expectedVersion: feb.version },
      ]) {
        const refused = await e.unchanged(() => e.record(input, owner!));
        expect(codes(refused)).toEqual([['PERIOD_CLOSED', ['input', 'indicatorId']]]);
      }
    });
  });

  describe('acceptance scenario 4', () => {
    it('February’s realization (88%) with evidence; the appraiser’s feedback reaches her and the appraiser’s supervisor, not her peers; once rated she cannot edit it', async () => {
      app.clock.set('2028-01-04T01:00:00Z');
      const y2028 = await e.givenYear(2028, { cadence: 'MONTHLY' });
      const nurse = await e.nurse({ name: 'Maria Asso' });
      const peer = await e.nurse({ name: 'Yohana Logo' });
      const plan = await e.approvedPlan(nurse, head, y2028.headRhk, y2028.period.id, {
        text: 'Persentase bayi usia 0-11 bulan yang mendapat imunisasi dasar lengkap',
        targetValue: 95,
        targetUnit: '%',
      });
      await e.approvedPlan(peer, head, y2028.headRhk, y2028.period.id);
      await e.movePeriodTo(y2028.period, 'RUNNING');
      const indicatorId = firstIndicator(plan);

      // She records February's realization with evidence.
      app.clock.set(wit('2028-02-28', '15:00'));
      const feb = await e.recordOk(
        {
          indicatorId,
          subPeriod: 2,
          value: 88,
          narrative: 'Imunisasi dasar lengkap 22 dari 25 bayi',
          evidence: [KOHORT],
        },
        nurse,
      );
      expect(feb).toMatchObject({ subPeriod: 2, value: 88, evidence: [KOHORT], version: 1 });

      // The appraiser gives feedback on it.
      const given = await e.give(
        {
          target: 'REALIZATION',
          targetId: feb.id,
          text: 'Capaian 88% mendekati target 95%: kejar tiga bayi yang belum lengkap.',
        },
        head,
      );
      expect(given).toMatchObject({
        targetKind: 'REALIZATION',
        targetId: feb.id,
        author: { id: employeeId(head) },
        recipient: { id: employeeId(nurse) },
        appraisal: { id: plan.id },
      });

      const feedbackOn = (who: Employee) =>
        e.node<{ value: number; feedback: FeedbackOut[] }>(
          feb.id,
          who,
          `... on Realization { value feedback { ${FEEDBACK_FIELDS} } }`,
        );
      // Visible to her (on the realization, addressed to her) and to the appraiser's supervisor.
      for (const who of [nurse, head, kadinkes]) {
        expect(await feedbackOn(who)).toEqual({ id: feb.id, value: 88, feedback: [given] });
        expect(await e.node(given.id, who, '... on Feedback { text }')).toEqual({ id: given.id, text: given.text });
      }
      const received = await app.data<{
        viewer: { feedbackReceived: { totalCount: number; nodes: Array<{ id: string }> } };
      }>('{ viewer { feedbackReceived { totalCount nodes { id } } } }', {}, await e.token(nurse));
      expect(received.viewer.feedbackReceived).toEqual({ totalCount: 1, nodes: [{ id: given.id }] });
      const planFeedback = await app.data<{ appraisal: { feedback: Array<{ id: string }> } }>(
        'query($id: ID!) { appraisal(id: $id) { feedback { id } } }',
        { id: plan.id },
        await e.token(kadinkes),
      );
      expect(planFeedback.appraisal.feedback).toEqual([{ id: given.id }]);
      // Not to a peer, by any path.
      expect(await feedbackOn(peer)).toBeNull();
      expect(await e.node(given.id, peer, '... on Feedback { text }')).toBeNull();
      const peerReceived = await app.data<{ viewer: { feedbackReceived: { totalCount: number } } }>(
        '{ viewer { feedbackReceived { totalCount } } }',
        {},
        await e.token(peer),
      );
      expect(peerReceived.viewer.feedbackReceived.totalCount).toBe(0);
      expect(
        await app.data(
          'query($id: ID!) { appraisal(id: $id) { feedback { id } } }',
          { id: plan.id },
          await e.token(peer),
        ),
      ).toEqual({ appraisal: null });

      // Until February is rated she can still correct it.
      const corrected = await e.recordOk(
        {
          indicatorId,
          subPeriod: 2,
          expectedVersion: 1,
          value: 88,
          narrative: 'Imunisasi dasar lengkap 22 dari 25 bayi (data final)',
          evidence: [KOHORT, FOTO],
        },
        nurse,
      );
      expect(corrected.version).toBe(2);

      // The appraiser rates February (from its last day, WIT); after that she cannot edit it.
      app.clock.set(wit('2028-03-01', '09:00'));
      const current = await e.ratedOrFail(plan.id);
      const rated = await e.ratePeriod(
        {
          appraisalId: plan.id,
          expectedVersion: current.version,
          subPeriod: 2,
          resultRating: MEETS,
          behaviorRating: MEETS,
        },
        head,
      );
      expect(rated.userErrors).toEqual([]);
      const refused = await e.unchanged(() =>
        e.record({ indicatorId, subPeriod: 2, expectedVersion: 2, value: 95 }, nurse),
      );
      expect(codes(refused)).toEqual([['LOCKED', ['input', 'subPeriod']]]);
      expect((await feedbackOn(nurse))!.value).toBe(88);

      // March is not rated on its own: she records it while the year is still open.
      app.clock.set(wit('2028-03-20'));
      await e.recordOk({ indicatorId, subPeriod: 3, value: 90 }, nurse);

      // Once the year is rated (EVALUATED), nothing of the plan changes any more, not even a month not rated on its own.
      await e.movePeriodTo(y2028.period, 'EVALUATING');
      app.clock.set(wit('2029-01-10'));
      const beforeYear = await e.ratedOrFail(plan.id);
      const year = await e.rateYear(
        { appraisalId: plan.id, expectedVersion: beforeYear.version, resultRating: MEETS, behaviorRating: MEETS },
        head,
      );
      expect(year.userErrors).toEqual([]);
      expect(year.appraisal!.status).toBe('EVALUATED');
      for (const input of [
        { indicatorId, subPeriod: 3, expectedVersion: 1, value: 95 },
        { indicatorId, subPeriod: 4, value: 95 },
      ]) {
        const afterYear = await e.unchanged(() => e.record(input, nurse));
        expect(codes(afterYear)).toEqual([['PLAN_NOT_APPROVED', ['input', 'indicatorId']]]);
      }
    });
  });
});
