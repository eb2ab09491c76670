import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { eachCase } from '../support/authorization-matrix';
import { TestApp } from '../support/test-app';
import { wit, type Year } from './evaluation-helpers';
import {
  type ActivityOut,
  FEEDBACK_FIELDS,
  type FeedbackOut,
  firstIndicator,
  FollowThrough,
  type RealizationOut,
} from './follow-through-helpers';
import { codes, dbId, employeeId, type PlanOut, textOf } from './planning-helpers';

/**
 * Continuous feedback over HTTP (umpan balik berkelanjutan, `docs/domain.md` The cycle step 2; scenario 4): from the
 * appraiser or anyone above the employee, on her plan, an indicator, a realization, a daily entry or a core value;
 * never from a peer, someone below her, or herself. She replies (versioned); she sees what is addressed to her,
 * authors see what they wrote, those who read her plan see it, and nobody else does.
 */

const iso = (instant: string) => new Date(instant).toISOString();

type Target = 'APPRAISAL' | 'INDICATOR' | 'REALIZATION' | 'ACTIVITY' | 'BEHAVIOR';

describe('continuous feedback (umpan balik berkelanjutan)', () => {
  let app: TestApp;
  let e: FollowThrough;
  let head: Employee;
  let kadinkes: Employee;
  let y2027: Year;
  let nurse: Employee;
  let plan: PlanOut;
  let peer: Employee;
  /** A village health worker who reports to the nurse. */
  let kader: Employee;
  /** Someone in another office altogether. */
  let outsider: Employee;
  let realization: RealizationOut;
  let activity: ActivityOut;

  beforeAll(async () => {
    app = await TestApp.start();
    e = await new FollowThrough(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    ({ head, kadinkes } = await e.givenOrg());
    y2027 = await e.givenYear(2027, { cadence: 'MONTHLY' });
    [{ owner: nurse, plan }, { owner: peer }] = await e.nursesWithPlans(2, y2027);
    kader = await e.nurse({
      supervisor: nurse,
      name: 'Kader Kampung',
      positionKind: PositionKind.PELAKSANA,
      positionTitle: 'Pengelola Layanan Kesehatan',
    });
    const distrik = await app.fixtures.unit({
      code: 'FB-DISTRIK',
      name: 'Kantor Distrik Walesi',
      kind: UnitKind.AGENCY,
    });
    outsider = await app.fixtures.employee({
      unit: distrik,
      name: 'Staf Distrik',
      positionKind: PositionKind.PELAKSANA,
    });
    await e.movePeriodTo(y2027.period, 'RUNNING');
    app.clock.set(wit('2027-03-10'));
    realization = await e.recordOk(
      { indicatorId: firstIndicator(plan), subPeriod: 2, value: 9, narrative: 'Imunisasi Februari' },
      nurse,
    );
    activity = await e.logDay(nurse, { date: '2027-03-09', indicatorId: firstIndicator(plan) });
  });
  afterAll(() => app?.stop());

  const targetOf = (target: Target): { target: Target; targetId: string; coreValue?: string } =>
    ({
      APPRAISAL: { target, targetId: plan.id },
      INDICATOR: { target, targetId: firstIndicator(plan) },
      REALIZATION: { target, targetId: realization.id },
      ACTIVITY: { target, targetId: activity.id },
      BEHAVIOR: { target, targetId: plan.id, coreValue: 'KOLABORATIF' },
    })[target];

  /** The feedback list of the target itself, as `who` reads it. */
  const listedOn = async (target: Target, who: Employee | string): Promise<Array<{ id: string }> | null> => {
    const { targetId } = targetOf(target);
    if (target === 'APPRAISAL' || target === 'BEHAVIOR') {
      const data = await app.data<{ appraisal: { feedback: Array<{ id: string }> } | null }>(
        'query($id: ID!) { appraisal(id: $id) { feedback { id } } }',
        { id: targetId },
        await e.as(who),
      );
      return data.appraisal?.feedback ?? null;
    }
    const type = { INDICATOR: 'Indicator', REALIZATION: 'Realization', ACTIVITY: 'DailyActivity' }[target];
    return (
      (await e.node<{ feedback: Array<{ id: string }> }>(targetId, who, `... on ${type} { feedback { id } }`))
        ?.feedback ?? null
    );
  };

  const TARGETS: Target[] = ['APPRAISAL', 'INDICATOR', 'REALIZATION', 'ACTIVITY', 'BEHAVIOR'];

  describe('giving', () => {
    it.each(TARGETS)(
      'the appraiser gives feedback on %s: addressed to the employee, in her plan, listed on the target, audited',
      async (target) => {
        app.clock.set(wit('2027-03-11', '09:30'));
        const given = await e.feedback(
          'giveFeedback',
          { ...targetOf(target), text: `  Umpan balik tentang ${target}  ` },
          head,
        );
        expect(given.userErrors).toEqual([]);
        expect(given.feedback).toEqual<FeedbackOut>({
          id: expect.any(String),
          targetKind: target,
          targetId: targetOf(target).targetId,
          coreValue: target === 'BEHAVIOR' ? 'KOLABORATIF' : null,
          text: `Umpan balik tentang ${target}`,
          reply: null,
          repliedAt: null,
          version: 1,
          createdAt: iso(wit('2027-03-11', '09:30')),
          author: { id: employeeId(head) },
          recipient: { id: employeeId(nurse) },
          appraisal: { id: plan.id },
        });
        for (const who of [nurse, head, kadinkes])
          expect(await listedOn(target, who)).toContainEqual({ id: given.feedback!.id });
        expect((await e.audit('Feedback', dbId(given.feedback!.id))).map((a) => [a.action, a.actor_subject])).toEqual([
          ['FEEDBACK_GIVEN', head.nip],
        ]);
      },
    );

    it('anyone above the employee gives it too (the appraiser’s supervisor)', async () => {
      const given = await e.give(
        { target: 'REALIZATION', targetId: realization.id, text: 'Pertahankan pencatatan kohort.' },
        kadinkes,
      );
      expect(given).toMatchObject({
        author: { id: employeeId(kadinkes) },
        recipient: { id: employeeId(nurse) },
        appraisal: { id: plan.id },
      });
    });

    it('an acting appraiser (Plt) who is not above her gives it; once the plan goes back, he still reads what he wrote, not the plan', async () => {
      const [{ owner, plan: other }] = await e.nursesWithPlans(1, y2027);
      const acting = await e.nurse({
        name: 'Plt Kepala',
        supervisor: kadinkes,
        unit: e.org.dinkes,
        positionKind: PositionKind.ADMINISTRATOR,
        positionTitle: 'Kepala Bidang Pelayanan Kesehatan',
      });
      let current = await e.plan(other!.id);
      await e.ok(
        'reassignAppraiser',
        {
          id: other!.id,
          expectedVersion: current.version,
          appraiserId: employeeId(acting),
          reason: 'Plt. selama cuti',
        },
        e.hr,
        'appraisal { id }',
      );
      const given = await e.give({ target: 'APPRAISAL', targetId: other!.id, text: 'Selamat bekerja.' }, acting);
      expect(given.recipient).toEqual({ id: employeeId(owner!) });
      current = await e.plan(other!.id);
      await e.ok(
        'reassignAppraiser',
        {
          id: other!.id,
          expectedVersion: current.version,
          appraiserId: employeeId(head),
          reason: 'Kepala kembali dari cuti',
        },
        e.hr,
        'appraisal { id }',
      );
      expect(
        await app.data('query($id: ID!) { appraisal(id: $id) { id } }', { id: other!.id }, await e.token(acting)),
      ).toEqual({ appraisal: null });
      expect(await e.node(given.id, acting, '... on Feedback { text }')).toEqual({
        id: given.id,
        text: 'Selamat bekerja.',
      });
      const mine = await app.data<{ viewer: { feedbackGiven: { nodes: Array<{ id: string }> } } }>(
        '{ viewer { feedbackGiven { nodes { id } } } }',
        {},
        await e.token(acting),
      );
      expect(mine.viewer.feedbackGiven.nodes).toEqual([{ id: given.id }]);
      // No longer her appraiser, not above her: he cannot give more.
      const refused = await e.unchanged(() =>
        e.feedback('giveFeedback', { target: 'APPRAISAL', targetId: other!.id, text: 'Lagi' }, acting),
      );
      expect(codes(refused)).toEqual([['NOT_FOUND', ['input', 'targetId']]]);
    });

    /** Who may not give feedback on the employee's things: those who cannot read them find nothing; she herself and HR may read but not give. */
    const REFUSED = {
      peer: () => peer,
      'someone below her': () => kader,
      'someone elsewhere': () => outsider,
      'she herself': () => nurse,
      HR: () => e.hr,
      anonymous: () => null,
    };
    eachCase({
      actors: Object.keys(REFUSED) as Array<keyof typeof REFUSED>,
      rows: Object.fromEntries(TARGETS.map((t) => [t, t])),
      outcome: (_target, actor) =>
        actor === 'anonymous'
          ? 'UNAUTHENTICATED'
          : actor === 'she herself' || actor === 'HR'
            ? 'FORBIDDEN'
            : 'NOT_FOUND',
      title: (c) => `on ${c.name}, ${c.actor} gets ${c.outcome}; nothing written`,
      check: async ({ row: target, actor, outcome }) => {
        const who = REFUSED[actor]();
        if (who === null) {
          const anonymous = await e.unchanged(() =>
            app.gql('mutation($i: GiveFeedbackInput!) { giveFeedback(input: $i) { userErrors { code } } }', {
              i: { ...targetOf(target), text: 'x' },
            }),
          );
          return expect(FollowThrough.errorCodes(anonymous)).toEqual([outcome]);
        }
        if (outcome === 'FORBIDDEN') {
          const refused = await e.unchanged(() =>
            e.feedbackRaw('giveFeedback', { ...targetOf(target), text: 'Tidak berhak' }, who),
          );
          return expect(FollowThrough.errorCodes(refused)).toEqual(['FORBIDDEN']);
        }
        const refused = await e.unchanged(() =>
          e.feedback('giveFeedback', { ...targetOf(target), text: 'Tidak berhak' }, who),
        );
        expect(codes(refused)).toEqual([['NOT_FOUND', ['input', 'targetId']]]);
        expect(refused.feedback).toBeNull();
      },
    });

    it('upwards is refused too: the nurse on her appraiser’s plan, the appraiser on his own supervisor’s plan (NOT_FOUND)', async () => {
      const headPlan = y2027.headPlan;
      const byNurse = await e.unchanged(() =>
        e.feedback('giveFeedback', { target: 'APPRAISAL', targetId: headPlan.id, text: 'Terima kasih, Bu' }, nurse),
      );
      expect(codes(byNurse)).toEqual([['NOT_FOUND', ['input', 'targetId']]]);
      const kadinkesPlan = (
        await app.data<{ employee: { currentAppraisal: { id: string } } }>(
          'query($id: ID!, $p: ID) { employee(id: $id) { currentAppraisal(periodId: $p) { id } } }',
          { id: employeeId(kadinkes), p: y2027.period.id },
          e.hr,
        )
      ).employee.currentAppraisal;
      const byHead = await e.unchanged(() =>
        e.feedback(
          'giveFeedback',
          { target: 'BEHAVIOR', targetId: kadinkesPlan.id, coreValue: 'HARMONIS', text: 'Terima kasih' },
          head,
        ),
      );
      expect(codes(byHead)).toEqual([['NOT_FOUND', ['input', 'targetId']]]);
    });

    it.each<[string, Record<string, unknown>, Array<[string, string[]]>]>([
      [
        'behaviour without a core value',
        { target: 'BEHAVIOR', coreValue: null },
        [['INVALID', ['input', 'coreValue']]],
      ],
      [
        'a core value on the plan as a whole',
        { target: 'APPRAISAL', coreValue: 'LOYAL' },
        [['INVALID', ['input', 'coreValue']]],
      ],
      ['an empty text', { target: 'APPRAISAL', text: '' }, [['INVALID', ['input', 'text']]]],
      ['a blank text', { target: 'APPRAISAL', text: '   ' }, [['INVALID', ['input', 'text']]]],
      ['a text over 2,000 characters', { target: 'APPRAISAL', text: textOf(2001) }, [['INVALID', ['input', 'text']]]],
      ['a realization target with a plan’s id', { target: 'REALIZATION' }, [['NOT_FOUND', ['input', 'targetId']]]],
      [
        'an activity target with a realization’s id',
        { target: 'ACTIVITY', targetId: 'realization' },
        [['NOT_FOUND', ['input', 'targetId']]],
      ],
      [
        'an unknown plan',
        { target: 'APPRAISAL', targetId: toGlobalId('Appraisal', 99999) },
        [['NOT_FOUND', ['input', 'targetId']]],
      ],
      [
        'an unknown indicator',
        { target: 'INDICATOR', targetId: toGlobalId('Indicator', 99999) },
        [['NOT_FOUND', ['input', 'targetId']]],
      ],
    ])('%s is refused with a stable code; nothing written', async (_label, input, expected) => {
      const resolved = { targetId: plan.id, text: 'Umpan balik', ...input };
      if (resolved.targetId === 'realization') resolved.targetId = realization.id;
      const refused = await e.unchanged(() => e.feedback('giveFeedback', resolved, head));
      expect(codes(refused)).toEqual(expected);
    });

    it('accepts 2,000 characters, trimmed', async () => {
      const given = await e.give(
        { target: 'BEHAVIOR', targetId: plan.id, coreValue: 'ADAPTIF', text: ` ${textOf(2000)} ` },
        head,
      );
      expect(given.text).toBe(textOf(2000));
    });
  });

  describe('replying', () => {
    it('the employee replies with the version read; a second reply replaces the first; each audited', async () => {
      const given = await e.give(
        { target: 'REALIZATION', targetId: realization.id, text: 'Bagaimana dengan kampung Hitigima?' },
        head,
      );
      app.clock.set(wit('2027-03-12', '07:15'));
      const first = await e.feedback(
        'replyToFeedback',
        { id: given.id, expectedVersion: 1, reply: '  Dijadwalkan minggu depan  ' },
        nurse,
      );
      expect(first.userErrors).toEqual([]);
      expect(first.feedback).toEqual({
        ...given,
        reply: 'Dijadwalkan minggu depan',
        repliedAt: iso(wit('2027-03-12', '07:15')),
        version: 2,
      });
      app.clock.set(wit('2027-03-13'));
      const second = await e.feedback(
        'replyToFeedback',
        { id: given.id, expectedVersion: 2, reply: 'Sudah dilaksanakan' },
        nurse,
      );
      expect(second.feedback).toMatchObject({
        reply: 'Sudah dilaksanakan',
        repliedAt: iso(wit('2027-03-13')),
        version: 3,
        text: given.text,
      });
      for (const who of [head, kadinkes])
        expect(await e.node(given.id, who, `... on Feedback { ${FEEDBACK_FIELDS} }`)).toEqual(second.feedback);
      expect((await e.audit('Feedback', dbId(given.id))).map((a) => [a.action, a.actor_subject])).toEqual([
        ['FEEDBACK_GIVEN', head.nip],
        ['FEEDBACK_REPLIED', nurse.nip],
        ['FEEDBACK_REPLIED', nurse.nip],
      ]);
    });

    it('refuses a stale version (CONFLICT with the current one) and an empty or too long reply; nothing written', async () => {
      const given = await e.give({ target: 'APPRAISAL', targetId: plan.id, text: 'Target realistis?' }, head);
      await e.ok('replyToFeedback', { id: given.id, expectedVersion: 1, reply: 'Ya' }, nurse, 'feedback { id }');
      const stale = await e.unchanged(() =>
        e.feedback('replyToFeedback', { id: given.id, expectedVersion: 1, reply: 'Tidak' }, nurse),
      );
      expect(stale.userErrors.map((x) => [x.code, x.field, x.currentVersion])).toEqual([
        ['CONFLICT', ['input', 'expectedVersion'], 2],
      ]);
      for (const reply of ['', '  ', textOf(2001)]) {
        const refused = await e.unchanged(() =>
          e.feedback('replyToFeedback', { id: given.id, expectedVersion: 2, reply }, nurse),
        );
        expect(codes(refused)).toEqual([['INVALID', ['input', 'reply']]]);
      }
    });

    it('only the recipient replies: the author and those above are FORBIDDEN, a peer or someone elsewhere NOT_FOUND; nothing written', async () => {
      const given = await e.give({ target: 'ACTIVITY', targetId: activity.id, text: 'Durasi terlalu lama?' }, head);
      for (const who of [head, kadinkes]) {
        const refused = await e.unchanged(() =>
          e.feedbackRaw('replyToFeedback', { id: given.id, expectedVersion: 1, reply: 'Balasan' }, who),
        );
        expect(FollowThrough.errorCodes(refused)).toEqual(['FORBIDDEN']);
      }
      for (const who of [peer, kader, outsider]) {
        const refused = await e.unchanged(() =>
          e.feedback('replyToFeedback', { id: given.id, expectedVersion: 1, reply: 'Balasan' }, who),
        );
        expect(codes(refused)).toEqual([['NOT_FOUND', ['input', 'id']]]);
      }
      const unknown = await e.unchanged(() =>
        e.feedback(
          'replyToFeedback',
          { id: toGlobalId('Feedback', 99999), expectedVersion: 1, reply: 'Balasan' },
          nurse,
        ),
      );
      expect(codes(unknown)).toEqual([['NOT_FOUND', ['input', 'id']]]);
    });
  });

  describe('who sees it', () => {
    let mine: FeedbackOut[];
    let toPeer: FeedbackOut;
    let byKadinkes: FeedbackOut;
    let noPlan: FeedbackOut;
    let loner: Employee;

    beforeAll(async () => {
      // A fresh nurse (with someone below her) and peer, so that the lists are exact.
      app.clock.set(wit('2027-03-15'));
      [{ owner: nurse, plan }, { owner: peer }] = await e.nursesWithPlans(2, y2027);
      kader = await e.nurse({
        supervisor: nurse,
        name: 'Kader Kampung Baru',
        positionKind: PositionKind.PELAKSANA,
        positionTitle: 'Pengelola Layanan Kesehatan',
      });
      realization = await e.recordOk({ indicatorId: firstIndicator(plan), subPeriod: 2, value: 10 }, nurse);
      activity = await e.logDay(nurse, { date: '2027-03-15' });
      mine = [];
      for (const target of TARGETS)
        mine.push(await e.give({ ...targetOf(target), text: `Untuk perawat: ${target}` }, head));
      byKadinkes = await e.give(
        { target: 'BEHAVIOR', targetId: plan.id, coreValue: 'AKUNTABEL', text: 'Dari kepala dinas' },
        kadinkes,
      );
      mine.push(byKadinkes);
      const peerPlan = (
        await app.data<{ employee: { currentAppraisal: { id: string } } }>(
          'query($id: ID!, $p: ID) { employee(id: $id) { currentAppraisal(periodId: $p) { id } } }',
          { id: employeeId(peer), p: y2027.period.id },
          e.hr,
        )
      ).employee.currentAppraisal;
      toPeer = await e.give({ target: 'APPRAISAL', targetId: peerPlan.id, text: 'Untuk rekan' }, head);
      // An entry of someone without a plan: the feedback belongs to no plan.
      loner = await e.nurse({ name: 'Tanpa SKP' });
      const lonely = await e.logDay(loner, { date: '2027-03-15' });
      noPlan = await e.give({ target: 'ACTIVITY', targetId: lonely.id, text: 'Tanpa rencana' }, head);
    });

    const received = async (who: Employee, args = 'first: 50') =>
      (
        await app.data<{
          viewer: {
            feedbackReceived: {
              totalCount: number;
              pageInfo: { hasNextPage: boolean; endCursor: string };
              nodes: Array<{ id: string }>;
            };
          };
        }>(
          `{ viewer { feedbackReceived(${args}) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`,
          {},
          await e.token(who),
        )
      ).viewer.feedbackReceived;
    const given = async (who: Employee) =>
      (
        await app.data<{ viewer: { feedbackGiven: { totalCount: number; nodes: Array<{ id: string }> } } }>(
          '{ viewer { feedbackGiven(first: 100) { totalCount nodes { id } } } }',
          {},
          await e.token(who),
        )
      ).viewer.feedbackGiven;
    const idsOf = (list: FeedbackOut[]) => list.map((f) => ({ id: f.id }));
    const newestFirst = (list: FeedbackOut[]) => [...list].sort((x, y) => dbId(y.id) - dbId(x.id));

    it('the employee sees what is addressed to her, newest first, in pages; a peer only his own', async () => {
      const all = await received(nurse);
      expect(all.nodes).toEqual(idsOf(newestFirst(mine)));
      expect(all.totalCount).toBe(6);
      const page = await received(nurse, 'first: 4');
      const next = await received(nurse, `first: 4, after: "${page.pageInfo.endCursor}"`);
      expect([...page.nodes, ...next.nodes]).toEqual(all.nodes);
      expect([page.pageInfo.hasNextPage, next.pageInfo.hasNextPage]).toEqual([true, false]);
      expect((await received(peer)).nodes).toEqual([{ id: toPeer.id }]);
      expect((await received(kader)).totalCount).toBe(0);
      expect((await received(loner)).nodes).toEqual([{ id: noPlan.id }]);
    });

    it('authors see what they wrote, and only that', async () => {
      const byHead = await given(head);
      expect(byHead.nodes).toEqual(
        expect.arrayContaining(idsOf([...mine.filter((f) => f !== byKadinkes), toPeer, noPlan])),
      );
      expect(byHead.nodes).not.toContainEqual({ id: byKadinkes.id });
      const fromKadinkes = await given(kadinkes);
      expect(fromKadinkes.nodes).toContainEqual({ id: byKadinkes.id });
      expect(fromKadinkes.nodes.filter((n) => mine.some((m) => m.id === n.id))).toEqual([{ id: byKadinkes.id }]);
      expect((await given(nurse)).totalCount).toBe(0);
    });

    it('by id: the recipient, the authors and those who read her plan; not a peer, someone below her, someone elsewhere', async () => {
      const everything = [...mine, toPeer, noPlan].map((f) => f.id);
      const seen = async (who: Employee | string) =>
        (
          await app.data<{ nodes: Array<{ id: string } | null> }>(
            'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
            { ids: everything },
            await e.as(who),
          )
        ).nodes.map((n) => n?.id ?? null);
      const expected = (visible: string[]) => everything.map((id) => (visible.includes(id) ? id : null));
      expect(await seen(nurse)).toEqual(expected(mine.map((f) => f.id)));
      expect(await seen(head)).toEqual(expected(everything));
      expect(await seen(kadinkes)).toEqual(expected(everything));
      expect(await seen(e.hr)).toEqual(expected(everything));
      expect(await seen(peer)).toEqual(expected([toPeer.id]));
      expect(await seen(loner)).toEqual(expected([noPlan.id]));
      for (const who of [kader, outsider]) expect(await seen(who)).toEqual(expected([]));
    });

    it('on the targets: those who read the plan see it listed; staff below her who read her IKI (the cascade) see none', async () => {
      for (const target of TARGETS) {
        const onTarget = mine.filter((f) => f.targetKind === target).map((f) => ({ id: f.id }));
        for (const who of [nurse, head, kadinkes])
          expect({ target, list: await listedOn(target, who) }).toEqual({
            target,
            list: expect.arrayContaining(onTarget),
          });
        for (const who of [peer, outsider])
          expect({ target, list: await listedOn(target, who) }).toEqual({ target, list: null });
      }
      const asKader = await e.node<{ text: string; feedback: unknown[] }>(
        firstIndicator(plan),
        kader,
        '... on Indicator { text feedback { id } }',
      );
      expect(asKader).toEqual({ id: firstIndicator(plan), text: expect.any(String), feedback: [] });
    });
  });

  describe('in a closed period', () => {
    let closedPlan: PlanOut;
    let owner: Employee;
    let earlier: FeedbackOut;

    beforeAll(async () => {
      app.clock.set('2025-01-06T01:00:00Z');
      const y2025 = await e.givenYear(2025);
      [{ owner, plan: closedPlan }] = (await e.nursesWithPlans(1, y2025)) as [{ owner: Employee; plan: PlanOut }];
      earlier = await e.give({ target: 'APPRAISAL', targetId: closedPlan.id, text: 'Sebelum ditutup' }, head);
      await e.movePeriodTo(y2025.period, 'CLOSED');
      app.clock.set(wit('2027-03-20'));
    });

    it('no feedback is given on a plan of a closed year (PERIOD_CLOSED); nothing written', async () => {
      const refused = await e.unchanged(() =>
        e.feedback(
          'giveFeedback',
          { target: 'BEHAVIOR', targetId: closedPlan.id, coreValue: 'LOYAL', text: 'Sesudah ditutup' },
          head,
        ),
      );
      expect(refused.userErrors.map((x) => x.code)).toEqual(['PERIOD_CLOSED']);
    });

    it('no reply is given in a closed year (PERIOD_CLOSED); nothing written', async () => {
      const refused = await e.unchanged(() =>
        e.feedback('replyToFeedback', { id: earlier.id, expectedVersion: 1, reply: 'Terlambat' }, owner),
      );
      expect(refused.userErrors.map((x) => x.code)).toEqual(['PERIOD_CLOSED']);
    });
  });

  it('on a daily-log entry, only what READ_FEEDBACK allows: HR of the unit she moved into reads her entry, not the feedback tied to the plan of her old unit', async () => {
    app.clock.set(wit('2027-03-20'));
    const [{ owner }] = (await e.nursesWithPlans(1, y2027)) as [{ owner: Employee; plan: PlanOut }];
    const entry = await e.logDay(owner, { date: '2027-03-19' });
    const given = await e.give({ target: 'ACTIVITY', targetId: entry.id, text: 'Laporan harian lengkap.' }, head);
    const baru = await app.fixtures.unit({ code: 'FB-BARU', name: 'Puskesmas Baru', kind: UnitKind.AGENCY });
    await e.ok(
      'transferEmployee',
      {
        employeeId: employeeId(owner),
        expectedVersion: owner.version,
        effectiveDate: '2027-04-01',
        unitId: toGlobalId('Unit', baru.rowId),
      },
      e.hr,
      'employee { id }',
    );
    const hrBaru = await app.token('hr-puskesmas-baru', { roles: [Role.HR_ADMIN], unit: 'FB-BARU' });
    const read = (who: Employee | string) =>
      e.node<{ id: string; feedback: Array<{ id: string }> }>(
        entry.id,
        who,
        '... on DailyActivity { id feedback { id } }',
      );
    // The entry follows her current unit; the feedback, tied to the plan, follows the plan's recorded unit.
    expect(await read(hrBaru)).toEqual({ id: entry.id, feedback: [] });
    expect(await e.node(given.id, hrBaru, '... on Feedback { id }')).toBeNull();
    expect(await read(e.hr)).toEqual({ id: entry.id, feedback: [{ id: given.id }] });
    expect(await read(owner)).toEqual({ id: entry.id, feedback: [{ id: given.id }] });
  });
});
