import { spawn } from 'node:child_process';
import path from 'node:path';
import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { eachActor } from '../support/authorization-matrix';
import { TestApp } from '../support/test-app';
import { Evaluating, MEETS, unitGid, wit, type Year } from './evaluation-helpers';
import { type PlanOut } from './planning-helpers';

/**
 * The printable documents over HTTP (issue 4, item 7): the SKP and the annual evaluation as HTML and PDF, for
 * whoever may read the plan and for nobody else; the links on `Appraisal.documents`. The PDF's text is read back
 * with pdf-parse (pdf.js) in a child Node process: pdf.js loads its worker with a dynamic import, which Jest's
 * CommonJS runtime refuses.
 */

const EVIL_RHK = '<script>alert("rhk")</script> Tercapainya cakupan imunisasi dasar lengkap';
const IKI = 'Persentase bayi yang mendapat imunisasi dasar lengkap';
const EXPECTATION = 'Aktif berkoordinasi dengan kader posyandu';

interface Fetched {
  status: number;
  headers: Headers;
  body: Buffer;
  text: string;
}

/** The PDF's text through pdf-parse, whitespace collapsed (table cells wrap). */
function pdfTextOf(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      const result = await parser.getText();
      await parser.destroy();
      process.stdout.write(JSON.stringify({ text: result.text, pages: result.total }));
    });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      cwd: path.join(__dirname, '..', '..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pdf-parse failed (${code}): ${Buffer.concat(err).toString()}`));
      const parsed = JSON.parse(Buffer.concat(out).toString()) as { text: string; pages: number };
      resolve({ text: parsed.text.replace(/\s+/g, ' '), pages: parsed.pages });
    });
    child.stdin.end(pdf);
  });
}

describe('printable documents (SKP and evaluation, HTML and PDF)', () => {
  let app: TestApp;
  let e: Evaluating;
  let year: Year;
  let nurse: Employee;
  let peer: Employee;
  let head: Employee;
  let kadinkes: Employee;
  let plan: PlanOut;
  let peerPlan: PlanOut;
  let base: string;
  let otherUnitCode: string;

  const url = (file: string, id = plan.id) => `${base}/documents/appraisals/${id}/${file}`;

  async function get(
    file: string,
    who: Employee | string | null,
    id?: string,
    headers: Record<string, string> = {},
  ): Promise<Fetched> {
    const token = who === null ? null : await e.as(who);
    const response = await fetch(url(file, id), {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body, text: body.toString('utf8') };
  }

  const links = async (who: Employee | string) =>
    (
      await app.data<{ appraisal: { documents: Record<string, string | null> | null } | null }>(
        'query($id: ID!) { appraisal(id: $id) { documents { skpHtml skpPdf evaluationHtml evaluationPdf } } }',
        { id: plan.id },
        await e.as(who),
      )
    ).appraisal;

  beforeAll(async () => {
    app = await TestApp.start();
    base = new URL(app.url).origin;
    e = new Evaluating(app);
    await e.init();
    app.clock.set('2027-01-04T01:00:00Z');
    ({ head, kadinkes } = await e.givenOrg());
    year = await e.givenYear(2027);
    nurse = await e.nurse({ name: 'Maria Wenda' });
    peer = await e.nurse({ name: 'Naomi Kogoya' });
    otherUnitCode = (await app.fixtures.unit({ code: `DOC-OTHER-${head.rowId}`, name: 'Puskesmas Lain' })).code;
    // The nurse's plan: an RHK with markup in it, a quantitative IKI (95 %), the appraiser's expectation for KOLABORATIF.
    const created = await e.createPlan(nurse, { periodId: year.period.id });
    const { plan: withRhk, rhk } = await e.addRhk(nurse, created, { text: EVIL_RHK, supportsId: year.headRhk });
    const ready = (
      await e.addIndicator(nurse, rhk.id, withRhk.version, { text: IKI, targetValue: 95, targetUnit: '%' })
    ).plan;
    const submitted = await e.step('submitAppraisal', ready, nurse);
    const expected = await e.ok<{ appraisal: PlanOut }>(
      'setBehaviorExpectation',
      {
        appraisalId: submitted.id,
        expectedVersion: submitted.version,
        coreValue: 'KOLABORATIF',
        expectation: EXPECTATION,
      },
      head,
      'appraisal { id version }',
    );
    app.clock.set(wit('2027-01-20', '10:00'));
    plan = await e.step('approveAppraisal', { id: submitted.id, version: expected.appraisal.version }, head);
    peerPlan = await e.approvedPlan(peer, head, year.headRhk, year.period.id);
  });
  afterAll(() => app?.stop());

  describe('the SKP', () => {
    it('as HTML: the form with names, NIPs, grades, RHK, IKI, target and behaviours, the RHK text escaped', async () => {
      const res = await get('skp.html', nurse);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`inline; filename="SKP-${nurse.nip}-2027.html"`);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = res.text;
      expect(html).toContain(
        '<p class="government">PEMERINTAH KABUPATEN JAYAWIJAYA</p>\n<h1>SASARAN KINERJA PEGAWAI</h1>',
      );
      for (const value of [
        'SASARAN KINERJA PEGAWAI',
        'PEGAWAI YANG DINILAI',
        'PEJABAT PENILAI KINERJA',
        'Maria Wenda',
        nurse.nip,
        'Penata Muda, III/a',
        'Perawat Ahli Pertama',
        'UPTD Puskesmas Walesi',
      ]) {
        expect(html).toContain(value);
      }
      expect(html).toContain('Agustina Wenda');
      expect(html).toContain(head.nip);
      expect(html).toContain('Kepala UPTD Puskesmas Walesi');
      expect(html).toContain('Terlaksananya pelayanan kesehatan dasar'); // the appraiser's RHK it supports
      expect(html).toContain(IKI);
      expect(html).toContain('95 %');
      expect(html).toContain('Kuantitas');
      expect(html).toContain('Kolaboratif');
      expect(html).toContain('Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama');
      expect(html).toContain(EXPECTATION);
      expect(html).toContain('Walesi, 20 Januari 2027');
      expect(html).not.toContain('<script');
      expect(html).toContain(
        '&lt;script&gt;alert(&quot;rhk&quot;)&lt;/script&gt; Tercapainya cakupan imunisasi dasar lengkap',
      );
    });

    it('as PDF: a PDF that parses, with the same content', async () => {
      const res = await get('skp.pdf', nurse);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(`inline; filename="SKP-${nurse.nip}-2027.pdf"`);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { text, pages } = await pdfTextOf(res.body);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(text).toMatch(/^PEMERINTAH KABUPATEN JAYAWIJAYA SASARAN KINERJA PEGAWAI /);
      for (const value of [
        'SASARAN KINERJA PEGAWAI',
        'PEGAWAI YANG DINILAI',
        'PEJABAT PENILAI KINERJA',
        'Maria Wenda',
        nurse.nip,
        'Agustina Wenda',
        head.nip,
        'Penata Muda, III/a',
        'Kolaboratif',
        '95 %',
      ]) {
        expect(text).toContain(value);
      }
      expect(text).toContain('Tercapainya cakupan imunisasi');
      expect(text).toContain('Persentase bayi');
      expect(text).toContain('Aktif berkoordinasi');
    });

    const SERVED: Record<string, () => Employee | string> = {
      'the employee': () => nurse,
      'the appraiser': () => head,
      'the appraiser’s supervisor': () => kadinkes,
      'a region-wide HR admin': () => e.hr,
    };
    eachActor({
      actors: Object.keys(SERVED),
      outcome: () => 200,
      title: (who) => `is served to ${who}`,
      check: async (who, status) => {
        for (const file of ['skp.html', 'skp.pdf']) expect((await get(file, SERVED[who]!())).status).toBe(status);
      },
    });

    it('is served to an HR admin whose scope covers the unit, not to one of another unit', async () => {
      const scoped = await app.token('bkpsdm-scoped', { roles: [Role.HR_ADMIN], unit: e.org.pkm.code });
      const elsewhere = await app.token('bkpsdm-elsewhere', { roles: [Role.HR_ADMIN], unit: otherUnitCode });
      expect((await get('skp.html', scoped)).status).toBe(200);
      const refused = await get('skp.html', elsewhere);
      expect(refused.status).toBe(404);
      expect(refused.text).not.toContain('Maria Wenda');
    });

    it('is 404 for a peer, with the same answer as an unknown plan (no content, nothing to tell them apart)', async () => {
      const peerRes = await get('skp.html', peer);
      const unknown = await get('skp.html', peer, toGlobalId('Appraisal', 999999));
      const wrongType = await get('skp.pdf', nurse, toGlobalId('Employee', nurse.rowId));
      const garbage = await get('skp.html', nurse, 'not-an-id');
      for (const res of [peerRes, unknown, wrongType, garbage]) {
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toContain('application/json');
        expect(res.headers.get('cache-control')).toBe('private, no-store');
        expect(res.text).not.toContain('Maria Wenda');
        expect(res.text).not.toContain(nurse.nip);
      }
      expect(peerRes.text).toBe(unknown.text);
      expect((await get('skp.pdf', peer)).status).toBe(404);
      expect((await get('other.html', nurse)).status).toBe(404);
    });

    it('is 401 without a token or with a bad one, and shows nothing', async () => {
      const forged = await app.token(nurse.nip, { secret: 'not-the-secret-of-this-server-0123456789abcdef' });
      const responses = [
        await get('skp.html', null),
        await get('skp.pdf', null),
        await get('skp.html', forged),
        await get('skp.pdf', null, undefined, { authorization: 'Bearer not.a.jwt' }),
        await get('skp.html', null, undefined, { authorization: 'Basic dXNlcjpwYXNz' }),
        await get('skp.html', await app.token('199901012020011001')), // a NIP nobody has
      ];
      for (const res of responses) {
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(res.headers.get('cache-control')).toBe('private, no-store');
        expect(JSON.parse(res.text)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
        expect(res.text).not.toContain('Maria Wenda');
      }
    });
  });

  describe('before the annual evaluation', () => {
    it('the evaluation documents are 404 and their links null', async () => {
      expect((await get('evaluation.html', nurse)).status).toBe(404);
      expect((await get('evaluation.pdf', e.hr)).status).toBe(404);
      const gid = encodeURIComponent(plan.id);
      expect((await links(nurse))!.documents).toEqual({
        skpHtml: `/documents/appraisals/${gid}/skp.html`,
        skpPdf: `/documents/appraisals/${gid}/skp.pdf`,
        evaluationHtml: null,
        evaluationPdf: null,
      });
      expect(await links(peer)).toBeNull();
    });
  });

  describe('after the year is rated, delivered and objected to', () => {
    beforeAll(async () => {
      // February's realization (88 %), then the year rated BUTUH_PERBAIKAN, delivered on 5 January 2028, objected to and changed to BAIK.
      await e.movePeriodTo(year.period, 'RUNNING');
      app.clock.set(wit('2027-02-15'));
      await e.realize(nurse, plan, 1, 88);
      await e.movePeriodTo(year.period, 'EVALUATING');
      app.clock.set(wit('2028-01-04', '10:00'));
      const current = await e.ratedOrFail(plan.id);
      await e.ok(
        'rateYear',
        {
          appraisalId: plan.id,
          expectedVersion: current.version,
          resultRating: 'DI_BAWAH_EKSPEKTASI',
          behaviorRating: MEETS,
          resultJustification: 'Cakupan <b>di bawah</b> target',
          behaviors: [
            {
              coreValue: 'KOLABORATIF',
              rating: 'DI_ATAS_EKSPEKTASI',
              feedback: 'Koordinasi dengan kader berjalan baik',
            },
          ],
        },
        head,
        'evaluation { id }',
      );
      await e.rateInto(peerPlan, 'BUTUH_PERBAIKAN');
      await e.ok(
        'setUnitRating',
        { unitId: unitGid(e.org.pkm), periodId: year.period.id, rating: 'BUTUH_PERBAIKAN' },
        e.hr,
        'unitRating { id }',
      );
      const headPlan = await e.ratedOrFail(year.headPlan.id);
      await e.ok(
        'rateYear',
        { appraisalId: headPlan.id, expectedVersion: headPlan.version, behaviorRating: MEETS },
        kadinkes,
        'evaluation { id }',
      );
      app.clock.set(wit('2028-01-05', '09:00'));
      const done = await e.finalize({ unitId: unitGid(e.org.pkm), periodId: year.period.id, includeSubunits: false });
      expect(done.userErrors).toEqual([]);
      app.clock.set(wit('2028-01-10', '09:00'));
      const delivered = await e.ratedOrFail(plan.id);
      const filed = await e.fileObjection(
        { appraisalId: plan.id, expectedVersion: delivered.version, reason: 'Realisasi Desember belum dihitung' },
        nurse,
      );
      expect(filed.userErrors).toEqual([]);
      app.clock.set(wit('2028-01-12', '09:00'));
      const decided = await e.decideObjection(
        {
          id: filed.objection!.id,
          expectedVersion: 1,
          accept: true,
          resultRating: MEETS,
          behaviorRating: MEETS,
          reason: 'Data Desember diterima',
        },
        kadinkes,
      );
      expect(decided.userErrors).toEqual([]);
    });

    it('links both evaluation documents', async () => {
      const gid = encodeURIComponent(plan.id);
      expect((await links(head))!.documents).toMatchObject({
        evaluationHtml: `/documents/appraisals/${gid}/evaluation.html`,
        evaluationPdf: `/documents/appraisals/${gid}/evaluation.pdf`,
      });
    });

    it('as HTML: realization against target, the ratings, the predikat, credit points and the objection outcome', async () => {
      const res = await get('evaluation.html', nurse);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`inline; filename="EVALUASI-KINERJA-${nurse.nip}-2027.html"`);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const html = res.text;
      expect(html).toContain(
        '<p class="government">PEMERINTAH KABUPATEN JAYAWIJAYA</p>\n<h1>DOKUMEN EVALUASI KINERJA PEGAWAI</h1>',
      );
      for (const value of [
        'DOKUMEN EVALUASI KINERJA PEGAWAI',
        'ATASAN PEJABAT PENILAI KINERJA',
        'Yosina Kogoya',
        kadinkes.nip,
        'Maria Wenda',
        nurse.nip,
        IKI,
        '95 %',
        '88 %',
        'Triwulan I: 88',
      ]) {
        expect(html).toContain(value);
      }
      expect(html).toMatch(/RATING HASIL KERJA<\/td><td class="rating">Sesuai Ekspektasi/);
      expect(html).toMatch(/PREDIKAT KINERJA PEGAWAI<\/td><td class="rating predikat">Baik/);
      expect(html).toContain('ANGKA KREDIT');
      expect(html).toContain('12,5');
      expect(html).toContain('Koordinasi dengan kader berjalan baik');
      expect(html).toContain('Diterima: rating diubah (final)');
      expect(html).toContain('Butuh Perbaikan'); // the predikat objected to
      expect(html).toContain('Walesi, 5 Januari 2028');
      expect(html).not.toContain('<script');
      // The decided rating with the decider's reason, said to be changed on objection; the appraiser's note for the old rating is not printed.
      expect(html).toContain(
        'Rating di bawah ini diubah atas keberatan pegawai: diputuskan atasan pejabat penilai kinerja pada 12 Januari 2028; predikat semula Butuh Perbaikan.',
      );
      expect(html).toMatch(
        /RATING HASIL KERJA<\/td><td class="rating">Sesuai Ekspektasi<\/td><\/tr>\n<tr><td class="label">ALASAN KEPUTUSAN KEBERATAN<\/td><td>Data Desember diterima<\/td>/,
      );
      expect(html).not.toContain('CATATAN');
      expect(html).not.toContain('di bawah</b>');
      expect(html).not.toContain('Cakupan &lt;b&gt;di bawah&lt;/b&gt; target');
    });

    it('the original evaluation stays readable, with the appraiser’s note; the one in force is the decided one', async () => {
      const q = await app.data<{
        appraisal: {
          annualEvaluation: { id: string; resultJustification: string };
          evaluations: Array<{
            id: string;
            kind: string;
            predikat: string;
            resultJustification: string | null;
            supersededBy: { id: string } | null;
          }>;
        };
      }>(
        'query($id: ID!) { appraisal(id: $id) { annualEvaluation { id resultJustification } evaluations { id kind predikat resultJustification supersededBy { id } } } }',
        { id: plan.id },
        await e.as(kadinkes),
      );
      const annual = q.appraisal.evaluations.filter((x) => x.kind === 'ANNUAL');
      expect(annual.map(({ id: _id, ...rest }) => rest)).toEqual([
        {
          kind: 'ANNUAL',
          predikat: 'BUTUH_PERBAIKAN',
          resultJustification: 'Cakupan <b>di bawah</b> target',
          supersededBy: { id: q.appraisal.annualEvaluation.id },
        },
        { kind: 'ANNUAL', predikat: 'BAIK', resultJustification: 'Data Desember diterima', supersededBy: null },
      ]);
      expect(annual[1]!.id).toBe(q.appraisal.annualEvaluation.id);
    });

    it('as PDF: a PDF that parses, with the same content', async () => {
      const res = await get('evaluation.pdf', kadinkes);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(`inline; filename="EVALUASI-KINERJA-${nurse.nip}-2027.pdf"`);
      expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { text } = await pdfTextOf(res.body);
      expect(text).toMatch(/^PEMERINTAH KABUPATEN JAYAWIJAYA DOKUMEN EVALUASI KINERJA PEGAWAI /);
      for (const value of [
        'DOKUMEN EVALUASI KINERJA PEGAWAI',
        'Maria Wenda',
        nurse.nip,
        'Yosina Kogoya',
        '88 %',
        'RATING HASIL KERJA',
        'Sesuai Ekspektasi',
        'PREDIKAT KINERJA PEGAWAI',
        'Baik',
        'ANGKA KREDIT',
        '12,5',
        'Butuh Perbaikan',
        'KEBERATAN',
      ]) {
        expect(text).toContain(value);
      }
      expect(text).toContain('Rating di bawah ini diubah atas keberatan pegawai');
      expect(text).toMatch(/RATING HASIL KERJA Sesuai Ekspektasi ALASAN KEPUTUSAN KEBERATAN Data Desember diterima/);
      expect(text).not.toContain('Cakupan');
    });

    it('is served to the plan’s readers only', async () => {
      for (const who of [nurse, head, kadinkes, e.hr]) expect((await get('evaluation.pdf', who)).status).toBe(200);
      const refused = await get('evaluation.html', peer);
      expect(refused.status).toBe(404);
      expect(refused.text).not.toContain('Maria Wenda');
      expect((await get('evaluation.pdf', null)).status).toBe(401);
    });
  });
});
