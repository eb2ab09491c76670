import { PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { TestApp } from '../support/test-app';
import { type PlanOut, Planning } from './planning-helpers';

/**
 * Texts in the caller's language (`docs/api.md`, Language): chosen per request by `Accept-Language`, the same code
 * and field in every language. The test app's default is English; a second app runs on the region's default.
 */
describe('the language of messages', () => {
  let app: TestApp;
  let p: Planning;
  let head: Employee;
  let nurse: Employee;
  let plan: PlanOut;

  beforeAll(async () => {
    app = await TestApp.start();
    p = await new Planning(app).init();
    app.clock.set('2027-01-04T01:00:00Z');
    const f = app.fixtures;
    const dinkes = await f.unit({ code: 'LG-DINKES', name: 'Dinas Kesehatan', kind: UnitKind.AGENCY });
    const pkm = await f.unit({ code: 'LG-PKM', name: 'UPTD Puskesmas Walesi', parent: dinkes });
    head = await f.employee({ unit: pkm, positionKind: PositionKind.PENGAWAS, positionTitle: 'Kepala Puskesmas' });
    nurse = await f.employee({ unit: pkm, supervisor: head, positionTitle: 'Perawat Terampil' });
    await p.openPeriod(2027);
    plan = await p.createPlan(nurse);
  });
  afterAll(() => app?.stop());

  /** The head approves a DRAFT plan: INVALID_STATE on the id, and an empty RHK text: INVALID. */
  const refused = async (language?: string) => {
    const res = await app.gql<{ a: { userErrors: Array<{ code: string; field: string[]; message: string }> } }>(
      `mutation($a: ApproveAppraisalInput!, $r: AddWorkResultPlanInput!) {
        a: approveAppraisal(input: $a) { userErrors { code field message } }
        r: addWorkResultPlan(input: $r) { userErrors { code field message } }
      }`,
      {
        a: { id: plan.id, expectedVersion: plan.version },
        r: { appraisalId: plan.id, expectedVersion: plan.version, kind: 'ADDITIONAL', text: ' ' },
      },
      await p.token(head),
      language === undefined ? {} : { headers: { 'accept-language': language } },
    );
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as unknown as Record<string, { userErrors: Array<Record<string, unknown>> }>;
    return [...data.a!.userErrors, ...data.r!.userErrors];
  };

  it('userErrors: the same codes and fields in Indonesian and English, with the message in the language asked for', async () => {
    const english = await refused('en-US');
    const indonesian = await refused('id-ID');
    const strip = (errors: Array<Record<string, unknown>>) => errors.map(({ code, field }) => ({ code, field }));
    expect(strip(indonesian)).toEqual(strip(english));
    expect(strip(english)).toEqual([
      { code: 'INVALID_STATE', field: ['input', 'id'] },
      { code: 'NOT_ALLOWED', field: ['input', 'appraisalId'] },
    ]);
    expect(english.map((e) => e.message)).toEqual([
      'This step is not allowed from the plan’s current state.',
      'Your part in this plan does not include this step.',
    ]);
    expect(indonesian.map((e) => e.message)).toEqual([
      'Langkah ini tidak diperbolehkan dari status SKP sekarang.',
      'Peran Anda dalam SKP ini tidak mencakup langkah ini.',
    ]);
  });

  it.each([
    ['id', 'id'],
    ['in', 'id'],
    ['ID-id', 'id'],
    ['en', 'en'],
    ['en-GB,id;q=0.5', 'en'],
    ['fr-FR, id;q=0.8, en;q=0.5', 'id'],
    ['id;q=0, en;q=0.1', 'en'],
    ['fr, de', 'en'],
    ['*', 'en'],
    [undefined, 'en'],
  ])('Accept-Language %s → %s (the test app’s default is English)', async (header, expected) => {
    const [first] = await refused(header);
    expect(first!.message).toBe(
      expected === 'id'
        ? 'Langkah ini tidak diperbolehkan dari status SKP sekarang.'
        : 'This step is not allowed from the plan’s current state.',
    );
  });

  it('top-level errors too: FORBIDDEN on a field, UNAUTHENTICATED before the context, with the same codes', async () => {
    const hrOnly = 'mutation { openPeriod(input: { year: 2030 }) { userErrors { code } } }';
    const asked = (language: string) => ({ headers: { 'accept-language': language } });
    const forbiddenId = await app.gql(hrOnly, {}, await p.token(nurse), asked('id'));
    const forbiddenEn = await app.gql(hrOnly, {}, await p.token(nurse), asked('en'));
    expect(forbiddenId.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['FORBIDDEN', 'Anda tidak diizinkan melakukan ini.'],
    ]);
    expect(forbiddenEn.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['FORBIDDEN', 'You are not allowed to do this.'],
    ]);
    const stranger = await app.token('199001012020121999');
    const unknownId = await app.gql('{ viewer { roles } }', {}, stranger, asked('id'));
    expect(unknownId.status).toBe(401);
    expect(unknownId.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['UNAUTHENTICATED', 'Token tidak sah: tidak ada pegawai aktif dengan NIP ini.'],
    ]);
  });

  it('a WebSocket takes its language from the connection parameter `accept-language`', async () => {
    const unknownPlan = { id: 'QXBwcmFpc2FsOjk5OTk5' };
    const query = 'subscription($id: ID!) { appraisalChanged(id: $id) { id } }';
    const indonesian = app.subscriptionClient(null, {
      authorization: `Bearer ${await p.token(nurse)}`,
      'accept-language': 'id',
    });
    const english = app.subscriptionClient(await p.token(nurse));
    const [inId] = await indonesian.subscribe(query, unknownPlan).waitFor(1);
    const [inEn] = await english.subscribe(query, unknownPlan).waitFor(1);
    expect(inId!.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'Tidak ada SKP yang dapat Anda baca dengan id ini.'],
    ]);
    expect(inEn!.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'No plan you may read has this id.'],
    ]);
  });

  it('the document routes answer in the language asked for', async () => {
    const res = await fetch(`${app.url.replace(/\/graphql$/, '')}/documents/appraisals/${plan.id}/nothing.pdf`, {
      headers: { authorization: `Bearer ${await p.token(nurse)}`, 'accept-language': 'id' },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      errors: [{ message: 'Dokumen tidak ditemukan.', extensions: { code: 'NOT_FOUND' } }],
    });
  });

  describe('with the region’s default (DEFAULT_LOCALE=id)', () => {
    let regional: TestApp;
    beforeAll(async () => {
      regional = await TestApp.start({ defaultLocale: 'id' });
    });
    afterAll(() => regional?.stop());

    it('a request that names no language of ours gets Indonesian; one that asks for English gets English', async () => {
      const ask = (language?: string) =>
        regional.gql('{ viewer { roles } }', {}, null, {
          headers: { authorization: 'Basic eA==', ...(language ? { 'accept-language': language } : {}) },
        });
      for (const res of [await ask(), await ask('fr')]) {
        expect(res.status).toBe(401);
        expect(res.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
          ['UNAUTHENTICATED', 'Header Authorization harus berbentuk "Bearer <token>".'],
        ]);
      }
      expect((await ask('en')).body.errors?.[0]?.message).toBe('The Authorization header must be "Bearer <token>".');
    });
  });
});
