import type PDFKitModule from 'pdfkit';
import { AppraisalForm, AppraisalStatus } from '../appraisal/appraisal-enums';
import { WorkResultKind } from '../work-plan/work-plan-enums';
import {
  APPROACH_LABEL,
  formatDate,
  formatNumber,
  OBJECTION_STATUS_LABEL,
  ORGANISATION_RATING_LABEL,
  PREDIKAT_LABEL,
  RATING_LABEL,
  STATUS_LABEL,
} from './document-labels';
import { decidedOnObjectionNote, formSubtitle, justificationLabel, periodLine } from './document-html';
import { type AppraisalDocumentModel, type PersonBlock, type ResultPlanRow } from './document.model';

/**
 * The same two documents as PDF, drawn with pdfkit from the same model as the HTML: A4, the standard Helvetica
 * fonts (no font files to ship), ruled tables that break across pages.
 */

export interface PdfOptions {
  /** Uncompressed content streams (for debugging); compressed by default. */
  compress?: boolean;
}

type Doc = PDFKit.PDFDocument;

/**
 * pdfkit and its fonts are heavy once loaded (`CHANGELOG.md`, Performance): loaded with the first PDF asked for,
 * not with the service (most instances never print one).
 */
function pdfkit(): typeof PDFKitModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require('pdfkit') as typeof PDFKitModule;
}
type Cell = string | PDFKit.Mixins.CellOptions;

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MARGIN = 40;

/** Characters the standard fonts can encode (WinAnsi beyond Latin-1). */
const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);

/** The standard fonts only know WinAnsi: accents are dropped, anything else becomes "?" rather than garbage. */
export function pdfText(value: string | null | undefined): string {
  if (value === null || value === undefined || value.trim() === '') return '—';
  let out = '';
  for (const ch of value.normalize('NFC')) {
    if (ch.charCodeAt(0) <= 0xff || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base.length > 0 && base.charCodeAt(0) <= 0xff ? base : '?';
    }
  }
  return out;
}

const th = (text: string, extra: Partial<PDFKit.Mixins.CellOptions> = {}): PDFKit.Mixins.CellOptions => ({
  text,
  font: { src: BOLD },
  backgroundColor: '#e8e8e8',
  align: 'center',
  ...extra,
});
const td = (
  text: string | null | undefined,
  extra: Partial<PDFKit.Mixins.CellOptions> = {},
): PDFKit.Mixins.CellOptions => ({ text: pdfText(text), ...extra });

function table(doc: Doc, columns: Array<number | string>, rows: Cell[][]): void {
  doc.font(REGULAR).fontSize(8.5);
  doc.table({ columnStyles: columns, defaultStyle: { padding: 3, border: 0.5 }, data: rows });
  doc.moveDown(0.5);
}

function heading(doc: Doc, text: string): void {
  doc.moveDown(0.4).font(BOLD).fontSize(9.5).text(text.toUpperCase(), MARGIN, doc.y).moveDown(0.2);
}

function note(doc: Doc, text: string): void {
  doc.font('Helvetica-Oblique').fontSize(8.5).text(pdfText(text), MARGIN, doc.y).moveDown(0.3);
}

function header(doc: Doc, title: string, model: AppraisalDocumentModel, periodKind: string | null): void {
  const width = doc.page.width - 2 * MARGIN;
  doc.font(BOLD).fontSize(12).text(pdfText(model.governmentName), MARGIN, MARGIN, { width, align: 'center' });
  const rule = doc.y + 2;
  doc
    .moveTo(MARGIN, rule)
    .lineTo(MARGIN + width, rule)
    .lineWidth(1.5)
    .stroke();
  doc.fontSize(13).text(title, MARGIN, rule + 8, { width, align: 'center' });
  doc
    .fontSize(9.5)
    .text(`PENDEKATAN HASIL KERJA ${APPROACH_LABEL[model.approach].toUpperCase()}`, { width, align: 'center' });
  doc.text(formSubtitle(model), { width, align: 'center' }).moveDown(0.8);
  const y = doc.y;
  doc.text(periodKind ?? `TAHUN ${model.year}`, MARGIN, y);
  doc.text(`PERIODE PENILAIAN: ${periodLine(model).toUpperCase()}`, MARGIN, y, { width, align: 'right' }).moveDown(0.5);
}

const PERSON_ROWS: ReadonlyArray<[string, (p: PersonBlock | null) => string | null | undefined]> = [
  ['NAMA', (p) => p?.name],
  ['NIP', (p) => p?.nip],
  ['PANGKAT/GOL. RUANG', (p) => p?.rank],
  ['JABATAN', (p) => p?.position],
  ['UNIT KERJA', (p) => p?.unit],
];

function people(doc: Doc, blocks: ReadonlyArray<[string, PersonBlock | null]>): void {
  const rows: Cell[][] = [blocks.flatMap(([title]) => [th('NO'), th(title, { colSpan: 2 })])];
  PERSON_ROWS.forEach(([label, value], i) =>
    rows.push(blocks.flatMap(([, person]) => [td(String(i + 1), { align: 'center' }), td(label), td(value(person))])),
  );
  table(
    doc,
    blocks.flatMap(() => [24, 82, '*']),
    rows,
  );
}

function results(doc: Doc, model: AppraisalDocumentModel, rhks: ResultPlanRow[]): void {
  if (rhks.length === 0) return note(doc, 'Tidak ada.');
  const jpt = model.form === AppraisalForm.JPT;
  const rows: Cell[][] = [
    jpt
      ? [th('NO'), th('RENCANA HASIL KERJA'), th('INDIKATOR KINERJA INDIVIDU'), th('TARGET'), th('PERSPEKTIF')]
      : [
          th('NO'),
          th('RHK PIMPINAN YANG DIINTERVENSI'),
          th('RENCANA HASIL KERJA'),
          th('ASPEK'),
          th('INDIKATOR KINERJA INDIVIDU'),
          th('TARGET'),
        ],
  ];
  rhks.forEach((rhk, r) => {
    const indicators = rhk.indicators.length ? rhk.indicators : [null];
    const rowSpan = indicators.length;
    indicators.forEach((iki, i) => {
      const lead: Cell[] =
        i > 0
          ? []
          : jpt
            ? [td(String(r + 1), { rowSpan, align: 'center' }), td(rhk.text, { rowSpan })]
            : [
                td(String(r + 1), { rowSpan, align: 'center' }),
                td(rhk.supports, { rowSpan }),
                td(rhk.text, { rowSpan }),
              ];
      rows.push(
        jpt
          ? [...lead, td(iki?.text), td(iki?.target), td(iki?.perspective)]
          : [...lead, td(iki?.aspect), td(iki?.text), td(iki?.target)],
      );
    });
  });
  table(doc, jpt ? [24, '*', '*', 70, 70] : [24, '*', '*', 52, '*', 62], rows);
}

function behaviors(doc: Doc, model: AppraisalDocumentModel, withFeedback: boolean): void {
  const rows: Cell[][] = [
    [th('NO'), th('PERILAKU KERJA'), th('EKSPEKTASI KHUSUS PIMPINAN'), ...(withFeedback ? [th('UMPAN BALIK')] : [])],
  ];
  model.behaviors.forEach((b, i) => {
    const value = `${b.label}\n${b.guides.map((g) => `• ${g}`).join('\n')}`;
    const feedback = [b.feedback, b.rating ? RATING_LABEL[b.rating] : null].filter(Boolean).join('\n');
    rows.push([
      td(String(i + 1), { align: 'center' }),
      td(value),
      td(b.specificExpectation),
      ...(withFeedback ? [td(feedback)] : []),
    ]);
  });
  table(doc, withFeedback ? [24, '*', 120, 120] : [24, '*', 170], rows);
}

function labelled(doc: Doc, rows: Array<[string, string | null | undefined]>): void {
  table(
    doc,
    [150, '*'],
    rows.map(([label, value]) => [td(label, { font: { src: BOLD } }), td(value)]),
  );
}

function signatures(
  doc: Doc,
  left: [string, PersonBlock | null],
  right: [string, PersonBlock | null],
  place: string,
  date: string | null,
): void {
  if (doc.y > doc.page.height - MARGIN - 130) doc.addPage();
  const width = (doc.page.width - 2 * MARGIN) / 2 - 10;
  const top = doc.y + 14;
  const column = (x: number, role: string, person: PersonBlock | null, dateLine: string | null) => {
    doc
      .font(REGULAR)
      .fontSize(9.5)
      .text(dateLine === null ? ' ' : pdfText(dateLine), x, top, { width, align: 'center' });
    doc.text(role, { width, align: 'center' });
    doc.moveDown(4.5);
    doc.font(BOLD).text(pdfText(person?.name), { width, align: 'center', underline: true });
    doc.font(REGULAR).text(person?.nip ? `NIP. ${person.nip}` : ' ', { width, align: 'center' });
  };
  column(MARGIN, left[0], left[1], null);
  column(MARGIN + width + 20, right[0], right[1], `${place}, ${date ? formatDate(date) : '....................'}`);
}

function render(
  build: (doc: Doc) => void,
  model: AppraisalDocumentModel,
  title: string,
  options: PdfOptions,
): Promise<Buffer> {
  const doc = new (pdfkit())({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: {
      Title: title,
      Subject: `Periode ${model.year}`,
      Creator: 'Kinerja Walesi',
      Producer: 'Kinerja Walesi (pdfkit)',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  build(doc);
  doc.end();
  return done;
}

const isApproved = (status: AppraisalStatus) =>
  [AppraisalStatus.APPROVED, AppraisalStatus.EVALUATED, AppraisalStatus.FINAL, AppraisalStatus.CLOSED].includes(status);

/** The SKP as PDF. */
export function renderSkpPdf(model: AppraisalDocumentModel, options: PdfOptions = {}): Promise<Buffer> {
  return render(
    (doc) => {
      header(doc, 'SASARAN KINERJA PEGAWAI', model, null);
      if (!isApproved(model.status))
        note(doc, `Status: ${STATUS_LABEL[model.status]} — belum disetujui pejabat penilai kinerja.`);
      people(doc, [
        ['PEGAWAI YANG DINILAI', model.employee],
        ['PEJABAT PENILAI KINERJA', model.appraiser],
      ]);
      heading(doc, 'Hasil Kerja');
      if (model.form === AppraisalForm.JPT) note(doc, 'Rencana hasil kerja dari Perjanjian Kinerja.');
      heading(doc, 'A. Utama');
      results(doc, model, model.mainResults);
      heading(doc, 'B. Tambahan');
      results(doc, model, model.additionalResults);
      heading(doc, 'Perilaku Kerja');
      behaviors(doc, model, false);
      heading(doc, 'Lampiran Sasaran Kinerja Pegawai');
      labelled(doc, [
        ['DUKUNGAN SUMBER DAYA', model.annex.resourceSupport],
        ['SKEMA PERTANGGUNGJAWABAN', model.annex.accountabilityScheme],
        ['KONSEKUENSI', model.annex.consequences],
      ]);
      signatures(
        doc,
        ['Pegawai yang Dinilai', model.employee],
        ['Pejabat Penilai Kinerja', model.appraiser],
        model.place,
        model.approvedOn,
      );
    },
    model,
    `Sasaran Kinerja Pegawai ${model.year}`,
    options,
  );
}

/** The annual evaluation as PDF; the caller checks `model.evaluation` first. */
export function renderEvaluationPdf(model: AppraisalDocumentModel, options: PdfOptions = {}): Promise<Buffer> {
  const evaluation = model.evaluation;
  if (!evaluation) throw new Error('renderEvaluationPdf needs an annual evaluation');
  return render(
    (doc) => {
      header(doc, 'DOKUMEN EVALUASI KINERJA PEGAWAI', model, 'PERIODE: TAHUNAN');
      if (!evaluation.deliveredOn)
        note(doc, 'Penilaian belum final: dapat diubah sampai ditetapkan pengelola kinerja.');
      people(doc, [
        ['PEGAWAI YANG DINILAI', model.employee],
        ['PEJABAT PENILAI KINERJA', model.appraiser],
      ]);
      people(doc, [['ATASAN PEJABAT PENILAI KINERJA', model.appraiserSupervisor]]);
      if (evaluation.unitRating)
        labelled(doc, [['CAPAIAN KINERJA ORGANISASI', ORGANISATION_RATING_LABEL[evaluation.unitRating]]]);
      heading(doc, 'Hasil Kerja');
      const rows: Cell[][] = [
        [
          th('NO'),
          th('RENCANA HASIL KERJA'),
          th('INDIKATOR KINERJA INDIVIDU'),
          th('TARGET'),
          th('REALISASI'),
          th('CAPAIAN'),
        ],
      ];
      [...model.mainResults, ...model.additionalResults].forEach((rhk, r) => {
        const indicators = rhk.indicators.length ? rhk.indicators : [null];
        const rowSpan = indicators.length;
        indicators.forEach((iki, i) => {
          const lead: Cell[] =
            i > 0
              ? []
              : [
                  td(String(r + 1), { rowSpan, align: 'center' }),
                  td(`${rhk.text}\n(${rhk.kind === WorkResultKind.MAIN ? 'Utama' : 'Tambahan'})`, { rowSpan }),
                ];
          const realized = iki?.realization
            ? [iki.realization, ...(iki.realizationDetail.length ? [iki.realizationDetail.join('; ')] : [])].join('\n')
            : null;
          rows.push([
            ...lead,
            td(iki?.text),
            td(iki?.target),
            td(realized),
            td(iki?.achievementPercent == null ? null : `${formatNumber(iki.achievementPercent)}%`, {
              align: { x: 'right' },
            }),
          ]);
        });
      });
      table(doc, [24, '*', '*', 60, 90, 45], rows);
      if (evaluation.decidedOnObjection) note(doc, decidedOnObjectionNote(evaluation));
      labelled(doc, [
        ['RATING HASIL KERJA', RATING_LABEL[evaluation.resultRating]],
        ...(evaluation.resultJustification
          ? ([[justificationLabel(evaluation), evaluation.resultJustification]] as Array<[string, string]>)
          : []),
      ]);
      heading(doc, 'Perilaku Kerja');
      behaviors(doc, model, true);
      labelled(doc, [
        ['RATING PERILAKU KERJA', RATING_LABEL[evaluation.behaviorRating]],
        ['PREDIKAT KINERJA PEGAWAI', PREDIKAT_LABEL[evaluation.predikat]],
        ...(evaluation.creditPoints === null
          ? []
          : ([['ANGKA KREDIT', formatNumber(evaluation.creditPoints)]] as Array<[string, string]>)),
      ]);
      const o = evaluation.objection;
      if (o) {
        heading(doc, 'Keberatan');
        labelled(doc, [
          ['STATUS', OBJECTION_STATUS_LABEL[o.status]],
          ['DIAJUKAN', formatDate(o.filedOn)],
          ['ALASAN', o.reason],
          ['PREDIKAT SEMULA', PREDIKAT_LABEL[o.originalPredikat]],
          ...(o.decidedPredikat
            ? ([['PREDIKAT KEPUTUSAN', PREDIKAT_LABEL[o.decidedPredikat]]] as Array<[string, string]>)
            : []),
          ...(o.decisionReason ? ([['ALASAN KEPUTUSAN', o.decisionReason]] as Array<[string, string]>) : []),
          ...(o.decidedOn ? ([['DIPUTUSKAN', formatDate(o.decidedOn)]] as Array<[string, string]>) : []),
        ]);
      }
      signatures(
        doc,
        ['Pegawai yang Dinilai', model.employee],
        ['Pejabat Penilai Kinerja', model.appraiser],
        model.place,
        evaluation.deliveredOn ?? evaluation.ratedOn,
      );
    },
    model,
    `Dokumen Evaluasi Kinerja Pegawai ${model.year}`,
    options,
  );
}
