import { toGlobalId } from '../../src/core/graphql/global-id';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { TestApp } from '../support/test-app';
import { wit, type Year } from './evaluation-helpers';
import {
  ACTIVITY_FIELDS,
  ACTIVITY_PAGE_FIELDS,
  type ActivityOut,
  type ActivityPage,
  firstIndicator,
  FollowThrough,
} from './follow-through-helpers';
import { codes, dbId, employeeId, type PlanOut, textOf } from './planning-helpers';
import { userErrorCodes } from '../support/authorization-matrix';

/**
 * The daily work log over HTTP (aktivitas harian, `docs/domain.md` glossary; local practice): the employee records each
 * day's work, optionally against one of her own indicators, with an evidence link, and corrects it until it is
 * acknowledged; the plan's appraiser (or, without a plan, the direct supervisor) acknowledges it or returns it with
 * a comment; both read it by day, week or month, newest day first, in pages; the employee hears of a review at once
 * (subscription activityReviewed). Every refusal is a stable code and writes nothing.
 */

const iso = (instant: string) => new Date(instant).toISOString();
const BUKTI = 'https://portal.jayawijayakab.go.id/berkas/posyandu-hitigima.jpg';
const ACTIVITY_REVIEWED = `subscription { activityReviewed { ${ACTIVITY_FIELDS} } }`;

describe('the daily activity log (aktivitas harian)', () => {
  let app: TestApp;
  let e: FollowThrough;
  let head: Employee;
  let kadinkes: Employee;
  let y2027: Year;
  let nurse: Employee;
  let nursePlan: PlanOut;
  let peer: Employee;
  let peerPlan: PlanOut;
  /** A nurse without a plan: her direct supervisor (the head) reviews her log. */
  let loner: Employee;

  beforeAll(async () => {
    app = await TestApp.start();
    e = await new FollowThrough(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    ({ head, kadinkes } = await e.givenOrg());
    y2027 = await e.givenYear(2027, { cadence: 'MONTHLY' });
    [{ owner: nurse, plan: nursePlan }, { owner: peer, plan: peerPlan }] = await e.nursesWithPlans(2, y2027);
    loner = await e.nurse({ name: 'Tanpa SKP' });
    await e.movePeriodTo(y2027.period, 'RUNNING');
  });
  afterAll(() => app?.stop());

  const record = (who: Employee | string, input: Record<string, unknown>) =>
    e.activity('recordActivity', { description: 'Pelayanan imunisasi', durationMinutes: 60, ...input }, who);
  const activityId = (n: number) => toGlobalId('DailyActivity', n);

  describe('recording', () => {
    it('records a day’s work against one of her indicators with an evidence link: SUBMITTED, read back, audited', async () => {
      app.clock.set(wit('2027-03-10', '16:45'));
      const recorded = await record(nurse, {
        date: '2027-03-10',
        description: '  Imunisasi dasar di Posyandu Hitigima, 14 bayi  ',
        durationMinutes: 150,
        indicatorId: firstIndicator(nursePlan),
        evidenceUrl: ` ${BUKTI} `,
      });
      expect(recorded.userErrors).toEqual([]);
      expect(recorded.activity).toEqual<ActivityOut>({
        id: expect.any(String),
        activityDate: '2027-03-10',
        description: 'Imunisasi dasar di Posyandu Hitigima, 14 bayi',
        durationMinutes: 150,
        evidenceUrl: BUKTI,
        status: 'SUBMITTED',
        reviewComment: null,
        reviewedAt: null,
        version: 1,
        employee: { id: employeeId(nurse) },
        indicator: { id: firstIndicator(nursePlan) },
        reviewer: null,
      });
      for (const who of [nurse, head, kadinkes, e.hr])
        expect(await e.node(recorded.activity!.id, who, `... on DailyActivity { ${ACTIVITY_FIELDS} }`)).toEqual(
          recorded.activity,
        );
      for (const who of [peer, loner])
        expect(await e.node(recorded.activity!.id, who, '... on DailyActivity { description }')).toBeNull();
      const audit = await e.audit('DailyActivity', dbId(recorded.activity!.id));
      expect(audit.map((a) => [a.action, a.actor_subject])).toEqual([['ACTIVITY_RECORDED', nurse.nip]]);
      // Without an indicator or evidence, and for an employee without a plan.
      const plain = await record(loner, { date: '2027-03-09', description: 'Rapat lokakarya mini' });
      expect(plain.userErrors).toEqual([]);
      expect(plain.activity).toMatchObject({
        indicator: null,
        evidenceUrl: null,
        status: 'SUBMITTED',
        employee: { id: employeeId(loner) },
      });
    });

    it.each<[string, Record<string, unknown>, Array<[string, string[]]>]>([
      ['an empty description', { description: '' }, [['INVALID', ['input', 'description']]]],
      ['a blank description', { description: '   ' }, [['INVALID', ['input', 'description']]]],
      ['a description over 2,000 characters', { description: textOf(2001) }, [['INVALID', ['input', 'description']]]],
      ['no minutes', { durationMinutes: 0 }, [['INVALID', ['input', 'durationMinutes']]]],
      ['negative minutes', { durationMinutes: -30 }, [['INVALID', ['input', 'durationMinutes']]]],
      ['more than a day', { durationMinutes: 1441 }, [['INVALID', ['input', 'durationMinutes']]]],
      [
        'an evidence link that is not a URL',
        { evidenceUrl: 'foto posyandu.jpg' },
        [['INVALID', ['input', 'evidenceUrl']]],
      ],
      [
        'an ftp evidence link',
        { evidenceUrl: 'ftp://files.jayawijayakab.go.id/a.jpg' },
        [['INVALID', ['input', 'evidenceUrl']]],
      ],
      [
        'an evidence link over 500 characters',
        { evidenceUrl: `https://a.id/${'x'.repeat(488)}` },
        [['INVALID', ['input', 'evidenceUrl']]],
      ],
      ['a day after today in Walesi', { date: '2027-03-12' }, [['INVALID', ['input', 'date']]]],
      ['a day in no period', { date: '2024-06-03' }, [['PERIOD_CLOSED', ['input', 'date']]]],
      [
        'several problems at once',
        { description: ' ', durationMinutes: 2000, evidenceUrl: 'x', date: '2027-04-01' },
        [
          ['INVALID', ['input', 'date']],
          ['INVALID', ['input', 'description']],
          ['INVALID', ['input', 'durationMinutes']],
          ['INVALID', ['input', 'evidenceUrl']],
        ],
      ],
    ])('%s is refused on its field; nothing written', async (_label, input, expected) => {
      // 11 March, 01:00 WIT (still 10 March in UTC): 11 March is today, 12 March the future.
      app.clock.set('2027-03-10T16:00:00Z');
      const refused = await e.unchanged(() => record(nurse, { date: '2027-03-11', ...input }));
      expect(codes(refused).sort()).toEqual([...expected].sort());
      expect(refused.activity).toBeNull();
    });

    it('accepts the limits: 1 and 1,440 minutes, 2,000 characters, a 500-character link, today in WIT; a blank link is none', async () => {
      app.clock.set('2027-03-10T16:00:00Z');
      const today = await record(nurse, { date: '2027-03-11', durationMinutes: 1, evidenceUrl: '  ' });
      expect(today.activity).toMatchObject({ activityDate: '2027-03-11', durationMinutes: 1, evidenceUrl: null });
      const long = await record(nurse, {
        date: '2027-03-11',
        durationMinutes: 1440,
        description: textOf(2000),
        evidenceUrl: `https://a.id/${'x'.repeat(487)}`,
      });
      expect(long.userErrors).toEqual([]);
      expect(long.activity!.evidenceUrl).toHaveLength(500);
    });

    it('the indicator must be one of her own plan’s: a peer’s, her appraiser’s, an unknown one, or any for someone without a plan is INVALID on indicatorId', async () => {
      app.clock.set(wit('2027-03-10'));
      for (const indicatorId of [
        firstIndicator(peerPlan),
        firstIndicator(y2027.headPlan),
        toGlobalId('Indicator', 99999),
        nursePlan.id,
      ]) {
        const refused = await e.unchanged(() => record(nurse, { date: '2027-03-10', indicatorId }));
        expect(codes(refused)).toEqual([['INVALID', ['input', 'indicatorId']]]);
      }
      const noPlan = await e.unchanged(() =>
        record(loner, { date: '2027-03-10', indicatorId: firstIndicator(nursePlan) }),
      );
      expect(codes(noPlan)).toEqual([['INVALID', ['input', 'indicatorId']]]);
    });

    it('a day in a closed period is PERIOD_CLOSED; a client without an employee record is FORBIDDEN; no token is UNAUTHENTICATED', async () => {
      app.clock.set('2025-01-06T01:00:00Z');
      const y2025 = await e.openPeriod(2025);
      await e.movePeriodTo(y2025, 'CLOSED');
      app.clock.set(wit('2027-03-10'));
      const closed = await e.unchanged(() => record(nurse, { date: '2025-05-05' }));
      expect(codes(closed)).toEqual([['PERIOD_CLOSED', ['input', 'date']]]);
      const byClient = await e.unchanged(() =>
        app.gql(
          'mutation($i: RecordActivityInput!) { recordActivity(input: $i) { userErrors { code } } }',
          { i: { date: '2027-03-10', description: 'x', durationMinutes: 5 } },
          e.hr,
        ),
      );
      expect(FollowThrough.errorCodes(byClient)).toEqual(['FORBIDDEN']);
      const anonymous = await e.unchanged(() =>
        app.gql('mutation($i: RecordActivityInput!) { recordActivity(input: $i) { userErrors { code } } }', {
          i: { date: '2027-03-10', description: 'x', durationMinutes: 5 },
        }),
      );
      expect(FollowThrough.errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('correcting until acknowledged', () => {
    it('the employee changes what she sends, with the version read; null clears the link and the indicator; audited', async () => {
      app.clock.set(wit('2027-03-12'));
      const entry = (
        await record(nurse, { date: '2027-03-12', indicatorId: firstIndicator(nursePlan), evidenceUrl: BUKTI })
      ).activity!;
      const changed = await e.activityOk(
        'updateActivity',
        { id: entry.id, expectedVersion: 1, description: ' Imunisasi dan penimbangan ', durationMinutes: 90 },
        nurse,
      );
      expect(changed).toMatchObject({
        id: entry.id,
        version: 2,
        description: 'Imunisasi dan penimbangan',
        durationMinutes: 90,
        evidenceUrl: BUKTI,
        indicator: { id: firstIndicator(nursePlan) },
        status: 'SUBMITTED',
      });
      const cleared = await e.activityOk(
        'updateActivity',
        { id: entry.id, expectedVersion: 2, evidenceUrl: null, indicatorId: null },
        nurse,
      );
      expect(cleared).toMatchObject({
        version: 3,
        evidenceUrl: null,
        indicator: null,
        description: 'Imunisasi dan penimbangan',
      });
      expect(await e.node(entry.id, head, `... on DailyActivity { ${ACTIVITY_FIELDS} }`)).toEqual(cleared);
      expect((await e.audit('DailyActivity', dbId(entry.id))).map((a) => a.action)).toEqual([
        'ACTIVITY_RECORDED',
        'ACTIVITY_UPDATED',
        'ACTIVITY_UPDATED',
      ]);
    });

    it('refuses a stale version (CONFLICT with the current one), bad values, someone else’s indicator; nothing written', async () => {
      app.clock.set(wit('2027-03-12'));
      const entry = (await record(nurse, { date: '2027-03-12' })).activity!;
      await e.activityOk('updateActivity', { id: entry.id, expectedVersion: 1, durationMinutes: 45 }, nurse);
      const stale = await e.unchanged(() =>
        e.activity('updateActivity', { id: entry.id, expectedVersion: 1, durationMinutes: 30 }, nurse),
      );
      expect(stale.userErrors.map((x) => [x.code, x.field, x.currentVersion])).toEqual([
        ['CONFLICT', ['input', 'expectedVersion'], 2],
      ]);
      for (const [input, expected] of [
        [{ description: '  ' }, [['INVALID', ['input', 'description']]]],
        [{ durationMinutes: 0 }, [['INVALID', ['input', 'durationMinutes']]]],
        [{ evidenceUrl: 'bukan tautan' }, [['INVALID', ['input', 'evidenceUrl']]]],
        [{ indicatorId: firstIndicator(peerPlan) }, [['INVALID', ['input', 'indicatorId']]]],
      ] as Array<[Record<string, unknown>, Array<[string, string[]]>]>) {
        const refused = await e.unchanged(() =>
          e.activity('updateActivity', { id: entry.id, expectedVersion: 2, ...input }, nurse),
        );
        expect({ input, errors: codes(refused) }).toEqual({ input, errors: expected });
      }
    });

    it('only the employee corrects: a peer gets NOT_FOUND, her reviewer and those above her NOT_ALLOWED; nothing written', async () => {
      app.clock.set(wit('2027-03-12'));
      const entry = (await record(nurse, { date: '2027-03-12' })).activity!;
      const byPeer = await e.unchanged(() =>
        e.activity('updateActivity', { id: entry.id, expectedVersion: 1, description: 'Diubah' }, peer),
      );
      expect(codes(byPeer)).toEqual([['NOT_FOUND', ['input', 'id']]]);
      for (const who of [head, kadinkes, e.hr]) {
        const refused = await e.unchanged(() =>
          e.activityRaw('updateActivity', { id: entry.id, expectedVersion: 1, description: 'Diubah' }, who),
        );
        expect(userErrorCodes(refused)).toEqual(['NOT_ALLOWED']);
      }
      const unknown = await e.unchanged(() =>
        e.activity('updateActivity', { id: activityId(999999), expectedVersion: 1, description: 'Diubah' }, nurse),
      );
      expect(codes(unknown)).toEqual([['NOT_FOUND', ['input', 'id']]]);
    });

    it('a returned entry, once corrected, goes back to the supervisor (SUBMITTED); an acknowledged one no longer changes (LOCKED)', async () => {
      app.clock.set(wit('2027-03-12'));
      const entry = (await record(nurse, { date: '2027-03-12' })).activity!;
      const returned = await e.activityOk(
        'reviewActivity',
        { id: entry.id, expectedVersion: 1, decision: 'RETURN', comment: 'Sebutkan jumlah bayi yang dilayani' },
        head,
      );
      expect(returned.status).toBe('RETURNED');
      const corrected = await e.activityOk(
        'updateActivity',
        { id: entry.id, expectedVersion: returned.version, description: 'Pelayanan imunisasi, 9 bayi' },
        nurse,
      );
      expect(corrected).toMatchObject({ status: 'SUBMITTED', version: returned.version + 1 });
      const acknowledged = await e.activityOk(
        'reviewActivity',
        { id: entry.id, expectedVersion: corrected.version, decision: 'ACKNOWLEDGE' },
        head,
      );
      const refused = await e.unchanged(() =>
        e.activity(
          'updateActivity',
          { id: entry.id, expectedVersion: acknowledged.version, description: 'Lagi' },
          nurse,
        ),
      );
      expect(codes(refused)).toEqual([['LOCKED', ['input', 'id']]]);
    });
  });

  describe('the supervisor’s review', () => {
    it('the appraiser acknowledges an entry (validasi): reviewer and time recorded, audited', async () => {
      app.clock.set(wit('2027-03-13', '08:00'));
      const entry = (await record(nurse, { date: '2027-03-13' })).activity!;
      app.clock.set(wit('2027-03-14', '10:30'));
      const done = await e.activityOk(
        'reviewActivity',
        { id: entry.id, expectedVersion: 1, decision: 'ACKNOWLEDGE', comment: 'Baik' },
        head,
      );
      expect(done).toMatchObject({
        status: 'ACKNOWLEDGED',
        reviewer: { id: employeeId(head) },
        reviewedAt: iso(wit('2027-03-14', '10:30')),
        reviewComment: 'Baik',
        version: 2,
      });
      expect(await e.node(entry.id, nurse, `... on DailyActivity { ${ACTIVITY_FIELDS} }`)).toEqual(done);
      expect((await e.audit('DailyActivity', dbId(entry.id), 'ACTIVITY_REVIEWED')).map((a) => a.actor_subject)).toEqual(
        [head.nip],
      );
      const again = await e.unchanged(() =>
        e.activity(
          'reviewActivity',
          { id: entry.id, expectedVersion: 2, decision: 'RETURN', comment: 'Ternyata kurang' },
          head,
        ),
      );
      expect(codes(again)).toEqual([['LOCKED', ['input', 'id']]]);
    });

    it('returning needs a comment (not blank, at most 2,000 characters); with one, the entry is RETURNED with it', async () => {
      app.clock.set(wit('2027-03-13'));
      const entry = (await record(nurse, { date: '2027-03-13' })).activity!;
      for (const comment of [undefined, null, '', '   ', textOf(2001)]) {
        const refused = await e.unchanged(() =>
          e.activity(
            'reviewActivity',
            { id: entry.id, expectedVersion: 1, decision: 'RETURN', ...(comment === undefined ? {} : { comment }) },
            head,
          ),
        );
        expect({ comment: comment?.slice(0, 5), errors: codes(refused) }).toEqual({
          comment: comment?.slice(0, 5),
          errors: [['INVALID', ['input', 'comment']]],
        });
      }
      const returned = await e.activityOk(
        'reviewActivity',
        { id: entry.id, expectedVersion: 1, decision: 'RETURN', comment: '  Lampirkan foto kegiatan  ' },
        head,
      );
      expect(returned).toMatchObject({
        status: 'RETURNED',
        reviewComment: 'Lampirkan foto kegiatan',
        reviewer: { id: employeeId(head) },
        version: 2,
      });
    });

    it('the wrong reviewer is refused: the employee, the appraiser’s supervisor and HR are NOT_ALLOWED, a peer NOT_FOUND; a stale version CONFLICT', async () => {
      app.clock.set(wit('2027-03-13'));
      const entry = (await record(nurse, { date: '2027-03-13' })).activity!;
      for (const who of [nurse, kadinkes, e.hr]) {
        const refused = await e.unchanged(() =>
          e.activityRaw('reviewActivity', { id: entry.id, expectedVersion: 1, decision: 'ACKNOWLEDGE' }, who),
        );
        expect(userErrorCodes(refused)).toEqual(['NOT_ALLOWED']);
      }
      const byPeer = await e.unchanged(() =>
        e.activity('reviewActivity', { id: entry.id, expectedVersion: 1, decision: 'ACKNOWLEDGE' }, peer),
      );
      expect(codes(byPeer)).toEqual([['NOT_FOUND', ['input', 'id']]]);
      const stale = await e.unchanged(() =>
        e.activity('reviewActivity', { id: entry.id, expectedVersion: 7, decision: 'ACKNOWLEDGE' }, head),
      );
      expect(stale.userErrors.map((x) => [x.code, x.currentVersion])).toEqual([['CONFLICT', 1]]);
    });

    it('without a plan, the direct supervisor reviews; with a reassigned appraiser (Plt), the new appraiser does and the supervisor may not', async () => {
      app.clock.set(wit('2027-03-13'));
      const lonely = (await record(loner, { date: '2027-03-13' })).activity!;
      expect(
        (await e.activityOk('reviewActivity', { id: lonely.id, expectedVersion: 1, decision: 'ACKNOWLEDGE' }, head))
          .status,
      ).toBe('ACKNOWLEDGED');

      const acting = await e.nurse({
        name: 'Plt Kepala',
        supervisor: kadinkes,
        unit: e.org.dinkes,
        positionKind: PositionKind.ADMINISTRATOR,
        positionTitle: 'Kepala Bidang Pelayanan Kesehatan',
      });
      const [{ owner, plan }] = await e.nursesWithPlans(1, y2027);
      const current = await e.plan(plan!.id);
      await e.ok(
        'reassignAppraiser',
        {
          id: plan!.id,
          expectedVersion: current.version,
          appraiserId: employeeId(acting),
          reason: 'Plt. Kepala Puskesmas selama cuti',
        },
        e.hr,
        'appraisal { id }',
      );
      const entry = (await record(owner!, { date: '2027-03-13' })).activity!;
      const byHead = await e.unchanged(() =>
        e.activityRaw('reviewActivity', { id: entry.id, expectedVersion: 1, decision: 'ACKNOWLEDGE' }, head),
      );
      expect(userErrorCodes(byHead)).toEqual(['NOT_ALLOWED']);
      expect(
        await e.activityOk('reviewActivity', { id: entry.id, expectedVersion: 1, decision: 'ACKNOWLEDGE' }, acting),
      ).toMatchObject({ status: 'ACKNOWLEDGED', reviewer: { id: employeeId(acting) } });
    });

    it('delivers activityReviewed to the employee at once, and never to a peer listening at the same time', async () => {
      app.clock.set(wit('2027-03-15'));
      const mine = (await record(nurse, { date: '2027-03-15', description: 'Kunjungan rumah ibu hamil' })).activity!;
      const theirs = (await record(peer, { date: '2027-03-15', description: 'Penyuluhan gizi' })).activity!;
      const nurseClient = app.subscriptionClient(await e.token(nurse));
      const peerClient = app.subscriptionClient(await e.token(peer));
      const before = app.server.activeSubscriptions();
      const nurseSub = nurseClient.subscribe<{ activityReviewed: ActivityOut }>(ACTIVITY_REVIEWED);
      const peerSub = peerClient.subscribe<{ activityReviewed: ActivityOut }>(ACTIVITY_REVIEWED);
      await app.subscriptionsListening(before + 2);

      const reviewed = await e.activityOk(
        'reviewActivity',
        { id: mine.id, expectedVersion: 1, decision: 'RETURN', comment: 'Tambahkan nama kampung' },
        head,
      );
      const [event] = await nurseSub.waitFor(1);
      expect(event!.errors).toBeUndefined();
      expect(event!.data!.activityReviewed).toEqual(reviewed);

      // The peer's own review then arrives, which shows that her stream was live and skipped the nurse's.
      const own = await e.activityOk(
        'reviewActivity',
        { id: theirs.id, expectedVersion: 1, decision: 'ACKNOWLEDGE' },
        head,
      );
      const peerEvents = await peerSub.waitFor(1);
      expect(peerEvents.map((x) => x.data!.activityReviewed.id)).toEqual([own.id]);
      expect(nurseSub.received).toHaveLength(1);
      // Her own correction is not a review: nothing more arrives.
      await e.activityOk(
        'updateActivity',
        { id: mine.id, expectedVersion: reviewed.version, description: 'Kunjungan rumah ibu hamil, Kampung Wesaput' },
        nurse,
      );
      expect((await nurseSub.waitFor(2, 300)).length).toBe(1);
    });
  });

  describe('in a closed period', () => {
    it('an entry of a closed year can be neither corrected nor reviewed (PERIOD_CLOSED); nothing written', async () => {
      app.clock.set(wit('2026-05-05'));
      const y2026 = await e.openPeriod(2026);
      const old = (await record(nurse, { date: '2026-05-05' })).activity!;
      await e.movePeriodTo(y2026, 'CLOSED');
      app.clock.set(wit('2027-03-15'));
      // (The field reported is ["input", "date"], which these inputs do not have: only the code is asserted.)
      const update = await e.unchanged(() =>
        e.activity('updateActivity', { id: old.id, expectedVersion: 1, description: 'Terlambat' }, nurse),
      );
      expect(update.userErrors.map((x) => x.code)).toEqual(['PERIOD_CLOSED']);
      const review = await e.unchanged(() =>
        e.activity('reviewActivity', { id: old.id, expectedVersion: 1, decision: 'ACKNOWLEDGE' }, head),
      );
      expect(review.userErrors.map((x) => x.code)).toEqual(['PERIOD_CLOSED']);
    });
  });

  describe('lists by day, week and month', () => {
    let lead: Employee;
    let a: Employee;
    let b: Employee;
    /** a's entries, in the order recorded. */
    const mine: ActivityOut[] = [];
    const theirs: ActivityOut[] = [];
    let leadOwn: ActivityOut;

    beforeAll(async () => {
      app.clock.set(wit('2027-04-30', '20:00'));
      const f = app.fixtures;
      const pustu = await f.unit({ code: 'DA-PUSTU', name: 'Puskesmas Pembantu Hitigima', parent: e.org.pkm });
      lead = await f.employee({
        unit: pustu,
        supervisor: head,
        name: 'Kepala Pustu',
        positionKind: PositionKind.PELAKSANA,
      });
      a = await f.employee({ unit: pustu, supervisor: lead, name: 'Bidan A' });
      b = await f.employee({ unit: pustu, supervisor: lead, name: 'Bidan B' });
      // Recorded out of order; April 2027: Thursday 1st … Friday 30th; the week of Monday 12 April.
      for (const date of [
        '2027-04-13',
        '2027-03-31',
        '2027-04-12',
        '2027-04-13',
        '2027-04-18',
        '2027-04-30',
        '2027-04-19',
      ])
        mine.push((await record(a, { date, description: `A ${date}` })).activity!);
      for (const date of ['2027-04-13', '2027-04-02'])
        theirs.push((await record(b, { date, description: `B ${date}` })).activity!);
      leadOwn = (await record(lead, { date: '2027-04-13', description: 'Lead' })).activity!;
      await e.activityOk('reviewActivity', { id: mine[0]!.id, expectedVersion: 1, decision: 'ACKNOWLEDGE' }, lead);
      await e.activityOk(
        'reviewActivity',
        { id: theirs[0]!.id, expectedVersion: 1, decision: 'RETURN', comment: 'Lengkapi' },
        lead,
      );
    });

    /** Newest day first, then the newest entry of a day first. */
    const newestFirst = (list: ActivityOut[]) =>
      [...list].sort((x, y) =>
        x.activityDate === y.activityDate ? dbId(y.id) - dbId(x.id) : y.activityDate.localeCompare(x.activityDate),
      );
    const mineList = async (args: string, who: Employee = a) =>
      (
        await app.data<{ viewer: { activities: ActivityPage } }>(
          `{ viewer { activities(${args}) { ${ACTIVITY_PAGE_FIELDS} } } }`,
          {},
          await e.token(who),
        )
      ).viewer.activities;
    const teamList = async (args: string, who: Employee = lead) =>
      (
        await app.data<{ viewer: { teamActivities: ActivityPage } }>(
          `{ viewer { teamActivities(${args}) { ${ACTIVITY_PAGE_FIELDS} } } }`,
          {},
          await e.token(who),
        )
      ).viewer.teamActivities;
    const ids = (page: ActivityPage) => page.edges.map((x) => x.node.description);
    const descriptions = (list: ActivityOut[]) => list.map((x) => x.description);

    it.each([
      ['a day', 'from: "2027-04-13", to: "2027-04-13"', ['2027-04-13']],
      ['a week (Monday to Sunday)', 'from: "2027-04-12", to: "2027-04-18"', ['2027-04-12', '2027-04-13', '2027-04-18']],
      [
        'a month',
        'from: "2027-04-01", to: "2027-04-30"',
        ['2027-04-12', '2027-04-13', '2027-04-18', '2027-04-19', '2027-04-30'],
      ],
      ['from a day on', 'from: "2027-04-19"', ['2027-04-19', '2027-04-30']],
      ['up to a day', 'to: "2027-04-01"', ['2027-03-31']],
      ['everything', 'first: 50', ['2027-03-31', '2027-04-12', '2027-04-13', '2027-04-18', '2027-04-19', '2027-04-30']],
    ])(
      'her own log, %s: the entries of those days, newest day first, then newest entry',
      async (_label, args, days) => {
        const page = await mineList(args);
        const expected = newestFirst(mine.filter((x) => days.includes(x.activityDate)));
        expect(ids(page)).toEqual(descriptions(expected));
        expect(page.totalCount).toBe(expected.length);
        expect(page.edges.map((x) => x.node.employee)).toEqual(expected.map(() => ({ id: employeeId(a) })));
      },
    );

    it('pages forward and backward with cursors; totalCount is the whole range', async () => {
      const all = newestFirst(mine);
      const first = await mineList('first: 3');
      expect(ids(first)).toEqual(descriptions(all.slice(0, 3)));
      expect(first).toMatchObject({ totalCount: 7, pageInfo: { hasNextPage: true } });
      const second = await mineList(`first: 3, after: "${first.pageInfo.endCursor}"`);
      expect(ids(second)).toEqual(descriptions(all.slice(3, 6)));
      expect(second.pageInfo.hasNextPage).toBe(true);
      const third = await mineList(`first: 3, after: "${second.pageInfo.endCursor}"`);
      expect(ids(third)).toEqual(descriptions(all.slice(6)));
      expect(third).toMatchObject({ totalCount: 7, pageInfo: { hasNextPage: false } });
      const last = await mineList('last: 2');
      expect(ids(last)).toEqual(descriptions(all.slice(5)));
      expect(last.pageInfo.hasPreviousPage).toBe(true);
      const before = await mineList(`last: 2, before: "${last.pageInfo.startCursor}"`);
      expect(ids(before)).toEqual(descriptions(all.slice(3, 5)));
      const month = await mineList('from: "2027-04-01", to: "2027-04-30", first: 2');
      expect(month).toMatchObject({ totalCount: 6, pageInfo: { hasNextPage: true } });
    });

    it('by state: ACKNOWLEDGED, SUBMITTED', async () => {
      expect(ids(await mineList('status: ACKNOWLEDGED'))).toEqual([mine[0]!.description]);
      expect((await mineList('status: SUBMITTED')).totalCount).toBe(6);
      expect((await mineList('status: RETURNED')).totalCount).toBe(0);
    });

    it('the supervisor’s team: both staff’s entries, not her own; by day and by state (waiting for her)', async () => {
      const all = newestFirst([...mine, ...theirs]);
      const team = await teamList('first: 50');
      expect(ids(team)).toEqual(descriptions(all));
      expect(team.totalCount).toBe(9);
      expect(ids(await teamList('from: "2027-04-13", to: "2027-04-13"'))).toEqual(
        descriptions(newestFirst(all.filter((x) => x.activityDate === '2027-04-13'))),
      );
      const waiting = await teamList('status: SUBMITTED, from: "2027-04-01", to: "2027-04-30"');
      expect(ids(waiting)).toEqual(
        descriptions(
          newestFirst(
            all.filter((x) => x.activityDate >= '2027-04-01' && x.id !== mine[0]!.id && x.id !== theirs[0]!.id),
          ),
        ),
      );
      const paged = await teamList('first: 4');
      const next = await teamList(`first: 4, after: "${paged.pageInfo.endCursor}"`);
      const rest = await teamList(`first: 4, after: "${next.pageInfo.endCursor}"`);
      expect([...ids(paged), ...ids(next), ...ids(rest)]).toEqual(descriptions(all));
      expect(rest.pageInfo.hasNextPage).toBe(false);
    });

    it('everyone above reads the team’s entries (the head of the Puskesmas sees the Pustu and its head); staff see no team entries', async () => {
      const day = 'from: "2027-04-13", to: "2027-04-13"';
      const aboveDay = newestFirst([mine[0]!, mine[3]!, theirs[0]!, leadOwn]);
      expect(ids(await teamList(day, head))).toEqual(expect.arrayContaining(descriptions(aboveDay)));
      expect((await teamList(day, head)).edges.filter((x) => x.node.description === 'Lead')).toHaveLength(1);
      for (const who of [a, b]) expect((await teamList('first: 50', who)).totalCount).toBe(0);
    });

    it('an employee’s log through employee(id:): for her supervisors, not for a colleague', async () => {
      const logOf = async (who: Employee, of: Employee) =>
        (
          await app.data<{ employee: { activities: ActivityPage } | null }>(
            `query($id: ID!) { employee(id: $id) { activities(first: 50) { ${ACTIVITY_PAGE_FIELDS} } } }`,
            { id: employeeId(of) },
            await e.token(who),
          )
        ).employee?.activities;
      for (const who of [lead, head, kadinkes]) expect((await logOf(who, a))!.totalCount).toBe(7);
      expect((await logOf(a, a))!.totalCount).toBe(7);
      // The directory is open to colleagues; the log is not.
      expect(await logOf(b, a)).toMatchObject({ totalCount: 0, edges: [] });
    });
  });
});
