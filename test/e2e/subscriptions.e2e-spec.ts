import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { TestApp } from '../support/test-app';
import { Planning, type PlanOut } from './planning-helpers';

/**
 * Subscriptions over WebSocket (graphql-transport-ws): authentication in `connection_init`, the same policy as a
 * query for every event, the same limits as over HTTP, and the socket closed when the token expires.
 */

const FEEDBACK_RECEIVED = 'subscription { feedbackReceived { id text author { id name } recipient { id } } }';
const APPRAISAL_CHANGED = 'subscription($id: ID!) { appraisalChanged(id: $id) { id status } }';

describe('subscriptions over WebSocket', () => {
  let app: TestApp;
  let p: Planning;
  let head: Employee;
  let nurse: Employee;
  let peer: Employee;
  let plan: PlanOut;
  let peerPlan: PlanOut;

  beforeAll(async () => {
    app = await TestApp.start();
    p = await new Planning(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    const f = app.fixtures;
    const pkm = await f.unit({ code: 'SUB-PKM', name: 'UPTD Puskesmas Walesi', kind: UnitKind.AGENCY });
    head = await f.employee({
      unit: pkm,
      name: 'Agustina Wenda',
      positionKind: PositionKind.PENGAWAS,
      positionTitle: 'Kepala UPTD Puskesmas Walesi',
    });
    nurse = await f.employee({
      unit: pkm,
      supervisor: head,
      name: 'Maria Asso',
      positionKind: PositionKind.FUNGSIONAL,
      positionTitle: 'Perawat Terampil',
    });
    peer = await f.employee({
      unit: pkm,
      supervisor: head,
      name: 'Yohana Logo',
      positionKind: PositionKind.FUNGSIONAL,
      positionTitle: 'Bidan Terampil',
    });
    await f.setHead(pkm, head);
    await p.openPeriod(2027);
    plan = await p.createPlan(nurse);
    peerPlan = await p.createPlan(peer);
  });

  afterAll(async () => {
    await app.stop();
  });

  const giveFeedback = (to: PlanOut, text: string) =>
    p.ok<{ feedback: { id: string } }>(
      'giveFeedback',
      { target: 'APPRAISAL', targetId: to.id, text },
      head,
      'feedback { id }',
    );

  it('delivers feedback to its recipient at once, and never to a peer listening at the same time', async () => {
    const nurseClient = app.subscriptionClient(await p.token(nurse));
    const peerClient = app.subscriptionClient(await p.token(peer));
    const before = app.server.activeSubscriptions();
    const nurseSub = nurseClient.subscribe<{
      feedbackReceived: { id: string; text: string; author: { name: string }; recipient: { id: string } };
    }>(FEEDBACK_RECEIVED);
    const peerSub = peerClient.subscribe(FEEDBACK_RECEIVED);
    await app.subscriptionsListening(before + 2);

    // How fast it arrives is measured by `npm run reliability:latency`, not here.
    const given = await giveFeedback(plan, 'Laporan imunisasi bulan Januari sudah lengkap, terima kasih.');
    const [event] = await nurseSub.waitFor(1);
    expect(event!.errors).toBeUndefined();
    expect(event!.data!.feedbackReceived).toMatchObject({
      id: given.feedback.id,
      text: 'Laporan imunisasi bulan Januari sudah lengkap, terima kasih.',
      author: { name: 'Agustina Wenda' },
    });

    // The peer's own feedback then arrives, which shows that their stream was live and skipped the nurse's.
    const own = await giveFeedback(peerPlan, 'Mohon lengkapi bukti dukung.');
    const peerEvents = await peerSub.waitFor(1);
    expect(peerEvents.map((e) => (e.data as { feedbackReceived: { id: string } }).feedbackReceived.id)).toEqual([
      own.feedback.id,
    ]);
    expect(nurseSub.received).toHaveLength(1);
  });

  it('sends appraisal changes only for a plan the subscriber may read; another plan is refused like an unknown one', async () => {
    const nurseClient = app.subscriptionClient(await p.token(nurse));
    const peerClient = app.subscriptionClient(await p.token(peer));
    const before = app.server.activeSubscriptions();
    const own = nurseClient.subscribe<{ appraisalChanged: { id: string; status: string } }>(APPRAISAL_CHANGED, {
      id: plan.id,
    });
    const other = peerClient.subscribe<{ appraisalChanged: { id: string } | null }>(APPRAISAL_CHANGED, { id: plan.id });
    await app.subscriptionsListening(before + 1);
    await giveFeedback(plan, 'Target cakupan perlu disesuaikan dengan data sasaran.');
    const events = await own.waitFor(1);
    expect(events[0]!.data!.appraisalChanged).toEqual({ id: plan.id, status: 'DRAFT' });
    const refused = await other.waitFor(1);
    expect(refused).toEqual([
      {
        errors: [
          expect.objectContaining({
            message: 'No plan you may read has this id.',
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        ],
      },
    ]);
    const unknown = peerClient.subscribe(APPRAISAL_CHANGED, { id: 'QXBwcmFpc2FsOjk5OTk5' });
    expect((await unknown.waitFor(1))[0]!.errors![0]!.message).toBe('No plan you may read has this id.');
  });

  it('refuses a connection without a token or with a bad one (4403), and answers nothing', async () => {
    for (const client of [
      app.subscriptionClient(null),
      app.subscriptionClient('not-a-token'),
      app.subscriptionClient(await app.token(nurse.nip, { expiresIn: -10 })),
      app.subscriptionClient(await app.token(nurse.nip, { secret: 'another-secret-another-secret-0123456789' })),
    ]) {
      const sub = client.subscribe(FEEDBACK_RECEIVED);
      expect((await client.whenClosed())?.code).toBe(4403);
      expect(sub.received.filter((e) => e.data)).toEqual([]);
    }
  });

  it('closes the socket when the token expires', async () => {
    const client = app.subscriptionClient(await app.token(nurse.nip, { expiresIn: '2s' }));
    await client.connected();
    const closed = await client.whenClosed(4000);
    expect(closed).toEqual({ code: 4403, reason: 'Token expired' });
  });

  it('serves only subscriptions, with the same validation and limits as HTTP', async () => {
    const client = app.subscriptionClient(await p.token(nurse));
    const query = client.subscribe('{ viewer { employee { id } } }');
    await query.waitFor(1);
    expect(query.received[0]!.errors![0]!.extensions!.code).toBe('BAD_REQUEST');

    const unknown = client.subscribe('subscription { feedbackReceived { nope } }');
    await unknown.waitFor(1);
    expect(unknown.received[0]!.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: id`).join(' ');
    const tooMany = client.subscribe(`subscription { feedbackReceived { ${aliases} } }`);
    await tooMany.waitFor(1);
    expect(tooMany.received[0]!.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const notListening = app.server.activeSubscriptions();
    expect(notListening).toBeGreaterThanOrEqual(0);
  });

  it('ends subscriptions and closes sockets with 1001 when the server stops', async () => {
    const other = await TestApp.start();
    try {
      const nurseRow = await other.fixtures.employee({
        unit: await other.fixtures.unit({ code: 'SUB-X' }),
        name: 'Maria Asso',
      });
      const client = other.subscriptionClient(await other.token(nurseRow.nip));
      client.subscribe(FEEDBACK_RECEIVED);
      await other.subscriptionsListening(1);
      await other.server.stop();
      expect((await client.whenClosed())?.code).toBe(1001);
    } finally {
      await other.testDb.drop();
    }
  });
});
