import { Role } from '../../src/core/auth/role';
import { fromGlobalId, toGlobalId } from '../../src/core/graphql/global-id';
import { PositionKind } from '../../src/modules/employee/employee-enums';
import { Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { Unit } from '../../src/modules/unit/unit.entity';
import { type OpenSubscription } from '../support/subscription-client';
import {
  casesOf,
  eachActor,
  eachCase,
  expectAnswered,
  expectUnauthenticated,
  expectWrite,
  type Payload,
  snapshotTables,
} from '../support/authorization-matrix';
import { ORG_ACTORS, type OrgActor } from '../support/org-actors';
import { TestApp } from '../support/test-app';
import { MEETS, wit } from './evaluation-helpers';
import { FOLLOW_THROUGH_TABLES, FollowThrough } from './follow-through-helpers';
import { type PlanOut } from './planning-helpers';

/**
 * The authorization matrix for the objects of the follow-through and the evaluation (`docs/domain.md`, the cycle, steps
 * 2 and 3): realizations, the daily log, feedback and replies, periodic and annual evaluations, unit ratings and
 * objections. In the style of `appraisal-authorization.e2e-spec.ts`: every actor × every path, every actor × every
 * action, every actor × every subscription, as tables.
 *
 * One organisation is built once:
 *
 *   FT-ROOT (region)
 *   ├── FT-A   Dinas Kesehatan ─ kadinkes (JPT) ◄── appraised by the Bupati (external official)
 *   │   ├── FT-A1 UPTD Puskesmas ─ head (supervised by kadinkes) ─┬─► self (a nurse) ─► sub
 *   │   │                                                           └─► peer
 *   │   ├── FT-LA  look-alikes with approved plans: laHead (under kadinkes) ─► nurses
 *   │   └── FT-LF  look-alikes with delivered ratings: lfHead (under kadinkes) ─► nurses; staff appraised by kadinkes
 *   ├── FT-B   Dinas Pendidikan ─ otherHead
 *   └── FT-HR  BKPSDM ─ hrHead ─► hrPerson (signs in as HR admin of the region, of A, of B)
 *
 * The year 2027 (quarterly): self's plan (appraiser head, appraiser's supervisor kadinkes) is approved; self records
 * the realization of Q4 and a day of her log against her indicator; head gives feedback on the realization, the
 * entry and the indicator, kadinkes on the plan; self replies to the first. In January 2028 the period is
 * EVALUATING: head rates Q4 and the year (BAIK), kadinkes rates head (his result follows the Puskesmas' rating), HR
 * rates the Puskesmas ISTIMEWA and finalizes it (both ratings are delivered), and self and head object: self's
 * objection goes to kadinkes, head's to the Bupati (recorded by HR). Sub, who has no plan, logs a day that self
 * reviews and gives feedback on: the branch without a plan.
 *
 * Reads leave everything as it is. Refused writes aim at self's objects and must leave every row of every table a
 * follow-through or evaluation change may write unchanged. Allowed writes get look-alikes in the same places of the
 * tree (FT-LA, FT-LF: a nurse appraised by a head under kadinkes, who sign in in place of `self` and `head`), so
 * that no case depends on another.
 */

type ActorName = OrgActor;
const ACTORS = ORG_ACTORS;

const SIGNED_IN = ACTORS.filter((a) => a !== 'anonymous');

/** Whose plan: the three plans of the fixture. */
type Owner = 'self' | 'head' | 'kadinkes';

interface Organisation {
  root: Unit;
  a: Unit;
  a1: Unit;
  la: Unit;
  lf: Unit;
  b: Unit;
  hrUnit: Unit;
  kadinkes: Employee;
  head: Employee;
  self: Employee;
  peer: Employee;
  sub: Employee;
  otherHead: Employee;
  hrHead: Employee;
  hrPerson: Employee;
  laHead: Employee;
  lfHead: Employee;
}

/** A stored object by its global id (what clients see) and its database id (for re-reading rows). */
interface Ref {
  id: string;
  dbId: number;
}

/** A look-alike nurse with her plan, appraised by a look-alike head under kadinkes. */
interface LookAlike {
  nurse: Employee;
  head: Employee;
  plan: Ref;
  indicator: Ref;
}

/** The shared objects, all of them about self. */
interface World {
  org: Organisation;
  period: Ref & { year: number };
  plans: Record<Owner, Ref>;
  rhk: Record<Owner, Ref>;
  indicator: Ref;
  realization: Ref;
  activity: Ref;
  feedback: Record<FeedbackKey, Ref & { text: string; reply: string | null }>;
  /** An entry of sub's log: she has no plan, so her supervisor (self) reviews it; and self's feedback on it. */
  subActivity: Ref;
  subFeedback: Ref;
  periodic: Ref;
  annual: Ref;
  objection: Ref;
  unitRating: Ref;
  /** Approved plans in FT-LA, one per allowed write that needs one. */
  approved: LookAlike[];
  /** Delivered (FINAL) plans in FT-LF: without an objection, and with a pending one. */
  delivered: LookAlike[];
  objected: Array<LookAlike & { objection: Ref }>;
  /** Head's pending objection: his appraiser (kadinkes) answers to the Bupati, so HR covering the plan decides. */
  headObjection: Ref;
  /** Look-alikes of head (appraised by kadinkes) with pending objections. */
  objectedToHr: Ref[];
}

type FeedbackKey = 'onRealization' | 'onPlan' | 'onActivity' | 'onIndicator';

/** The day of self's shared log entry; look-alikes log other days, so that filtered lists count only hers. */
const DAY = '2027-12-15';
const OTHER_DAY = '2027-12-20';
const SUB_DAY = '2027-12-14';
const SUB_FEEDBACK = 'Surat masuk sudah diarsipkan dengan baik.';

const ref = (id: string): Ref => ({ id, dbId: fromGlobalId(id)!.id });

const gid = (object: Employee | Unit): string =>
  toGlobalId(object instanceof Unit ? Unit.typeName : Employee.typeName, object.rowId);

let app: TestApp;
let ft: FollowThrough;
let world: World;
let tokens: Record<ActorName, string | null>;

// ---------------------------------------------------------------------------------------------------------------
// The world
// ---------------------------------------------------------------------------------------------------------------

async function givenOrganisation(): Promise<Organisation> {
  const fx = app.fixtures;
  const root = await fx.unit({ code: 'FT-ROOT', name: 'Pemerintah Kabupaten Jayawijaya', kind: UnitKind.GOVERNMENT });
  const a = await fx.unit({ code: 'FT-A', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY, parent: root });
  const a1 = await fx.unit({ code: 'FT-A1', name: 'UPTD Puskesmas Walesi', kind: UnitKind.HEALTH_CENTRE, parent: a });
  const la = await fx.unit({
    code: 'FT-LA',
    name: 'UPTD Puskesmas Wamena Kota',
    kind: UnitKind.HEALTH_CENTRE,
    parent: a,
  });
  const lf = await fx.unit({ code: 'FT-LF', name: 'UPTD Puskesmas Hubikosi', kind: UnitKind.HEALTH_CENTRE, parent: a });
  const b = await fx.unit({ code: 'FT-B', name: 'Dinas Pendidikan', kind: UnitKind.AGENCY, parent: root });
  const hrUnit = await fx.unit({ code: 'FT-HR', name: 'BKPSDM', kind: UnitKind.AGENCY, parent: root });
  const bupati = await fx.official('Markus Lokobal, S.H.', 'Bupati Jayawijaya');
  const kadinkes = await fx.employee({
    unit: a,
    externalSupervisor: bupati,
    name: 'Karel Wetipo',
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala Dinas Kesehatan',
    grade: 'IV/c',
  });
  const head = await fx.employee({
    unit: a1,
    supervisor: kadinkes,
    name: 'Hendrik Itlay',
    positionKind: PositionKind.PENGAWAS,
    positionTitle: 'Kepala UPTD Puskesmas Walesi',
  });
  const self = await fx.employee({
    unit: a1,
    supervisor: head,
    name: 'Selina Kogoya',
    positionTitle: 'Perawat Ahli Pertama',
  });
  const peer = await fx.employee({
    unit: a1,
    supervisor: head,
    name: 'Petronela Asso',
    positionTitle: 'Bidan Ahli Pertama',
  });
  const sub = await fx.employee({
    unit: a1,
    supervisor: self,
    name: 'Sefnat Hubi',
    positionKind: PositionKind.PELAKSANA,
    positionTitle: 'Pengadministrasi Umum',
  });
  const otherHead = await fx.employee({
    unit: b,
    externalSupervisor: bupati,
    name: 'Otniel Mabel',
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala Dinas Pendidikan',
  });
  const hrHead = await fx.employee({
    unit: hrUnit,
    externalSupervisor: bupati,
    name: 'Yulianus Wenda',
    positionKind: PositionKind.JPT,
    positionTitle: 'Kepala BKPSDM',
    grade: 'IV/c',
  });
  const hrPerson = await fx.employee({
    unit: hrUnit,
    supervisor: hrHead,
    name: 'Herlina Lokobal',
    positionTitle: 'Analis SDM Aparatur',
  });
  const laHead = await fx.employee({
    unit: la,
    supervisor: kadinkes,
    name: 'Lukas Elopere',
    positionKind: PositionKind.PENGAWAS,
    positionTitle: 'Kepala UPTD Puskesmas Wamena Kota',
  });
  const lfHead = await fx.employee({
    unit: lf,
    supervisor: kadinkes,
    name: 'Debora Yikwa',
    positionKind: PositionKind.PENGAWAS,
    positionTitle: 'Kepala UPTD Puskesmas Hubikosi',
  });
  await fx.setHead(a, kadinkes);
  await fx.setHead(a1, head);
  await fx.setHead(b, otherHead);
  await fx.setHead(hrUnit, hrHead);
  return {
    root,
    a,
    a1,
    la,
    lf,
    b,
    hrUnit,
    kadinkes,
    head,
    self,
    peer,
    sub,
    otherHead,
    hrHead,
    hrPerson,
    laHead,
    lfHead,
  };
}

async function tokensFor(o: Organisation): Promise<Record<ActorName, string | null>> {
  return {
    self: await app.token(o.self.nip),
    head: await app.token(o.head.nip),
    kadinkes: await app.token(o.kadinkes.nip),
    peer: await app.token(o.peer.nip),
    sub: await app.token(o.sub.nip),
    otherHead: await app.token(o.otherHead.nip),
    hrRegion: await app.token(o.hrPerson.nip, { roles: [Role.HR_ADMIN] }),
    hrOfA: await app.token(o.hrPerson.nip, { roles: [Role.HR_ADMIN], unit: o.a.code }),
    hrOfB: await app.token(o.hrPerson.nip, { roles: [Role.HR_ADMIN], unit: o.b.code }),
    analyst: await app.token('dasbor-kinerja', { roles: [Role.ANALYST] }),
    integration: await app.token('simpeg-bkn', { roles: [Role.INTEGRATION] }),
    anonymous: null,
  };
}

const firstIndicatorOf = (plan: PlanOut): Ref => ref(plan.workResultPlans[0]!.indicators[0]!.id);

/** `count` nurses in `unit` under `head`, each with an approved plan supporting `headRhk`. */
async function givenLookAlikes(unit: Unit, head: Employee, headRhk: string, count: number): Promise<LookAlike[]> {
  const result: LookAlike[] = [];
  for (let i = 0; i < count; i++) {
    const nurse = await app.fixtures.employee({ unit, supervisor: head, positionTitle: 'Perawat Ahli Pertama' });
    const plan = await ft.approvedPlan(nurse, head, headRhk, world.period.id);
    result.push({ nurse, head, plan: ref(plan.id), indicator: firstIndicatorOf(plan) });
  }
  return result;
}

/** How many allowed writes need an approved look-alike plan of their own. */
const approvedLookAlikes = (): number =>
  casesOf(WRITE_MATRIX).filter(
    (c) => c.outcome === 'ALLOWED' && WRITE_ACTIONS[c.name as ActionName].fresh === 'APPROVED',
  ).length;

async function givenWorld(): Promise<void> {
  const org = await givenOrganisation();
  tokens = await tokensFor(org);
  // 4 January 2027: planning time.
  app.clock.set('2027-01-04T01:00:00Z');
  const opened = await ft.openPeriod(2027);
  world = { org, period: { ...ref(opened.id), year: 2027 } } as World;
  const kPlan = await ft.createPlan(org.kadinkes, { periodId: opened.id });
  const kadinkesRhk = (await ft.addRhk(org.kadinkes, kPlan, { text: 'Meningkatnya derajat kesehatan masyarakat' })).rhk
    .id;
  const headPlan = await ft.bringTo(
    await ft.readyPlan(org.head, kadinkesRhk, { periodId: opened.id }),
    'APPROVED',
    org.head,
    org.kadinkes,
  );
  const selfPlan = await ft.approvedPlan(org.self, org.head, headPlan.workResultPlans[0]!.id, opened.id);
  world.plans = { self: ref(selfPlan.id), head: ref(headPlan.id), kadinkes: ref(kPlan.id) };
  world.rhk = {
    self: ref(selfPlan.workResultPlans[0]!.id),
    head: ref(headPlan.workResultPlans[0]!.id),
    kadinkes: ref(kadinkesRhk),
  };
  world.indicator = firstIndicatorOf(selfPlan);
  const laHeadPlan = await ft.bringTo(
    await ft.readyPlan(org.laHead, kadinkesRhk, { periodId: opened.id }),
    'APPROVED',
    org.laHead,
    org.kadinkes,
  );
  const lfHeadPlan = await ft.bringTo(
    await ft.readyPlan(org.lfHead, kadinkesRhk, { periodId: opened.id }),
    'APPROVED',
    org.lfHead,
    org.kadinkes,
  );
  world.approved = await givenLookAlikes(org.la, org.laHead, laHeadPlan.workResultPlans[0]!.id, approvedLookAlikes());
  const finals = await givenLookAlikes(org.lf, org.lfHead, lfHeadPlan.workResultPlans[0]!.id, 2);
  // Two more appraised by kadinkes directly, like head: their appraiser's supervisor is the Bupati.
  const direct: LookAlike[] = [];
  for (let i = 0; i < 2; i++) {
    const staff = await app.fixtures.employee({
      unit: org.lf,
      supervisor: org.kadinkes,
      positionKind: PositionKind.ADMINISTRATOR,
      positionTitle: 'Kepala Bidang Pelayanan Kesehatan',
    });
    const plan = await ft.approvedPlan(staff, org.kadinkes, kadinkesRhk, opened.id);
    direct.push({ nurse: staff, head: org.kadinkes, plan: ref(plan.id), indicator: firstIndicatorOf(plan) });
  }

  // 4 January 2028, 10:00 WIT: the year has run.
  app.clock.set(wit('2028-01-04', '10:00'));
  await ft.movePeriodTo(world.period, 'RUNNING');
  world.realization = ref(
    (
      await ft.recordOk(
        { indicatorId: world.indicator.id, subPeriod: 4, value: 30, narrative: 'Imunisasi di 4 kampung' },
        org.self,
      )
    ).id,
  );
  world.activity = ref((await ft.logDay(org.self, { date: DAY, indicatorId: world.indicator.id })).id);
  const texts: Record<FeedbackKey, string> = {
    onRealization: 'Capaian triwulan IV baik; lengkapi foto kegiatan.',
    onPlan: 'Pertahankan kerja sama lintas sektor.',
    onActivity: 'Catatan harian sudah rapi.',
    onIndicator: 'Target indikator ini perlu data sasaran terbaru.',
  };
  const given = {
    onRealization: await ft.give(
      { target: 'REALIZATION', targetId: world.realization.id, text: texts.onRealization },
      org.head,
    ),
    onPlan: await ft.give({ target: 'APPRAISAL', targetId: world.plans.self.id, text: texts.onPlan }, org.kadinkes),
    onActivity: await ft.give({ target: 'ACTIVITY', targetId: world.activity.id, text: texts.onActivity }, org.head),
    onIndicator: await ft.give(
      { target: 'INDICATOR', targetId: world.indicator.id, text: texts.onIndicator },
      org.head,
    ),
  };
  world.subActivity = ref((await ft.logDay(org.sub, { date: SUB_DAY, description: 'Pengarsipan surat masuk' })).id);
  world.subFeedback = ref(
    (await ft.give({ target: 'ACTIVITY', targetId: world.subActivity.id, text: SUB_FEEDBACK }, org.self)).id,
  );
  const reply = 'Baik, foto sudah diunggah.';
  await ft.ok(
    'replyToFeedback',
    { id: given.onRealization.id, expectedVersion: given.onRealization.version, reply },
    org.self,
    'feedback { id }',
  );
  world.feedback = {
    onRealization: { ...ref(given.onRealization.id), text: texts.onRealization, reply },
    onPlan: { ...ref(given.onPlan.id), text: texts.onPlan, reply: null },
    onActivity: { ...ref(given.onActivity.id), text: texts.onActivity, reply: null },
    onIndicator: { ...ref(given.onIndicator.id), text: texts.onIndicator, reply: null },
  };

  await ft.movePeriodTo(world.period, 'EVALUATING');
  const rated = await ft.ratePeriod(
    {
      appraisalId: world.plans.self.id,
      expectedVersion: (await ft.ratedOrFail(world.plans.self.id)).version,
      subPeriod: 4,
      resultRating: MEETS,
      behaviorRating: MEETS,
    },
    org.head,
  );
  if (rated.userErrors.length) throw new Error(`ratePeriod: ${JSON.stringify(rated.userErrors)}`);
  world.periodic = ref(rated.evaluation!.id);
  world.annual = ref((await ft.rateInto({ id: world.plans.self.id }, 'BAIK', org.head)).annualEvaluation!.id);
  for (const f of [...finals, ...direct]) await ft.rateInto({ id: f.plan.id }, 'BAIK', f.head);
  for (const unit of [org.a1, org.lf]) {
    const set = await ft.ok<{ unitRating: { id: string } }>(
      'setUnitRating',
      { unitId: gid(unit), periodId: world.period.id, rating: 'ISTIMEWA' },
      ft.hr,
      'unitRating { id }',
    );
    if (unit === org.a1) world.unitRating = ref(set.unitRating.id);
  }
  // Head heads A1: his result rating follows A1's (ISTIMEWA → above expectation), so BAIK with behaviour as expected.
  await ft.ok(
    'rateYear',
    {
      appraisalId: world.plans.head.id,
      expectedVersion: (await ft.ratedOrFail(world.plans.head.id)).version,
      behaviorRating: MEETS,
    },
    org.kadinkes,
    'evaluation { id }',
  );
  for (const unit of [org.a1, org.lf]) {
    const done = await ft.finalize({ unitId: gid(unit), periodId: world.period.id, includeSubunits: false });
    if (done.userErrors.length) throw new Error(`finalize: ${JSON.stringify(done.userErrors)}`);
  }

  // 5 January 2028: the ratings are delivered; self objects, and so does one look-alike.
  app.clock.set(wit('2028-01-05', '09:00'));
  const object = async (who: Employee, plan: Ref): Promise<Ref> => {
    const filed = await ft.fileObjection(
      {
        appraisalId: plan.id,
        expectedVersion: (await ft.ratedOrFail(plan.id)).version,
        reason: 'Data imunisasi Desember belum dihitung',
      },
      who,
    );
    if (filed.userErrors.length) throw new Error(`fileObjection: ${JSON.stringify(filed.userErrors)}`);
    return ref(filed.objection!.id);
  };
  world.objection = await object(org.self, world.plans.self);
  world.delivered = [finals[0]!];
  world.objected = [{ ...finals[1]!, objection: await object(finals[1]!.nurse, finals[1]!.plan) }];
  world.headObjection = await object(org.head, world.plans.head);
  world.objectedToHr = [];
  for (const d of direct) world.objectedToHr.push(await object(d.nurse, d.plan));
}

beforeAll(async () => {
  app = await TestApp.start();
  ft = await new FollowThrough(app).init();
  await givenWorld();
}, 120_000);

afterAll(() => app?.stop());

/** Every row of every table a follow-through or evaluation change may write (plans, content, log, feedback, ratings, audit, tree). */
const snapshot = () => snapshotTables(app, FOLLOW_THROUGH_TABLES);

// ---------------------------------------------------------------------------------------------------------------
// The read policy, actor by actor
// ---------------------------------------------------------------------------------------------------------------

/**
 * What an actor sees of a plan (as in `appraisal-authorization`): PLAN (the plan and everything in it), CONTENT
 * (its RHK and indicators only: someone below the owner, choosing what to support), NOTHING.
 */
type Sight = 'UNAUTHENTICATED' | 'NOTHING' | 'CONTENT' | 'PLAN';

const SIGHT: Readonly<Record<ActorName, Readonly<Record<Owner, Sight>>>> = {
  //            self's plan   head's plan   kadinkes's plan
  self: { self: 'PLAN', head: 'CONTENT', kadinkes: 'CONTENT' }, // owner; below head and kadinkes
  head: { self: 'PLAN', head: 'PLAN', kadinkes: 'CONTENT' }, // self's appraiser; below kadinkes
  kadinkes: { self: 'PLAN', head: 'PLAN', kadinkes: 'PLAN' }, // above both; self's appraiser's supervisor
  peer: { self: 'NOTHING', head: 'CONTENT', kadinkes: 'CONTENT' }, // below head and kadinkes, beside self
  sub: { self: 'CONTENT', head: 'CONTENT', kadinkes: 'CONTENT' }, // below all three
  otherHead: { self: 'NOTHING', head: 'NOTHING', kadinkes: 'NOTHING' },
  hrRegion: { self: 'PLAN', head: 'PLAN', kadinkes: 'PLAN' },
  hrOfA: { self: 'PLAN', head: 'PLAN', kadinkes: 'PLAN' }, // scope covers A and A1
  hrOfB: { self: 'NOTHING', head: 'NOTHING', kadinkes: 'NOTHING' }, // scope does not
  analyst: { self: 'NOTHING', head: 'NOTHING', kadinkes: 'NOTHING' },
  integration: { self: 'NOTHING', head: 'NOTHING', kadinkes: 'NOTHING' },
  anonymous: { self: 'UNAUTHENTICATED', head: 'UNAUTHENTICATED', kadinkes: 'UNAUTHENTICATED' },
};

const readsPlan = (actor: ActorName, owner: Owner = 'self') => SIGHT[actor][owner] === 'PLAN';
const readsContent = (actor: ActorName, owner: Owner = 'self') =>
  SIGHT[actor][owner] === 'PLAN' || SIGHT[actor][owner] === 'CONTENT';

/**
 * Self's daily log: she, her reviewer (the plan's appraiser, head), everyone above her (head, kadinkes) and HR
 * admins covering her (`READ_ACTIVITY`). Not a peer, not someone below her, not analysts or clients.
 */
const READS_ACTIVITY: Readonly<Record<ActorName, boolean>> = {
  self: true,
  head: true,
  kadinkes: true,
  peer: false,
  sub: false,
  otherHead: false,
  hrRegion: true,
  hrOfA: true,
  hrOfB: false,
  analyst: false,
  integration: false,
  anonymous: false,
};

/**
 * Sub's log and the feedback on it, without a plan: she, her supervisor and reviewer (self), everyone above her
 * (head, kadinkes) and HR admins covering her. Not a peer of self's, not analysts or clients.
 */
const readsSubLog = (a: ActorName) =>
  (['sub', 'self', 'head', 'kadinkes', 'hrRegion', 'hrOfA'] as ActorName[]).includes(a);

/** The directory (employees, their lists) is for employees and HR admins, not analysts or integration clients. */
const readsDirectory = (actor: ActorName) => actor !== 'analyst' && actor !== 'integration' && actor !== 'anonymous';

/** The shared objects and who reads each. */
type ObjectKey =
  | 'realization'
  | 'activity'
  | FeedbackKey
  | 'periodic'
  | 'annual'
  | 'objection'
  | 'unitRating'
  | 'subActivity'
  | 'subFeedback';

const READERS: Readonly<Record<ObjectKey, (actor: ActorName) => boolean>> = {
  // Realizations, evaluations and objections are part of the plan: its readers only, not its content readers (docs/domain.md scenario 4).
  realization: (a) => readsPlan(a),
  periodic: (a) => readsPlan(a),
  annual: (a) => readsPlan(a),
  objection: (a) => readsPlan(a),
  activity: (a) => READS_ACTIVITY[a],
  // Feedback: the recipient, its author, and the readers of the recipient's plan — not peers (scenario 4).
  onRealization: (a) => a === 'self' || a === 'head' || readsPlan(a),
  onPlan: (a) => a === 'self' || a === 'kadinkes' || readsPlan(a),
  onActivity: (a) => a === 'self' || a === 'head' || readsPlan(a),
  onIndicator: (a) => a === 'self' || a === 'head' || readsPlan(a),
  // A unit's own rating is organisational, read like units: every signed-in principal.
  unitRating: (a) => a !== 'anonymous',
  subActivity: readsSubLog,
  subFeedback: readsSubLog,
};

const REALIZATION_FIELDS = 'id subPeriod value';
const ACTIVITY_FIELDS = 'id activityDate status';
const FEEDBACK_FIELDS = 'id text reply';
const EVALUATION_FIELDS = 'id kind subPeriod predikat';
const OBJECTION_FIELDS = 'id status';
const UNIT_RATING_FIELDS = 'id rating';

const FIELDS: Readonly<Record<ObjectKey, string>> = {
  realization: REALIZATION_FIELDS,
  activity: ACTIVITY_FIELDS,
  onRealization: FEEDBACK_FIELDS,
  onPlan: FEEDBACK_FIELDS,
  onActivity: FEEDBACK_FIELDS,
  onIndicator: FEEDBACK_FIELDS,
  periodic: EVALUATION_FIELDS,
  annual: EVALUATION_FIELDS,
  objection: OBJECTION_FIELDS,
  unitRating: UNIT_RATING_FIELDS,
  subActivity: ACTIVITY_FIELDS,
  subFeedback: FEEDBACK_FIELDS,
};

const TYPE_OF: Readonly<Record<ObjectKey, string>> = {
  realization: 'Realization',
  activity: 'DailyActivity',
  onRealization: 'Feedback',
  onPlan: 'Feedback',
  onActivity: 'Feedback',
  onIndicator: 'Feedback',
  periodic: 'Evaluation',
  annual: 'Evaluation',
  objection: 'Objection',
  unitRating: 'UnitRating',
  subActivity: 'DailyActivity',
  subFeedback: 'Feedback',
};

const refOf = (w: World, key: ObjectKey): Ref =>
  key in w.feedback ? w.feedback[key as FeedbackKey] : (w[key as Exclude<ObjectKey, FeedbackKey>] as Ref);

/** The object as a reader sees it with its FIELDS. */
function seen(w: World, key: ObjectKey): Record<string, unknown> {
  const id = refOf(w, key).id;
  switch (key) {
    case 'realization':
      return { id, subPeriod: 4, value: 30 };
    case 'activity':
      return { id, activityDate: DAY, status: 'SUBMITTED' };
    case 'periodic':
      return { id, kind: 'PERIODIC', subPeriod: 4, predikat: 'BAIK' };
    case 'annual':
      return { id, kind: 'ANNUAL', subPeriod: null, predikat: 'BAIK' };
    case 'objection':
      return { id, status: 'PENDING' };
    case 'unitRating':
      return { id, rating: 'ISTIMEWA' };
    case 'subActivity':
      return { id, activityDate: SUB_DAY, status: 'SUBMITTED' };
    case 'subFeedback':
      return { id, text: SUB_FEEDBACK, reply: null };
    default: {
      const f = w.feedback[key];
      return { id, text: f.text, reply: f.reply };
    }
  }
}

// Walking a response without a type per query.
const get = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    value,
  );
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const nodesOf = (connection: unknown): unknown[] =>
  get(connection, 'nodes') !== undefined
    ? list(get(connection, 'nodes'))
    : list(get(connection, 'edges')).map((e) => get(e, 'node'));
const byId = (items: unknown[], id: string): unknown => items.find((i) => get(i, 'id') === id) ?? null;
const present = (v: unknown): boolean => v !== null && v !== undefined;

/** What one path returns: the target (or null), whether the object it goes through was there, and a list's count. */
interface Found {
  item: unknown;
  /** Whether the object the path passes through (the plan, the indicator, the employee…) was returned. */
  via?: boolean;
  list?: { totalCount: number; length: number; hasNextPage?: boolean; hasPreviousPage?: boolean } | null;
}

function inConnection(connection: unknown, id: string): Found {
  if (!present(connection)) return { item: null, list: null };
  const items = nodesOf(connection);
  const pageInfo = get(connection, 'pageInfo');
  return {
    item: byId(items, id),
    list: {
      totalCount: get(connection, 'totalCount') as number,
      length: items.length,
      ...(present(pageInfo)
        ? {
            hasNextPage: get(pageInfo, 'hasNextPage') as boolean,
            hasPreviousPage: get(pageInfo, 'hasPreviousPage') as boolean,
          }
        : {}),
    },
  };
}

interface ReadPath {
  target: ObjectKey;
  query: string;
  variables(w: World): Record<string, unknown>;
  find(data: Record<string, unknown>, w: World): Found;
  /** Whether the actor sees the object the path goes through (when `find` reports `via`); default: everyone who reads the target. */
  via?(actor: ActorName): boolean;
  /** Whether this path can lead to the target for this actor at all (the viewer's own feeds, their team). */
  reaches?(actor: ActorName): boolean;
  /** For a connection: its expected totalCount; null when the connection itself is out of reach. */
  count?(actor: ActorName): number | null;
}

// Nested selections, each ending in one object's fields.
const inIndicators = (inner: string) => `workResultPlans { indicators { ${inner} } }`;
const allIndicators = (plan: unknown): unknown[] =>
  list(get(plan, 'workResultPlans')).flatMap((r) => list(get(r, 'indicators')));
const realizationsIn = (plan: unknown, w: World): unknown =>
  byId(
    allIndicators(plan).flatMap((i) => list(get(i, 'realizations'))),
    w.realization.id,
  );
const teamMember = (data: Record<string, unknown>, w: World): unknown =>
  byId(nodesOf(get(data, 'viewer', 'team')), gid(w.org.self));

const nodePath = (target: ObjectKey): ReadPath => ({
  target,
  query: `query($id: ID!) { node(id: $id) { ... on ${TYPE_OF[target]} { ${FIELDS[target]} } } }`,
  variables: (w) => ({ id: refOf(w, target).id }),
  find: (data) => ({ item: data.node ?? null }),
});

const nodesPath = (target: ObjectKey): ReadPath => ({
  target,
  query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on ${TYPE_OF[target]} { ${FIELDS[target]} } } }`,
  variables: (w) => ({ ids: [refOf(w, target).id] }),
  find: (data) => {
    expect(list(data.nodes)).toHaveLength(1);
    return { item: list(data.nodes)[0] ?? null };
  },
});

const PERIOD_ARG = 'query($id: ID!, $periodId: ID!)';
const headOrKadinkes = (a: ActorName) => a === 'head' || a === 'kadinkes';

/** Paths that reach one object of self's plan through the plan: by id, the A1 list, the employee, the team, the viewer. */
function throughPlan(
  target: ObjectKey,
  inner: string,
  pick: (plan: unknown, w: World) => unknown,
): Record<string, ReadPath> {
  return {
    'appraisal(self’s plan)': {
      target,
      query: `query($id: ID!) { appraisal(id: $id) { id ${inner} } }`,
      variables: (w) => ({ id: w.plans.self.id }),
      find: (data, w) => ({ item: pick(data.appraisal, w), via: present(data.appraisal) }),
      via: (a) => readsPlan(a),
    },
    'appraisals(filter: { unitId: A1 })': {
      target,
      query: `query($unitId: ID!) { appraisals(first: 50, filter: { unitId: $unitId }) { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { id ${inner} } } }`,
      variables: (w) => ({ unitId: gid(w.org.a1) }),
      find: (data, w) => {
        const found = inConnection(data.appraisals, w.plans.self.id);
        return { ...found, item: pick(found.item, w), via: present(found.item) };
      },
      via: (a) => readsPlan(a),
      // A1 holds head's plan and self's: the count is what the caller may see.
      count: (a) => (['self', 'head'] as const).filter((owner) => readsPlan(a, owner)).length,
    },
    'employee(self).currentAppraisal': {
      target,
      query: `${PERIOD_ARG} { employee(id: $id) { currentAppraisal(periodId: $periodId) { id ${inner} } } }`,
      variables: (w) => ({ id: gid(w.org.self), periodId: w.period.id }),
      find: (data, w) => {
        const plan = get(data.employee, 'currentAppraisal');
        return { item: pick(plan, w), via: present(plan) };
      },
      via: (a) => readsPlan(a),
    },
    'viewer.team(depth: ALL).currentAppraisal': {
      target,
      query: `query($periodId: ID!) { viewer { team(depth: ALL, first: 50) { nodes { id currentAppraisal(periodId: $periodId) { id ${inner} } } } } }`,
      variables: (w) => ({ periodId: w.period.id }),
      find: (data, w) => {
        const member = teamMember(data, w);
        return { item: pick(get(member, 'currentAppraisal'), w), via: present(member) };
      },
      // Only those above self have her in their team.
      via: headOrKadinkes,
      reaches: headOrKadinkes,
    },
    'viewer.currentAppraisal': {
      target,
      query: `query($periodId: ID!) { viewer { currentAppraisal(periodId: $periodId) { id ${inner} } } }`,
      variables: (w) => ({ periodId: w.period.id }),
      find: (data, w) => {
        const own = get(data.viewer, 'currentAppraisal');
        return { item: get(own, 'id') === w.plans.self.id ? pick(own, w) : null };
      },
      // Each caller's own plan: self's only for self.
      reaches: (a) => a === 'self',
    },
  };
}

const prefixed = (prefix: string, paths: Record<string, ReadPath>): Record<string, ReadPath> =>
  Object.fromEntries(Object.entries(paths).map(([name, path]) => [`${name} → ${prefix}`, path]));

// ---------------------------------------------------------------------------------------------------------------
// Realizations
// ---------------------------------------------------------------------------------------------------------------

const IKI_REALIZATIONS = `realizations { ${REALIZATION_FIELDS} }`;

const REALIZATION_PATHS: Record<string, ReadPath> = {
  'node(id:)': nodePath('realization'),
  'nodes(ids:)': nodesPath('realization'),
  ...prefixed('RHK → IKI → realizations', throughPlan('realization', inIndicators(IKI_REALIZATIONS), realizationsIn)),
  'appraisal(self’s plan) → RHK → IKI → latestRealization': {
    target: 'realization',
    query: `query($id: ID!) { appraisal(id: $id) { ${inIndicators(`latestRealization { ${REALIZATION_FIELDS} }`)} } }`,
    variables: (w) => ({ id: w.plans.self.id }),
    find: (data, w) => ({
      item: byId(
        allIndicators(data.appraisal).map((i) => get(i, 'latestRealization')),
        w.realization.id,
      ),
      via: present(data.appraisal),
    }),
    via: (a) => readsPlan(a),
  },
  // Content readers (sub, below self) see the indicator, never what was achieved on it.
  'node(self’s IKI).realizations': {
    target: 'realization',
    query: `query($id: ID!) { node(id: $id) { ... on Indicator { id ${IKI_REALIZATIONS} } } }`,
    variables: (w) => ({ id: w.indicator.id }),
    find: (data, w) => ({
      item: byId(list(get(data.node, 'realizations')), w.realization.id),
      via: present(data.node),
    }),
    via: (a) => readsContent(a),
  },
  'node(self’s IKI).latestRealization': {
    target: 'realization',
    query: `query($id: ID!) { node(id: $id) { ... on Indicator { id latestRealization { ${REALIZATION_FIELDS} } } } }`,
    variables: (w) => ({ id: w.indicator.id }),
    find: (data) => ({ item: get(data.node, 'latestRealization') ?? null, via: present(data.node) }),
    via: (a) => readsContent(a),
  },
  'node(self’s RHK).indicators.realizations': {
    target: 'realization',
    query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { id indicators { ${IKI_REALIZATIONS} } } } }`,
    variables: (w) => ({ id: w.rhk.self.id }),
    find: (data, w) => ({
      item: byId(
        list(get(data.node, 'indicators')).flatMap((i) => list(get(i, 'realizations'))),
        w.realization.id,
      ),
      via: present(data.node),
    }),
    via: (a) => readsContent(a),
  },
  'node(head’s RHK).supportedBy → self’s RHK → IKI → realizations': {
    target: 'realization',
    query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { supportedBy { id indicators { ${IKI_REALIZATIONS} } } } } }`,
    variables: (w) => ({ id: w.rhk.head.id }),
    find: (data, w) => {
      const rhk = byId(list(get(data.node, 'supportedBy')), w.rhk.self.id);
      return {
        item: byId(
          list(get(rhk, 'indicators')).flatMap((i) => list(get(i, 'realizations'))),
          w.realization.id,
        ),
        via: present(rhk),
      };
    },
    via: (a) => readsContent(a, 'head') && readsContent(a),
  },
  'node(kadinkes’s RHK).cascade → self’s RHK → IKI → realizations': {
    target: 'realization',
    query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { cascade { workResultPlan { id indicators { ${IKI_REALIZATIONS} } } } } } }`,
    variables: (w) => ({ id: w.rhk.kadinkes.id }),
    find: (data, w) => {
      const rhk = byId(
        list(get(data.node, 'cascade')).map((c) => get(c, 'workResultPlan')),
        w.rhk.self.id,
      );
      return {
        item: byId(
          list(get(rhk, 'indicators')).flatMap((i) => list(get(i, 'realizations'))),
          w.realization.id,
        ),
        via: present(rhk),
      };
    },
    // A hidden RHK hides its subtree: self's shows only under a visible head's.
    via: (a) => readsContent(a, 'kadinkes') && readsContent(a, 'head') && readsContent(a),
  },
  'node(self’s activity).indicator.realizations': {
    target: 'realization',
    query: `query($id: ID!) { node(id: $id) { ... on DailyActivity { id indicator { id ${IKI_REALIZATIONS} } } } }`,
    variables: (w) => ({ id: w.activity.id }),
    find: (data, w) => ({
      item: byId(list(get(data.node, 'indicator', 'realizations')), w.realization.id),
      via: present(get(data.node, 'indicator')),
    }),
    via: (a) => READS_ACTIVITY[a] && readsContent(a),
  },
};

// ---------------------------------------------------------------------------------------------------------------
// The daily log
// ---------------------------------------------------------------------------------------------------------------

const DAY_ARGS = `from: "${DAY}", to: "${DAY}"`;
const LOG = `activities(${DAY_ARGS}) { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { ${ACTIVITY_FIELDS} } }`;

const ACTIVITY_PATHS: Record<string, ReadPath> = {
  'node(id:)': nodePath('activity'),
  'nodes(ids:)': nodesPath('activity'),
  'employee(self).activities': {
    target: 'activity',
    query: `query($id: ID!) { employee(id: $id) { id ${LOG} } }`,
    variables: (w) => ({ id: gid(w.org.self) }),
    find: (data, w) => inConnection(get(data.employee, 'activities'), w.activity.id),
    // Clients do not read the directory: no employee, no connection.
    count: (a) => (readsDirectory(a) ? (READS_ACTIVITY[a] ? 1 : 0) : null),
  },
  'employee(head).subordinates(depth: ALL) → self → activities': {
    target: 'activity',
    query: `query($id: ID!) { employee(id: $id) { subordinates(depth: ALL, first: 50) { nodes { id ${LOG} } } } }`,
    variables: (w) => ({ id: gid(w.org.head) }),
    find: (data, w) => {
      const member = byId(nodesOf(get(data.employee, 'subordinates')), gid(w.org.self));
      return { ...inConnection(get(member, 'activities'), w.activity.id), via: present(member) };
    },
    via: readsDirectory,
    count: (a) => (readsDirectory(a) ? (READS_ACTIVITY[a] ? 1 : 0) : null),
  },
  'unit(A1).employees → self → activities': {
    target: 'activity',
    query: `query($id: ID!) { unit(id: $id) { employees(first: 50) { nodes { id ${LOG} } } } }`,
    variables: (w) => ({ id: gid(w.org.a1) }),
    find: (data, w) => {
      const member = byId(nodesOf(get(data.unit, 'employees')), gid(w.org.self));
      return { ...inConnection(get(member, 'activities'), w.activity.id), via: present(member) };
    },
    via: readsDirectory,
    count: (a) => (readsDirectory(a) ? (READS_ACTIVITY[a] ? 1 : 0) : null),
  },
  'viewer.activities': {
    target: 'activity',
    query: `{ viewer { ${LOG} } }`,
    variables: () => ({}),
    find: (data, w) => inConnection(get(data.viewer, 'activities'), w.activity.id),
    reaches: (a) => a === 'self',
    // Each caller's own log on that day: only self logged it.
    count: (a) => (a === 'self' ? 1 : 0),
  },
  'viewer.teamActivities': {
    target: 'activity',
    query: `{ viewer { teamActivities(${DAY_ARGS}) { totalCount pageInfo { hasNextPage hasPreviousPage } edges { node { ${ACTIVITY_FIELDS} } } } } }`,
    variables: () => ({}),
    find: (data, w) => inConnection(get(data.viewer, 'teamActivities'), w.activity.id),
    // The logs of those the caller supervises or appraises: self's is in head's and kadinkes's.
    reaches: headOrKadinkes,
    count: (a) => (headOrKadinkes(a) ? 1 : 0),
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Feedback and replies
// ---------------------------------------------------------------------------------------------------------------

const FB = `feedback { ${FEEDBACK_FIELDS} }`;
const feedbackIn = (key: FeedbackKey) => (plan: unknown, w: World) =>
  byId(list(get(plan, 'feedback')), w.feedback[key].id);

const FEEDBACK_PATHS: Record<string, ReadPath> = {
  'node(id:) on the realization': nodePath('onRealization'),
  'node(id:) on the plan': nodePath('onPlan'),
  'node(id:) on the entry': nodePath('onActivity'),
  'node(id:) on the indicator': nodePath('onIndicator'),
  'nodes(ids:) on the realization': nodesPath('onRealization'),
  ...prefixed('feedback (on the plan)', throughPlan('onPlan', FB, feedbackIn('onPlan'))),
  'appraisal(self’s plan).feedback (on the realization)': {
    ...throughPlan('onRealization', FB, feedbackIn('onRealization'))['appraisal(self’s plan)']!,
  },
  'node(self’s realization).feedback': {
    target: 'onRealization',
    query: `query($id: ID!) { node(id: $id) { ... on Realization { id ${FB} } } }`,
    variables: (w) => ({ id: w.realization.id }),
    find: (data, w) => ({ item: feedbackIn('onRealization')(data.node, w), via: present(data.node) }),
    via: (a) => readsPlan(a),
  },
  'node(self’s activity).feedback': {
    target: 'onActivity',
    query: `query($id: ID!) { node(id: $id) { ... on DailyActivity { id ${FB} } } }`,
    variables: (w) => ({ id: w.activity.id }),
    find: (data, w) => ({ item: feedbackIn('onActivity')(data.node, w), via: present(data.node) }),
    via: (a) => READS_ACTIVITY[a],
  },
  'employee(self).activities → entry → feedback': {
    target: 'onActivity',
    query: `query($id: ID!) { employee(id: $id) { activities(${DAY_ARGS}) { nodes { id ${FB} } } } }`,
    variables: (w) => ({ id: gid(w.org.self) }),
    find: (data, w) => {
      const entry = byId(nodesOf(get(data.employee, 'activities')), w.activity.id);
      return { item: feedbackIn('onActivity')(entry, w), via: present(entry) };
    },
    via: (a) => READS_ACTIVITY[a],
  },
  // Content readers (sub) see the indicator, not the feedback on it.
  'node(self’s IKI).feedback': {
    target: 'onIndicator',
    query: `query($id: ID!) { node(id: $id) { ... on Indicator { id ${FB} } } }`,
    variables: (w) => ({ id: w.indicator.id }),
    find: (data, w) => ({ item: feedbackIn('onIndicator')(data.node, w), via: present(data.node) }),
    via: (a) => readsContent(a),
  },
  'node(head’s RHK).supportedBy → self’s IKI → feedback': {
    target: 'onIndicator',
    query: `query($id: ID!) { node(id: $id) { ... on WorkResultPlan { supportedBy { id indicators { id ${FB} } } } } }`,
    variables: (w) => ({ id: w.rhk.head.id }),
    find: (data, w) => {
      const rhk = byId(list(get(data.node, 'supportedBy')), w.rhk.self.id);
      return {
        item: byId(
          list(get(rhk, 'indicators')).flatMap((i) => list(get(i, 'feedback'))),
          w.feedback.onIndicator.id,
        ),
        via: present(rhk),
      };
    },
    via: (a) => readsContent(a, 'head') && readsContent(a),
  },
  'viewer.team(depth: ALL) → self’s plan → RHK → IKI → feedback': {
    ...throughPlan('onIndicator', inIndicators(`id ${FB}`), (plan, w) =>
      byId(
        allIndicators(plan).flatMap((i) => list(get(i, 'feedback'))),
        w.feedback.onIndicator.id,
      ),
    )['viewer.team(depth: ALL).currentAppraisal']!,
  },
  'node(annual evaluation).appraisal.feedback': {
    target: 'onPlan',
    query: `query($id: ID!) { node(id: $id) { ... on Evaluation { appraisal { id ${FB} } } } }`,
    variables: (w) => ({ id: w.annual.id }),
    find: (data, w) => ({
      item: feedbackIn('onPlan')(get(data.node, 'appraisal'), w),
      via: present(get(data.node, 'appraisal')),
    }),
    via: (a) => readsPlan(a),
  },
  'viewer.feedbackReceived': {
    target: 'onRealization',
    query: `{ viewer { feedbackReceived(first: 50) { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { ${FEEDBACK_FIELDS} } } } }`,
    variables: () => ({}),
    find: (data, w) => inConnection(get(data.viewer, 'feedbackReceived'), w.feedback.onRealization.id),
    // Addressed to the caller: four to self, one to sub, none to anyone else.
    reaches: (a) => a === 'self',
    count: (a) => (a === 'self' ? 4 : a === 'sub' ? 1 : 0),
  },
  'viewer.feedbackGiven': {
    target: 'onRealization',
    query: `{ viewer { feedbackGiven(first: 50) { totalCount pageInfo { hasNextPage hasPreviousPage } edges { node { ${FEEDBACK_FIELDS} } } } } }`,
    variables: () => ({}),
    find: (data, w) => inConnection(get(data.viewer, 'feedbackGiven'), w.feedback.onRealization.id),
    // Written by the caller: head wrote three, kadinkes and self one each.
    reaches: (a) => a === 'head',
    count: (a) => (a === 'head' ? 3 : a === 'kadinkes' || a === 'self' ? 1 : 0),
  },
};

const SUB_DAY_ARGS = `from: "${SUB_DAY}", to: "${SUB_DAY}"`;

/** The branch without a plan: the reviewer is the direct supervisor, feedback is read by those above. */
const NO_PLAN_PATHS: Record<string, ReadPath> = {
  'node(sub’s entry)': nodePath('subActivity'),
  'nodes([sub’s entry])': nodesPath('subActivity'),
  'employee(sub).activities': {
    target: 'subActivity',
    query: `query($id: ID!) { employee(id: $id) { activities(${SUB_DAY_ARGS}) { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { ${ACTIVITY_FIELDS} } } } }`,
    variables: (w) => ({ id: gid(w.org.sub) }),
    find: (data, w) => inConnection(get(data.employee, 'activities'), w.subActivity.id),
    count: (a) => (readsDirectory(a) ? (readsSubLog(a) ? 1 : 0) : null),
  },
  'viewer.teamActivities': {
    target: 'subActivity',
    query: `{ viewer { teamActivities(${SUB_DAY_ARGS}) { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { ${ACTIVITY_FIELDS} } } } }`,
    variables: () => ({}),
    find: (data, w) => inConnection(get(data.viewer, 'teamActivities'), w.subActivity.id),
    reaches: (a) => a === 'self' || headOrKadinkes(a),
    count: (a) => (a === 'self' || headOrKadinkes(a) ? 1 : 0),
  },
  'node(self’s feedback to sub)': nodePath('subFeedback'),
  'nodes([self’s feedback to sub])': nodesPath('subFeedback'),
  'node(sub’s entry).feedback': {
    target: 'subFeedback',
    query: `query($id: ID!) { node(id: $id) { ... on DailyActivity { id feedback { ${FEEDBACK_FIELDS} } } } }`,
    variables: (w) => ({ id: w.subActivity.id }),
    find: (data, w) => ({ item: byId(list(get(data.node, 'feedback')), w.subFeedback.id), via: present(data.node) }),
    via: readsSubLog,
  },
  'viewer.feedbackReceived': {
    target: 'subFeedback',
    query: `{ viewer { feedbackReceived(first: 50) { nodes { ${FEEDBACK_FIELDS} } } } }`,
    variables: () => ({}),
    find: (data, w) => ({ item: byId(nodesOf(get(data.viewer, 'feedbackReceived')), w.subFeedback.id) }),
    reaches: (a) => a === 'sub',
  },
  'viewer.feedbackGiven': {
    target: 'subFeedback',
    query: `{ viewer { feedbackGiven(first: 50) { nodes { ${FEEDBACK_FIELDS} } } } }`,
    variables: () => ({}),
    find: (data, w) => ({ item: byId(nodesOf(get(data.viewer, 'feedbackGiven')), w.subFeedback.id) }),
    reaches: (a) => a === 'self',
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Evaluations, objections, unit ratings
// ---------------------------------------------------------------------------------------------------------------

const EVALS = `evaluations { ${EVALUATION_FIELDS} }`;
const ANNUAL = `annualEvaluation { ${EVALUATION_FIELDS} }`;

const EVALUATION_PATHS: Record<string, ReadPath> = {
  'node(id:) periodic': nodePath('periodic'),
  'node(id:) annual': nodePath('annual'),
  'nodes(ids:) periodic': nodesPath('periodic'),
  'nodes(ids:) annual': nodesPath('annual'),
  ...prefixed(
    'evaluations (periodic)',
    throughPlan('periodic', EVALS, (plan, w) => byId(list(get(plan, 'evaluations')), w.periodic.id)),
  ),
  ...prefixed(
    'evaluations (annual)',
    throughPlan('annual', EVALS, (plan, w) => byId(list(get(plan, 'evaluations')), w.annual.id)),
  ),
  ...prefixed(
    'annualEvaluation',
    throughPlan('annual', ANNUAL, (plan) => get(plan, 'annualEvaluation') ?? null),
  ),
};

const OBJECTION_PATHS: Record<string, ReadPath> = {
  'node(id:)': nodePath('objection'),
  'nodes(ids:)': nodesPath('objection'),
  ...prefixed(
    'objection',
    throughPlan('objection', `objection { ${OBJECTION_FIELDS} }`, (plan) => get(plan, 'objection') ?? null),
  ),
};

const RATING = `rating(periodId: $periodId) { ${UNIT_RATING_FIELDS} }`;

const UNIT_RATING_PATHS: Record<string, ReadPath> = {
  'node(id:)': nodePath('unitRating'),
  'nodes(ids:)': nodesPath('unitRating'),
  'unit(A1).rating': {
    target: 'unitRating',
    query: `${PERIOD_ARG} { unit(id: $id) { ${RATING} } }`,
    variables: (w) => ({ id: gid(w.org.a1), periodId: w.period.id }),
    find: (data) => ({ item: get(data.unit, 'rating') ?? null }),
  },
  'unitByCode(FT-A1).rating': {
    target: 'unitRating',
    query: `query($periodId: ID!) { unitByCode(code: "FT-A1") { ${RATING} } }`,
    variables: (w) => ({ periodId: w.period.id }),
    find: (data) => ({ item: get(data.unitByCode, 'rating') ?? null }),
  },
  'units → A1 → rating': {
    target: 'unitRating',
    query: `query($periodId: ID!) { units(first: 100) { nodes { id ${RATING} } } }`,
    variables: (w) => ({ periodId: w.period.id }),
    find: (data, w) => ({ item: get(byId(nodesOf(data.units), gid(w.org.a1)), 'rating') ?? null }),
  },
  'employee(self).unit.rating': {
    target: 'unitRating',
    query: `${PERIOD_ARG} { employee(id: $id) { unit { ${RATING} } } }`,
    variables: (w) => ({ id: gid(w.org.self), periodId: w.period.id }),
    find: (data) => ({ item: get(data.employee, 'unit', 'rating') ?? null, via: present(data.employee) }),
    via: readsDirectory,
  },
  'appraisal(self’s plan).unit.rating': {
    target: 'unitRating',
    query: `${PERIOD_ARG} { appraisal(id: $id) { unit { ${RATING} } } }`,
    variables: (w) => ({ id: w.plans.self.id, periodId: w.period.id }),
    find: (data) => ({ item: get(data.appraisal, 'unit', 'rating') ?? null, via: present(data.appraisal) }),
    via: (a) => readsPlan(a),
  },
};

type Visible = 'UNAUTHENTICATED' | 'VISIBLE' | 'ABSENT';

/** What an actor gets along a path: the target, or nothing (filtered out, not an error). */
function visibility(helper: ReadPath, actor: ActorName): Visible {
  if (actor === 'anonymous') return 'UNAUTHENTICATED';
  return READERS[helper.target](actor) && (helper.via?.(actor) ?? true) && (helper.reaches?.(actor) ?? true)
    ? 'VISIBLE'
    : 'ABSENT';
}

async function checkRead(helper: ReadPath, actor: ActorName, visible: Visible): Promise<void> {
  const res = await app.gql<Record<string, unknown>>(helper.query, helper.variables(world), tokens[actor]);
  if (visible === 'UNAUTHENTICATED') return expectUnauthenticated(res);
  const found = helper.find(expectAnswered(res)!, world);
  expect(found.item).toEqual(visible === 'VISIBLE' ? seen(world, helper.target) : null);
  // The object the path goes through is there exactly for those who see it: a missing item is filtered, not skipped.
  if (found.via !== undefined) expect(found.via).toBe(helper.via?.(actor) ?? READERS[helper.target](actor));
  if (helper.count) {
    // Lists are filtered before counting: the count is what this caller may see, and matches the page.
    expect(found.list === null ? null : found.list?.totalCount).toBe(helper.count(actor));
    if (found.list) expect(found.list.length).toBe(found.list.totalCount);
    // Nothing hidden shows through the page either: one page holds everything visible.
    if (found.list?.hasNextPage !== undefined)
      expect([found.list.hasNextPage, found.list.hasPreviousPage]).toEqual([false, false]);
  }
}

const READS: ReadonlyArray<[string, Record<string, ReadPath>]> = [
  ['reading realizations', REALIZATION_PATHS],
  ['reading the daily log', ACTIVITY_PATHS],
  ['reading feedback and replies', FEEDBACK_PATHS],
  ['reading a log without a plan (sub’s) and the feedback on it', NO_PLAN_PATHS],
  ['reading periodic and annual evaluations', EVALUATION_PATHS],
  ['reading objections', OBJECTION_PATHS],
  ['reading unit ratings', UNIT_RATING_PATHS],
];

for (const [title, paths] of READS) {
  describe(title, () => {
    eachCase({
      actors: ACTORS,
      rows: paths,
      outcome: visibility,
      check: ({ row, actor, outcome }) => checkRead(row, actor, outcome),
    });
  });
}

describe('nodes(ids:) over every object at once', () => {
  const KEYS: readonly ObjectKey[] = [
    'realization',
    'activity',
    'onRealization',
    'onPlan',
    'onActivity',
    'onIndicator',
    'periodic',
    'annual',
    'objection',
    'unitRating',
    'subActivity',
    'subFeedback',
  ];

  eachActor({
    actors: ACTORS,
    outcome: (actor) => (actor === 'anonymous' ? 'UNAUTHENTICATED' : 'ANSWERED'),
    check: async (actor, outcome) => {
      const ids = KEYS.map((k) => refOf(world, k).id);
      const res = await app.gql<{ nodes: Array<{ id: string } | null> }>(
        'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        { ids },
        tokens[actor],
      );
      if (outcome === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      expect(res.body.errors).toBeUndefined();
      // In the order asked, each object or null.
      expect(res.body.data!.nodes).toEqual(KEYS.map((k) => (READERS[k](actor) ? { id: refOf(world, k).id } : null)));
    },
  });
});

describe('the aggregate of a unit’s ratings (evaluationSummary)', () => {
  /** The unit's head and HR admins covering it (the schema's contract); nobody else, not even those above. */
  const SUMMARY_OF_A1 = (a: ActorName) => a === 'head' || a === 'hrRegion' || a === 'hrOfA';
  const SUMMARY_OF_A = (a: ActorName) => a === 'kadinkes' || a === 'hrRegion' || a === 'hrOfA';
  const SUMMARY =
    'query($id: ID!, $periodId: ID!) { unit(id: $id) { id evaluationSummary(periodId: $periodId) { rating pending counts { predikat count } } } }';

  eachCase({
    actors: ACTORS,
    rows: { A1: SUMMARY_OF_A1, A: SUMMARY_OF_A },
    outcome: (reads, actor): Visible =>
      actor === 'anonymous' ? 'UNAUTHENTICATED' : reads(actor) ? 'VISIBLE' : 'ABSENT',
    title: (c) => `unit(${c.name}).evaluationSummary as ${c.actor}: ${c.outcome}`,
    check: async ({ name: unit, actor, outcome: visible }) => {
      const target = unit === 'A1' ? world.org.a1 : world.org.a;
      const res = await app.gql<{
        unit: {
          id: string;
          evaluationSummary: {
            rating: string;
            pending: number;
            counts: Array<{ predikat: string; count: number }>;
          } | null;
        } | null;
      }>(SUMMARY, { id: gid(target), periodId: world.period.id }, tokens[actor]);
      if (visible === 'UNAUTHENTICATED') return expectUnauthenticated(res);
      expect(res.body.errors).toBeUndefined();
      // Units are readable by every signed-in principal; the aggregate only by those the contract names.
      expect(res.body.data!.unit?.id).toBe(gid(target));
      const summary = res.body.data!.unit!.evaluationSummary;
      if (visible === 'ABSENT') return expect(summary).toBeNull();
      expect(summary).not.toBeNull();
      if (unit === 'A1') {
        // Self's BAIK and head's.
        expect(summary!.rating).toBe('ISTIMEWA');
        expect(summary!.pending).toBe(0);
        expect(summary!.counts.filter((c) => c.count > 0)).toEqual([{ predikat: 'BAIK', count: 2 }]);
      }
    },
  });
});

describe('the aggregate of ratings in analytics (distribution)', () => {
  /**
   * Self's annual predikat counted in A1's group: HR admins covering A1 count everyone, an employee only the people
   * below them, analysts see aggregates only and a group under the floor (5) is withheld; integration clients get
   * no analytics. A1 holds two plans, both rated BAIK: head's and self's.
   */
  const EXPECTED: Readonly<
    Record<Exclude<ActorName, 'anonymous'>, { employees: number; baik: number } | 'WITHHELD' | 'NONE' | 'NULL'>
  > = {
    self: 'NONE', // sub, below her, has no plan
    head: { employees: 1, baik: 1 },
    kadinkes: { employees: 2, baik: 2 },
    peer: 'NONE',
    sub: 'NONE',
    otherHead: 'NONE',
    hrRegion: { employees: 2, baik: 2 },
    hrOfA: { employees: 2, baik: 2 },
    hrOfB: 'NONE', // not in scope: only the people below her, nobody
    analyst: 'WITHHELD',
    integration: 'NULL',
  };
  const DISTRIBUTION = `query($unitId: ID!, $periodId: ID!) { analytics(unitId: $unitId, periodId: $periodId, includeSubunits: false) {
    distribution { key employees suppressed counts { predikat count } } } }`;

  eachActor({
    actors: ACTORS,
    outcome: (actor) => (actor === 'anonymous' ? 'UNAUTHENTICATED' : EXPECTED[actor]),
    title: (actor) => `analytics(A1).distribution as ${actor}`,
    check: async (actor) => {
      const res = await app.gql<{
        analytics: {
          distribution: Array<{
            key: string;
            employees: number;
            suppressed: boolean;
            counts: Array<{ predikat: string; count: number }>;
          }>;
        } | null;
      }>(DISTRIBUTION, { unitId: gid(world.org.a1), periodId: world.period.id }, tokens[actor]);
      if (actor === 'anonymous') return expectUnauthenticated(res);
      expect(res.body.errors).toBeUndefined();
      const expected = EXPECTED[actor];
      if (expected === 'NULL') return expect(res.body.data!.analytics).toBeNull();
      const groups = res.body.data!.analytics!.distribution;
      const baik = groups.flatMap((g) => g.counts).filter((c) => c.predikat === 'BAIK' && c.count > 0);
      const employees = groups.reduce((n, g) => n + g.employees, 0);
      if (expected === 'NONE') {
        expect(baik).toEqual([]);
        expect(employees).toBe(0);
      } else if (expected === 'WITHHELD') {
        expect(groups.every((g) => g.suppressed)).toBe(true);
        expect(baik).toEqual([]);
      } else {
        expect(groups.some((g) => g.suppressed)).toBe(false);
        expect(employees).toBe(expected.employees);
        expect(baik).toEqual([{ predikat: 'BAIK', count: expected.baik }]);
      }
    },
  });
});

describe('the printed evaluation (realizations, ratings, objection) over HTTP', () => {
  /** The evaluation document prints the realizations, the annual rating and the objection: readers of the plan only. */
  const fetchDocument = async (id: string, token: string | null) => {
    const response = await fetch(`${new URL(app.url).origin}/documents/appraisals/${id}/evaluation.html`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: await response.text() };
  };

  eachActor({
    actors: ACTORS,
    outcome: (actor) => (actor === 'anonymous' ? 401 : readsPlan(actor) ? 200 : 404),
    title: (actor) => `evaluation.html of self’s plan as ${actor}`,
    check: async (actor) => {
      const res = await fetchDocument(world.plans.self.id, tokens[actor]);
      if (actor === 'anonymous') return expect(res.status).toBe(401);
      if (readsPlan(actor)) {
        expect(res.status).toBe(200);
        expect(res.body).toContain(world.org.self.name);
        return;
      }
      // Out of reach reads exactly like an unknown plan.
      const unknown = await fetchDocument(toGlobalId('Appraisal', 999_999), tokens[actor]);
      expect(res).toEqual(unknown);
      expect(res.status).toBe(404);
    },
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Writing: every action × every actor
// ---------------------------------------------------------------------------------------------------------------

/**
 * ALLOWED: done, no userErrors. FORBIDDEN (the role never allows the operation) / UNAUTHENTICATED: a GraphQL error.
 * NOT_FOUND / NOT_ALLOWED / OUT_OF_SCOPE / INVALID: the payload's userErrors (NOT_FOUND: the caller may not read the
 * object, so it is as if absent; NOT_ALLOWED: they read it but may not take this action).
 */
type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'NOT_ALLOWED' | 'OUT_OF_SCOPE' | 'INVALID';

type Rule = (actor: ActorName) => Outcome;

/** An action on an object of self's: `allowed` act; other readers of it get NOT_ALLOWED; everyone else NOT_FOUND. */
const onObject =
  (reads: (a: ActorName) => boolean, ...allowed: ActorName[]): Rule =>
  (actor) =>
    actor === 'anonymous'
      ? 'UNAUTHENTICATED'
      : allowed.includes(actor)
        ? 'ALLOWED'
        : reads(actor)
          ? 'NOT_ALLOWED'
          : 'NOT_FOUND';

const onPlan = (...allowed: ActorName[]): Rule => onObject((a) => readsPlan(a), ...allowed);

/**
 * Feedback comes from the appraiser or anyone above the employee; the employee herself and HR admins read the
 * target but may not give it. Clients give no feedback at all (no employee to come from): FORBIDDEN at the operation.
 */
const feedbackRule =
  (reads: (a: ActorName) => boolean): Rule =>
  (actor) =>
    actor === 'analyst' || actor === 'integration' ? 'FORBIDDEN' : onObject(reads, 'head', 'kadinkes')(actor);

/** An HR operation: FORBIDDEN at the operation for everyone without the HR role. */
const hrOperation =
  (hr: { hrRegion: Outcome; hrOfA: Outcome; hrOfB: Outcome }): Rule =>
  (actor) =>
    actor === 'anonymous'
      ? 'UNAUTHENTICATED'
      : actor === 'hrRegion' || actor === 'hrOfA' || actor === 'hrOfB'
        ? hr[actor]
        : 'FORBIDDEN';

type ActionName =
  | 'recordRealization(self’s IKI)'
  | 'recordActivity(indicatorId: self’s IKI)'
  | 'syncActivities(one entry, indicatorId: self’s IKI)'
  | 'updateActivity(self’s entry)'
  | 'reviewActivity(self’s entry)'
  | 'giveFeedback(APPRAISAL: self’s plan)'
  | 'giveFeedback(REALIZATION: self’s realization)'
  | 'giveFeedback(ACTIVITY: self’s entry)'
  | 'giveFeedback(INDICATOR: self’s IKI)'
  | 'giveFeedback(BEHAVIOR: self’s plan)'
  | 'replyToFeedback(head’s feedback to self)'
  | 'ratePeriod(self’s plan, Q4)'
  | 'rateYear(self’s plan)'
  | 'setUnitRating(A1)'
  | 'finalizeUnitEvaluations(A1)'
  | 'fileObjection(self’s plan)'
  | 'decideObjection(self’s objection)'
  | 'decideObjection(head’s objection)'
  | 'reviewActivity(sub’s entry, no plan)'
  | 'giveFeedback(ACTIVITY: sub’s entry, no plan)'
  | 'replyToFeedback(self’s feedback to sub)';

/** Only the employee keeps her log: another employee's indicator is refused as not one of theirs; clients keep no log at all. */
const RECORD_ACTIVITY: Rule = (actor) =>
  actor === 'anonymous'
    ? 'UNAUTHENTICATED'
    : actor === 'self'
      ? 'ALLOWED'
      : actor === 'analyst' || actor === 'integration'
        ? 'FORBIDDEN'
        : 'INVALID';

const readsFeedback = (a: ActorName) => READERS.onRealization(a);

/** The policy for follow-through and evaluation writes. */
const WRITE_POLICY: ReadonlyArray<[ActionName, Rule]> = [
  // the employee documents her own achievements
  ['recordRealization(self’s IKI)', onPlan('self')],
  ['recordActivity(indicatorId: self’s IKI)', RECORD_ACTIVITY],
  // entries written offline: exactly as recordActivity, each entry refused on its own
  ['syncActivities(one entry, indicatorId: self’s IKI)', RECORD_ACTIVITY],
  ['updateActivity(self’s entry)', onObject((a) => READS_ACTIVITY[a], 'self')],
  // her reviewer (the plan's appraiser) acknowledges or returns: not the indirect supervisor, not HR
  ['reviewActivity(self’s entry)', onObject((a) => READS_ACTIVITY[a], 'head')],
  // continuous feedback from the appraiser or anyone above; the employee replies
  ['giveFeedback(APPRAISAL: self’s plan)', feedbackRule((a) => readsPlan(a))],
  ['giveFeedback(REALIZATION: self’s realization)', feedbackRule((a) => readsPlan(a))],
  ['giveFeedback(ACTIVITY: self’s entry)', feedbackRule((a) => READS_ACTIVITY[a])],
  // content readers below her (sub) read the indicator but not the plan: as if absent, like plan writes on her RHK
  ['giveFeedback(INDICATOR: self’s IKI)', feedbackRule((a) => readsPlan(a))],
  ['giveFeedback(BEHAVIOR: self’s plan)', feedbackRule((a) => readsPlan(a))],
  ['replyToFeedback(head’s feedback to self)', onObject(readsFeedback, 'self')],
  // the snapshot's appraiser rates; not the appraiser's supervisor, not HR
  ['ratePeriod(self’s plan, Q4)', onPlan('head')],
  ['rateYear(self’s plan)', onPlan('head')],
  // the unit's own rating and the delivery: HR admins covering the unit
  ['setUnitRating(A1)', hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE' })],
  ['finalizeUnitEvaluations(A1)', hrOperation({ hrRegion: 'ALLOWED', hrOfA: 'ALLOWED', hrOfB: 'OUT_OF_SCOPE' })],
  // the employee objects; the appraiser's supervisor of the snapshot decides (PP 30/2019 art. 59)
  ['fileObjection(self’s plan)', onPlan('self')],
  ['decideObjection(self’s objection)', onPlan('kadinkes')],
  // head's appraiser's supervisor is the Bupati, outside the civil service: HR admins covering the plan record it
  ['decideObjection(head’s objection)', onObject((a) => readsPlan(a, 'head'), 'hrRegion', 'hrOfA')],
  // without a plan: the direct supervisor reviews; feedback from anyone above; the employee replies
  ['reviewActivity(sub’s entry, no plan)', onObject(readsSubLog, 'self')],
  [
    'giveFeedback(ACTIVITY: sub’s entry, no plan)',
    (a) =>
      a === 'analyst' || a === 'integration' ? 'FORBIDDEN' : onObject(readsSubLog, 'self', 'head', 'kadinkes')(a),
  ],
  ['replyToFeedback(self’s feedback to sub)', onObject(readsSubLog, 'sub')],
];

/** What a mutation acts on: the shared objects for refused calls, look-alikes for allowed ones. */
interface Targets {
  plan: Ref;
  indicator: Ref;
  realization: Ref;
  activity: Ref;
  feedback: Ref;
  objection: Ref;
  unit: Unit;
  /** An objection whose appraiser's supervisor is outside the civil service. */
  headObjection: Ref;
  subActivity: Ref;
  subFeedback: Ref;
  /** Who signs in in place of an actor (a look-alike of self or head). */
  as: Partial<Record<ActorName, string>>;
}

const sharedTargets = (): Targets => ({
  headObjection: world.headObjection,
  subActivity: world.subActivity,
  subFeedback: world.subFeedback,
  plan: world.plans.self,
  indicator: world.indicator,
  realization: world.realization,
  activity: world.activity,
  feedback: world.feedback.onActivity,
  objection: world.objection,
  unit: world.org.a1,
  as: {},
});

/** APPROVED: a look-alike nurse's approved plan, with a realization (Q3), an entry of her log and feedback from her appraiser. */
type Fresh = 'APPROVED' | 'DELIVERED' | 'OBJECTED' | 'OBJECTED_TO_HR' | 'UNIT' | 'RATED_UNIT' | 'SUB_ENTRY';

let unitSequence = 0;

async function freshTargets(fresh: Fresh): Promise<Targets> {
  const shared = sharedTargets();
  switch (fresh) {
    case 'APPROVED': {
      const l = world.approved.shift();
      if (!l) throw new Error('more allowed writes than approved look-alikes');
      const realization = await ft.recordOk({ indicatorId: l.indicator.id, subPeriod: 3, value: 25 }, l.nurse);
      const activity = await ft.logDay(l.nurse, { date: OTHER_DAY, indicatorId: l.indicator.id });
      const feedback = await ft.give(
        { target: 'APPRAISAL', targetId: l.plan.id, text: 'Tingkatkan kunjungan rumah.' },
        l.head,
      );
      return {
        ...shared,
        plan: l.plan,
        indicator: l.indicator,
        realization: ref(realization.id),
        activity: ref(activity.id),
        feedback: ref(feedback.id),
        as: { self: await ft.token(l.nurse), head: await ft.token(l.head) },
      };
    }
    case 'DELIVERED': {
      const l = world.delivered.shift()!;
      return {
        ...shared,
        plan: l.plan,
        indicator: l.indicator,
        as: { self: await ft.token(l.nurse), head: await ft.token(l.head) },
      };
    }
    case 'OBJECTED': {
      const l = world.objected.shift()!;
      return {
        ...shared,
        plan: l.plan,
        indicator: l.indicator,
        objection: l.objection,
        as: { self: await ft.token(l.nurse), head: await ft.token(l.head) },
      };
    }
    case 'SUB_ENTRY': {
      const entry = await ft.logDay(world.org.sub, { date: OTHER_DAY, description: 'Pengarsipan surat keluar' });
      const feedback = await ft.give(
        { target: 'ACTIVITY', targetId: entry.id, text: 'Periksa nomor agenda.' },
        world.org.self,
      );
      return { ...shared, subActivity: ref(entry.id), subFeedback: ref(feedback.id) };
    }
    case 'OBJECTED_TO_HR':
      return { ...shared, headObjection: world.objectedToHr.shift()! };
    case 'UNIT':
    case 'RATED_UNIT': {
      const n = ++unitSequence;
      const unit = await app.fixtures.unit({
        code: `FT-U${n}`,
        name: `Pustu Baru ${n}`,
        kind: UnitKind.HEALTH_CENTRE,
        parent: world.org.a1,
      });
      if (fresh === 'RATED_UNIT')
        await ft.ok(
          'setUnitRating',
          { unitId: gid(unit), periodId: world.period.id, rating: 'ISTIMEWA' },
          ft.hr,
          'unitRating { id }',
        );
      return { ...shared, unit };
    }
  }
}

const mutation = (name: string, select: string): string =>
  `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { result: ${name}(input: $input) { ${select} userErrors { code field } } }`;

interface WriteAction {
  name: string;
  /** The payload's fields; the first names the changed object, null when the call is refused. */
  select: string;
  fresh: Fresh;
  input(t: Targets): Promise<Record<string, unknown>>;
  /** After an allowed call: the change is in the database. */
  verify(t: Targets): Promise<void>;
  /** Refusals told otherwise than as the payload's one userError, by outcome. */
  refusals?: Readonly<Record<string, (payload: Payload) => void>>;
}

const rows = (sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>> =>
  app.db.manager.query(sql, params);
const versionIn = async (table: string, r: Ref): Promise<number> =>
  Number((await rows(`SELECT version FROM ${table} WHERE id = ?`, [r.dbId]))[0]!.version);

const giveFeedback = (target: string, of: (t: Targets) => Ref, extra: Record<string, unknown> = {}): WriteAction => ({
  name: 'giveFeedback',
  select: 'feedback { id }',
  fresh: 'APPROVED',
  input: async (t) => ({ target, targetId: of(t).id, text: `Umpan balik atas ${target}`, ...extra }),
  verify: async (t) =>
    expect(
      await rows('SELECT * FROM feedback WHERE appraisal_id = ? AND text = ?', [
        t.plan.dbId,
        `Umpan balik atas ${target}`,
      ]),
    ).toHaveLength(1),
});

const WRITE_ACTIONS: Record<ActionName, WriteAction> = {
  'recordRealization(self’s IKI)': {
    name: 'recordRealization',
    select: 'realization { id }',
    fresh: 'APPROVED',
    input: async (t) => ({
      indicatorId: t.indicator.id,
      subPeriod: 4,
      value: 41,
      narrative: 'Sweeping imunisasi Desember',
    }),
    verify: async (t) =>
      expect(
        await rows('SELECT value FROM realization WHERE indicator_id = ? AND sub_period = 4', [t.indicator.dbId]),
      ).toHaveLength(1),
  },
  'recordActivity(indicatorId: self’s IKI)': {
    name: 'recordActivity',
    select: 'activity { id }',
    fresh: 'APPROVED',
    input: async (t) => ({
      date: OTHER_DAY,
      description: 'Rekap imunisasi posyandu',
      durationMinutes: 90,
      indicatorId: t.indicator.id,
    }),
    verify: async (t) =>
      expect(
        await rows('SELECT * FROM daily_activity WHERE indicator_id = ? AND description = ?', [
          t.indicator.dbId,
          'Rekap imunisasi posyandu',
        ]),
      ).toHaveLength(1),
  },
  'syncActivities(one entry, indicatorId: self’s IKI)': {
    name: 'syncActivities',
    select: 'results { status activity { id } userErrors { code field } }',
    fresh: 'APPROVED',
    input: async (t) => ({
      entries: [
        {
          clientId: `matrix-${t.indicator.dbId}`,
          writtenAt: wit(OTHER_DAY, '18:00'),
          date: OTHER_DAY,
          description: 'Rekap imunisasi dari ponsel',
          durationMinutes: 90,
          indicatorId: t.indicator.id,
        },
      ],
    }),
    verify: async (t) =>
      expect(
        await rows('SELECT * FROM daily_activity WHERE indicator_id = ? AND client_id = ?', [
          t.indicator.dbId,
          `matrix-${t.indicator.dbId}`,
        ]),
      ).toHaveLength(1),
    // The batch is answered; its one entry is refused with the code recordActivity gives.
    refusals: {
      INVALID: (payload) =>
        expect(payload).toEqual({
          results: [
            {
              status: 'REFUSED',
              activity: null,
              userErrors: [{ code: 'INVALID', field: ['input', 'entries', '0', 'indicatorId'] }],
            },
          ],
          userErrors: [],
        }),
    },
  },
  'updateActivity(self’s entry)': {
    name: 'updateActivity',
    select: 'activity { id }',
    fresh: 'APPROVED',
    input: async (t) => ({
      id: t.activity.id,
      expectedVersion: await versionIn('daily_activity', t.activity),
      description: 'Pelayanan imunisasi dan penimbangan',
    }),
    verify: async (t) =>
      expect(
        (await rows('SELECT description FROM daily_activity WHERE id = ?', [t.activity.dbId]))[0]!.description,
      ).toBe('Pelayanan imunisasi dan penimbangan'),
  },
  'reviewActivity(self’s entry)': {
    name: 'reviewActivity',
    select: 'activity { id }',
    fresh: 'APPROVED',
    input: async (t) => ({
      id: t.activity.id,
      expectedVersion: await versionIn('daily_activity', t.activity),
      decision: 'ACKNOWLEDGE',
    }),
    verify: async (t) =>
      expect((await rows('SELECT status FROM daily_activity WHERE id = ?', [t.activity.dbId]))[0]!.status).toBe(
        'ACKNOWLEDGED',
      ),
  },
  'giveFeedback(APPRAISAL: self’s plan)': giveFeedback('APPRAISAL', (t) => t.plan),
  'giveFeedback(REALIZATION: self’s realization)': giveFeedback('REALIZATION', (t) => t.realization),
  'giveFeedback(ACTIVITY: self’s entry)': giveFeedback('ACTIVITY', (t) => t.activity),
  'giveFeedback(INDICATOR: self’s IKI)': giveFeedback('INDICATOR', (t) => t.indicator),
  'giveFeedback(BEHAVIOR: self’s plan)': giveFeedback('BEHAVIOR', (t) => t.plan, { coreValue: 'KOLABORATIF' }),
  'replyToFeedback(head’s feedback to self)': {
    name: 'replyToFeedback',
    select: 'feedback { id }',
    fresh: 'APPROVED',
    input: async (t) => ({
      id: t.feedback.id,
      expectedVersion: await versionIn('feedback', t.feedback),
      reply: 'Siap, akan saya tingkatkan.',
    }),
    verify: async (t) =>
      expect((await rows('SELECT reply FROM feedback WHERE id = ?', [t.feedback.dbId]))[0]!.reply).toBe(
        'Siap, akan saya tingkatkan.',
      ),
  },
  'ratePeriod(self’s plan, Q4)': {
    name: 'ratePeriod',
    select: 'evaluation { id }',
    fresh: 'APPROVED',
    input: async (t) => ({
      appraisalId: t.plan.id,
      expectedVersion: await versionIn('appraisal', t.plan),
      subPeriod: 4,
      resultRating: MEETS,
      behaviorRating: MEETS,
    }),
    verify: async (t) =>
      expect(
        await rows("SELECT * FROM evaluation WHERE appraisal_id = ? AND kind = 'PERIODIC' AND sub_period = 4", [
          t.plan.dbId,
        ]),
      ).toHaveLength(1),
  },
  'rateYear(self’s plan)': {
    name: 'rateYear',
    select: 'evaluation { id }',
    fresh: 'APPROVED',
    input: async (t) => ({
      appraisalId: t.plan.id,
      expectedVersion: await versionIn('appraisal', t.plan),
      resultRating: MEETS,
      behaviorRating: MEETS,
    }),
    verify: async (t) =>
      expect((await rows('SELECT status FROM appraisal WHERE id = ?', [t.plan.dbId]))[0]!.status).toBe('EVALUATED'),
  },
  'setUnitRating(A1)': {
    name: 'setUnitRating',
    select: 'unitRating { id }',
    fresh: 'UNIT',
    input: async (t) => ({ unitId: gid(t.unit), periodId: world.period.id, rating: 'BAIK' }),
    verify: async (t) =>
      expect(await rows('SELECT rating FROM unit_rating WHERE unit_id = ?', [t.unit.rowId])).toEqual([
        { rating: 'BAIK' },
      ]),
  },
  'finalizeUnitEvaluations(A1)': {
    name: 'finalizeUnitEvaluations',
    select: 'unitRating { id }',
    fresh: 'RATED_UNIT',
    input: async (t) => ({ unitId: gid(t.unit), periodId: world.period.id, includeSubunits: false }),
    verify: async (t) =>
      expect(
        (await rows('SELECT finalized_at FROM unit_rating WHERE unit_id = ?', [t.unit.rowId]))[0]!.finalized_at,
      ).not.toBeNull(),
  },
  'fileObjection(self’s plan)': {
    name: 'fileObjection',
    select: 'objection { id }',
    fresh: 'DELIVERED',
    input: async (t) => ({
      appraisalId: t.plan.id,
      expectedVersion: await versionIn('appraisal', t.plan),
      reason: 'Capaian Desember belum dihitung',
    }),
    verify: async (t) =>
      expect(await rows('SELECT status FROM objection WHERE appraisal_id = ?', [t.plan.dbId])).toEqual([
        { status: 'PENDING' },
      ]),
  },
  'decideObjection(self’s objection)': {
    name: 'decideObjection',
    select: 'objection { id }',
    fresh: 'OBJECTED',
    input: async (t) => ({
      id: t.objection.id,
      expectedVersion: await versionIn('objection', t.objection),
      accept: false,
      reason: 'Data Desember sudah dihitung dalam penilaian',
    }),
    verify: async (t) =>
      expect((await rows('SELECT status FROM objection WHERE id = ?', [t.objection.dbId]))[0]!.status).toBe('REJECTED'),
  },
  'reviewActivity(sub’s entry, no plan)': {
    name: 'reviewActivity',
    select: 'activity { id }',
    fresh: 'SUB_ENTRY',
    input: async (t) => ({
      id: t.subActivity.id,
      expectedVersion: await versionIn('daily_activity', t.subActivity),
      decision: 'RETURN',
      comment: 'Lengkapi nomor agenda',
    }),
    verify: async (t) =>
      expect((await rows('SELECT status FROM daily_activity WHERE id = ?', [t.subActivity.dbId]))[0]!.status).toBe(
        'RETURNED',
      ),
  },
  'giveFeedback(ACTIVITY: sub’s entry, no plan)': {
    name: 'giveFeedback',
    select: 'feedback { id }',
    fresh: 'SUB_ENTRY',
    input: async (t) => ({ target: 'ACTIVITY', targetId: t.subActivity.id, text: 'Terima kasih atas ketelitiannya.' }),
    verify: async (t) =>
      expect(
        await rows('SELECT * FROM feedback WHERE target_id = ? AND text = ?', [
          t.subActivity.dbId,
          'Terima kasih atas ketelitiannya.',
        ]),
      ).toHaveLength(1),
  },
  'replyToFeedback(self’s feedback to sub)': {
    name: 'replyToFeedback',
    select: 'feedback { id }',
    fresh: 'SUB_ENTRY',
    input: async (t) => ({
      id: t.subFeedback.id,
      expectedVersion: await versionIn('feedback', t.subFeedback),
      reply: 'Sudah saya perbaiki.',
    }),
    verify: async (t) =>
      expect((await rows('SELECT reply FROM feedback WHERE id = ?', [t.subFeedback.dbId]))[0]!.reply).toBe(
        'Sudah saya perbaiki.',
      ),
  },
  'decideObjection(head’s objection)': {
    name: 'decideObjection',
    select: 'objection { id }',
    fresh: 'OBJECTED_TO_HR',
    input: async (t) => ({
      id: t.headObjection.id,
      expectedVersion: await versionIn('objection', t.headObjection),
      accept: false,
      reason: 'Keputusan Bupati: penilaian tetap',
    }),
    verify: async (t) =>
      expect((await rows('SELECT status FROM objection WHERE id = ?', [t.headObjection.dbId]))[0]!.status).toBe(
        'REJECTED',
      ),
  },
};

const WRITE_MATRIX = { actors: ACTORS, rows: WRITE_POLICY, outcome: (rule: Rule, actor: ActorName) => rule(actor) };

describe('writing realizations, the log, feedback, ratings and objections', () => {
  eachCase({
    ...WRITE_MATRIX,
    check: async ({ name, actor, outcome }) => {
      const write = WRITE_ACTIONS[name as ActionName];
      const targets = outcome === 'ALLOWED' ? await freshTargets(write.fresh) : sharedTargets();
      const input = await write.input(targets);
      const token = targets.as[actor] ?? tokens[actor];
      const before = await snapshot();
      const res = await app.gql<{ result: Payload | null }>(mutation(write.name, write.select), { input }, token);
      const after = await snapshot();
      // A refused write changes nothing: no plan, log, feedback, rating, objection, tree or audit row.
      await expectWrite(outcome, {
        res,
        root: 'result',
        object: write.select.split(/[\s{]/)[0]!,
        before,
        after,
        verify: () => write.verify(targets),
        refusals: write.refusals,
      });
    },
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Subscriptions: each actor's stream carries only what their queries could read
// ---------------------------------------------------------------------------------------------------------------

const FEEDBACK_RECEIVED = 'subscription { feedbackReceived { id text recipient { id } appraisal { id } } }';
const ACTIVITY_REVIEWED = 'subscription { activityReviewed { id status employee { id } } }';
const APPRAISAL_CHANGED = 'subscription($id: ID!) { appraisalChanged(id: $id) { id status feedback { id } } }';

/**
 * "Nothing arrives" is shown by order, not by waiting: a stream delivers its events in the order they were
 * published, so once a sentinel sent after the events under test has arrived, any of them it skipped was dropped.
 */
type SubscribingActor = Exclude<ActorName, 'anonymous'>;

const idsOf = (sub: OpenSubscription<Record<string, { id: string }>>, field: string): string[] =>
  sub.received.map((e) => e.data?.[field]?.id ?? `error:${JSON.stringify(e.errors)}`);

/** Opens one subscription per signed-in actor and waits until all listen. */
async function subscribeAll(
  query: string,
  variables: Record<string, unknown> = {},
  listening = SIGNED_IN.length,
): Promise<Record<SubscribingActor, OpenSubscription<Record<string, { id: string }>>>> {
  const before = app.server.activeSubscriptions();
  const subs = {} as Record<SubscribingActor, OpenSubscription<Record<string, { id: string }>>>;
  for (const actor of SIGNED_IN as SubscribingActor[])
    subs[actor] = app.subscriptionClient(tokens[actor]).subscribe(query, variables);
  await app.subscriptionsListening(before + listening);
  return subs;
}

/** Everyone who can be sent their own event in this organisation (kadinkes and otherHead answer to the Bupati; clients are nobody). */
const OWN_EVENTS: Partial<Record<SubscribingActor, true>> = {
  self: true,
  head: true,
  peer: true,
  sub: true,
  hrRegion: true,
  hrOfA: true,
  hrOfB: true,
};

/**
 * Round one: an event for self that others may read by query, then each one's own event. Round two: a sentinel to
 * everyone who can be addressed, sent after all of round one, so each stream ends with it and holds nothing else
 * but its own. Those nobody can address are checked once every other stream has passed its sentinel.
 */
function expectOnlyOwn(
  subs: Record<SubscribingActor, OpenSubscription<Record<string, { id: string }>>>,
  field: string,
  a: SubscribingActor,
  own: Partial<Record<SubscribingActor, string[]>>,
): void {
  expect(idsOf(subs[a], field)).toEqual(own[a] ?? []);
  // Still listening, not ended.
  expect(subs[a].completed).toBe(false);
  if (!OWN_EVENTS[a]) expect(subs[a].received).toEqual([]);
}

const ADDRESSABLE = (SIGNED_IN as SubscribingActor[]).filter((a) => OWN_EVENTS[a]);

describe('subscription feedbackReceived', () => {
  let subs: Record<SubscribingActor, OpenSubscription<Record<string, { id: string }>>>;
  let toSelf: string;
  const own: Partial<Record<SubscribingActor, string[]>> = {};

  beforeAll(async () => {
    const o = world.org;
    // Entries to give feedback on, for those without a plan (their supervisor gives it).
    const peerDay = await ft.logDay(o.peer, { date: '2027-12-16' });
    const subDay = await ft.logDay(o.sub, { date: '2027-12-16' });
    const hrDay = await ft.logDay(o.hrPerson, { date: '2027-12-16' });
    subs = await subscribeAll(FEEDBACK_RECEIVED);
    const round = async (n: number): Promise<Record<SubscribingActor, string | undefined>> => {
      const hr = (
        await ft.give(
          { target: 'ACTIVITY', targetId: hrDay.id, text: `Rekap data pegawai tepat waktu (${n}).` },
          o.hrHead,
        )
      ).id;
      return {
        self:
          n === 2
            ? (
                await ft.give(
                  { target: 'REALIZATION', targetId: world.realization.id, text: 'Foto kegiatan sudah lengkap.' },
                  o.head,
                )
              ).id
            : undefined,
        peer: (
          await ft.give({ target: 'ACTIVITY', targetId: peerDay.id, text: `Laporan KIA sudah lengkap (${n}).` }, o.head)
        ).id,
        sub: (
          await ft.give({ target: 'ACTIVITY', targetId: subDay.id, text: `Arsip surat sudah rapi (${n}).` }, o.self)
        ).id,
        head: (
          await ft.give(
            { target: 'APPRAISAL', targetId: world.plans.head.id, text: `Cakupan wilayah perlu dipantau (${n}).` },
            o.kadinkes,
          )
        ).id,
        hrRegion: hr,
        hrOfA: hr,
        hrOfB: hr,
        kadinkes: undefined,
        otherHead: undefined,
        analyst: undefined,
        integration: undefined,
      };
    };
    // Feedback to self, which every reader of her plan may read by query: only she receives it.
    toSelf = (
      await ft.give(
        { target: 'REALIZATION', targetId: world.realization.id, text: 'Dokumentasi triwulan IV lengkap.' },
        o.head,
      )
    ).id;
    const first = await round(1);
    const sentinels = await round(2);
    for (const a of ADDRESSABLE) own[a] = [a === 'self' ? toSelf : first[a]!, sentinels[a]!];
    for (const a of ADDRESSABLE) await subs[a].waitFor(2);
  });

  eachActor({
    actors: SIGNED_IN as SubscribingActor[],
    outcome: (a) => (OWN_EVENTS[a] ? 'OWN' : 'NOTHING'),
    title: (a) => `as ${a}: only feedback addressed to them`,
    check: (a) => {
      expectOnlyOwn(subs, 'feedbackReceived', a, own);
      if (a === 'self')
        expect(subs.self.received[0]!.data!.feedbackReceived).toMatchObject({
          id: toSelf,
          recipient: { id: gid(world.org.self) },
          appraisal: { id: world.plans.self.id },
        });
    },
  });
});

describe('subscription activityReviewed', () => {
  let subs: Record<SubscribingActor, OpenSubscription<Record<string, { id: string }>>>;
  let ofSelf: string;
  const own: Partial<Record<SubscribingActor, string[]>> = {};

  const review = async (entry: { id: string; version: number }, by: Employee) =>
    (
      await ft.activityOk(
        'reviewActivity',
        { id: entry.id, expectedVersion: entry.version, decision: 'ACKNOWLEDGE' },
        by,
      )
    ).id;

  beforeAll(async () => {
    const o = world.org;
    const days = async (date: string) => ({
      self: await ft.logDay(o.self, { date }),
      peer: await ft.logDay(o.peer, { date }),
      sub: await ft.logDay(o.sub, { date }),
      head: await ft.logDay(o.head, { date }),
      hr: await ft.logDay(o.hrPerson, { date }),
    });
    const firstDays = await days('2027-12-17');
    const sentinelDays = await days('2027-12-18');
    subs = await subscribeAll(ACTIVITY_REVIEWED);
    const round = async (
      d: Awaited<ReturnType<typeof days>>,
      withSelf: boolean,
    ): Promise<Partial<Record<SubscribingActor, string>>> => {
      const hr = await review(d.hr, o.hrHead);
      return {
        ...(withSelf ? { self: await review(d.self, o.head) } : {}),
        peer: await review(d.peer, o.head),
        sub: await review(d.sub, o.self),
        // head's entry belongs to his plan: its appraiser, kadinkes, reviews it.
        head: await review(d.head, o.kadinkes),
        hrRegion: hr,
        hrOfA: hr,
        hrOfB: hr,
      };
    };
    // Self's entry, which head, kadinkes and HR may read by query: only she is told.
    ofSelf = await review(firstDays.self, o.head);
    const first = await round(firstDays, false);
    const sentinels = await round(sentinelDays, true);
    for (const a of ADDRESSABLE) own[a] = [a === 'self' ? ofSelf : first[a]!, sentinels[a]!];
    for (const a of ADDRESSABLE) await subs[a].waitFor(2);
  });

  eachActor({
    actors: SIGNED_IN as SubscribingActor[],
    outcome: (a) => (OWN_EVENTS[a] ? 'OWN' : 'NOTHING'),
    title: (a) => `as ${a}: only entries of their own log`,
    check: (a) => {
      expectOnlyOwn(subs, 'activityReviewed', a, own);
      if (a === 'self')
        expect(subs.self.received[0]!.data!.activityReviewed).toMatchObject({
          id: ofSelf,
          status: 'ACKNOWLEDGED',
          employee: { id: gid(world.org.self) },
        });
    },
  });
});

describe('subscription appraisalChanged(id: self’s plan)', () => {
  let subs: Record<SubscribingActor, OpenSubscription<Record<string, { id: string }>>>;
  let given: string;
  let sentinel: string;

  beforeAll(async () => {
    const readers = (SIGNED_IN as SubscribingActor[]).filter((a) => readsPlan(a)).length;
    subs = await subscribeAll(APPRAISAL_CHANGED, { id: world.plans.self.id }, readers);
    given = (
      await ft.give(
        { target: 'APPRAISAL', targetId: world.plans.self.id, text: 'Rencana tindak lanjut sudah disepakati.' },
        world.org.head,
      )
    ).id;
    // A second change after it: a reader's stream holds exactly two events, so the first change was sent once.
    sentinel = (
      await ft.give(
        { target: 'APPRAISAL', targetId: world.plans.self.id, text: 'Jadwal pemantauan disepakati.' },
        world.org.head,
      )
    ).id;
    for (const actor of SIGNED_IN as SubscribingActor[]) await subs[actor].waitFor(readsPlan(actor) ? 2 : 1);
  });

  eachActor({
    actors: SIGNED_IN as SubscribingActor[],
    outcome: (a) => (readsPlan(a) ? 'CHANGES' : 'REFUSED'),
    check: (a) => {
      if (readsPlan(a)) {
        // A reader of the plan gets each change once, with what their query would show.
        expect(subs[a].received).toHaveLength(2);
        const [first, second] = subs[a].received.map((e) => {
          expect(e.errors).toBeUndefined();
          return e.data!.appraisalChanged as unknown as { id: string; status: string; feedback: Array<{ id: string }> };
        });
        expect(first).toMatchObject({ id: world.plans.self.id, status: 'FINAL' });
        expect(first!.feedback.map((f) => f.id)).toContain(given);
        expect(first!.feedback.map((f) => f.id)).not.toContain(sentinel);
        expect(second!.feedback.map((f) => f.id)).toEqual(expect.arrayContaining([given, sentinel]));
        expect(subs[a].completed).toBe(false);
      } else {
        // Anyone else is refused as if the plan did not exist, and gets nothing.
        expect(subs[a].received).toEqual([
          {
            errors: [
              expect.objectContaining({
                message: 'No plan you may read has this id.',
                extensions: { code: 'BAD_USER_INPUT' },
              }),
            ],
          },
        ]);
        expect(subs[a].completed).toBe(true);
      }
    },
  });
});

describe('subscriptions without a valid token', () => {
  const SUBSCRIPTIONS = Object.fromEntries(
    [FEEDBACK_RECEIVED, ACTIVITY_REVIEWED, APPRAISAL_CHANGED].map((query) => [query.match(/\{ (\w+)/)![1]!, query]),
  );

  eachCase({
    actors: ['none', 'not a token', 'expired', 'wrong secret'] as const,
    rows: SUBSCRIPTIONS,
    outcome: () => 4403,
    title: (c) => `${c.name} with ${c.actor}: closed with 4403, nothing sent`,
    check: async ({ row: query, actor: credential }) => {
      const token =
        credential === 'none'
          ? null
          : credential === 'not a token'
            ? 'not-a-token'
            : credential === 'expired'
              ? await app.token(world.org.self.nip, { expiresIn: -10 })
              : await app.token(world.org.self.nip, { secret: 'another-secret-another-secret-0123456789' });
      const client = app.subscriptionClient(token);
      const sub = client.subscribe(query, { id: world.plans.self.id });
      expect((await client.whenClosed())?.code).toBe(4403);
      expect(sub.received.filter((e) => e.data)).toEqual([]);
    },
  });
});
