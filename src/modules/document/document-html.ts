import { AppraisalForm, AppraisalStatus } from '../appraisal/appraisal-enums';
import { WorkResultKind } from '../work-plan/work-plan-enums';
import { html, type SafeHtml } from './escape-html';
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
import { type AppraisalDocumentModel, type EvaluationBlock, type ResultPlanRow } from './document.model';
import { multiline, page, peopleTable, signatures } from './html-parts';

/** The subtitle of the form that applies (Lampiran PermenPANRB 6/2022). */
export function formSubtitle(model: AppraisalDocumentModel): string {
  return model.form === AppraisalForm.JPT
    ? 'BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI'
    : 'BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL';
}

export const periodLine = (model: AppraisalDocumentModel): string =>
  `${formatDate(model.startDate)} s.d. ${formatDate(model.endDate)}`;

const isJpt = (model: AppraisalDocumentModel) => model.form === AppraisalForm.JPT;

/** The RHK table of the SKP: JA/JF with the supported RHK and the aspect; JPT with the perspective. */
function resultsTable(model: AppraisalDocumentModel, rows: ResultPlanRow[]): SafeHtml {
  if (rows.length === 0) return html`<p class="note">Tidak ada.</p>`;
  const jpt = isJpt(model);
  const head = jpt
    ? html`<tr><th>NO</th><th>RENCANA HASIL KERJA</th><th>INDIKATOR KINERJA INDIVIDU</th><th>TARGET</th><th>PERSPEKTIF</th></tr>`
    : html`<tr><th>NO</th><th>RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI</th><th>RENCANA HASIL KERJA</th><th>ASPEK</th><th>INDIKATOR KINERJA INDIVIDU</th><th>TARGET</th></tr>`;
  const body = rows.map((rhk, r) => {
    const span = Math.max(rhk.indicators.length, 1);
    const indicators = rhk.indicators.length ? rhk.indicators : [null];
    return indicators.map((iki, i) => {
      const lead =
        i === 0
          ? jpt
            ? html`<td class="no" rowspan="${span}">${r + 1}</td><td rowspan="${span}">${rhk.text}</td>`
            : html`<td class="no" rowspan="${span}">${r + 1}</td><td rowspan="${span}">${rhk.supports ?? '—'}</td><td rowspan="${span}">${rhk.text}</td>`
          : html``;
      const cells = jpt
        ? html`<td>${iki?.text ?? '—'}</td><td>${iki?.target ?? '—'}</td><td>${iki?.perspective ?? '—'}</td>`
        : html`<td>${iki?.aspect ?? '—'}</td><td>${iki?.text ?? '—'}</td><td>${iki?.target ?? '—'}</td>`;
      return html`<tr>${lead}${cells}</tr>`;
    });
  });
  return html`<table class="results"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function behaviorTable(model: AppraisalDocumentModel, withFeedback: boolean): SafeHtml {
  const head = html`<tr><th>NO</th><th>PERILAKU KERJA</th><th>EKSPEKTASI KHUSUS PIMPINAN</th>${withFeedback ? html`<th>UMPAN BALIK</th>` : ''}</tr>`;
  const rows = model.behaviors.map(
    (b, i) => html`<tr>
<td class="no">${i + 1}</td>
<td><strong>${b.label}</strong><ul class="guides">${b.guides.map((g) => html`<li>${g}</li>`)}</ul></td>
<td>${b.specificExpectation ?? '—'}</td>${withFeedback ? html`<td>${b.feedback ?? '—'}${b.rating ? html`<br><em>${RATING_LABEL[b.rating]}</em>` : ''}</td>` : ''}
</tr>`,
  );
  return html`<table class="behaviors"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

function header(title: string, model: AppraisalDocumentModel, periodKind: string | null): SafeHtml {
  return html`<p class="government">${model.governmentName}</p>
<h1>${title}</h1>
<p class="subtitle">PENDEKATAN HASIL KERJA ${APPROACH_LABEL[model.approach].toUpperCase()}</p>
<p class="subtitle">${formSubtitle(model)}</p>
<div class="period"><span>${periodKind ?? `TAHUN ${model.year}`}</span><span>PERIODE PENILAIAN: ${periodLine(model).toUpperCase()}</span></div>`;
}

/** The plan (SKP) as the official form lays it out. */
export function renderSkpHtml(model: AppraisalDocumentModel): string {
  const body = html`${header('SASARAN KINERJA PEGAWAI', model, null)}
${model.status === AppraisalStatus.APPROVED || model.status === AppraisalStatus.EVALUATED || model.status === AppraisalStatus.FINAL || model.status === AppraisalStatus.CLOSED ? '' : html`<p class="note">Status: ${STATUS_LABEL[model.status]} — belum disetujui pejabat penilai kinerja.</p>`}
${peopleTable([
  ['PEGAWAI YANG DINILAI', model.employee],
  ['PEJABAT PENILAI KINERJA', model.appraiser],
])}
<h2>Hasil Kerja</h2>
${isJpt(model) ? html`<p class="note">Rencana hasil kerja dari Perjanjian Kinerja.</p>` : ''}
<h2>A. Utama</h2>
${resultsTable(model, model.mainResults)}
<h2>B. Tambahan</h2>
${resultsTable(model, model.additionalResults)}
<h2>Perilaku Kerja</h2>
${behaviorTable(model, false)}
<h2>Lampiran Sasaran Kinerja Pegawai</h2>
<table class="annex"><tbody>
<tr><td class="label">DUKUNGAN SUMBER DAYA</td><td>${multiline(model.annex.resourceSupport)}</td></tr>
<tr><td class="label">SKEMA PERTANGGUNGJAWABAN</td><td>${multiline(model.annex.accountabilityScheme)}</td></tr>
<tr><td class="label">KONSEKUENSI</td><td>${multiline(model.annex.consequences)}</td></tr>
</tbody></table>
${signatures(['Pegawai yang Dinilai', model.employee], ['Pejabat Penilai Kinerja', model.appraiser], model.place, model.approvedOn)}`;
  return page(`SKP ${model.employee.nip ?? ''} ${model.year}`.replace(/\s+/g, ' ').trim(), body);
}

function evaluationResultsTable(model: AppraisalDocumentModel): SafeHtml {
  const rows = [...model.mainResults, ...model.additionalResults];
  const body = rows.map((rhk, r) => {
    const indicators = rhk.indicators.length ? rhk.indicators : [null];
    const span = indicators.length;
    return indicators.map(
      (
        iki,
        i,
      ) => html`<tr>${i === 0 ? html`<td class="no" rowspan="${span}">${r + 1}</td><td rowspan="${span}">${rhk.text}<br><em>(${rhk.kind === WorkResultKind.MAIN ? 'Utama' : 'Tambahan'})</em></td>` : ''}
<td>${iki?.text ?? '—'}</td><td>${iki?.target ?? '—'}</td>
<td>${iki?.realization ?? '—'}${iki?.realizationDetail.length ? html`<br><span class="note">${iki.realizationDetail.join('; ')}</span>` : ''}</td>
<td>${iki?.achievementPercent == null ? '—' : `${formatNumber(iki.achievementPercent)}%`}</td></tr>`,
    );
  });
  return html`<table class="results"><thead><tr><th>NO</th><th>RENCANA HASIL KERJA</th><th>INDIKATOR KINERJA INDIVIDU</th><th>TARGET</th><th>REALISASI</th><th>CAPAIAN</th></tr></thead><tbody>${body}</tbody></table>`;
}

function objectionSection(evaluation: EvaluationBlock): SafeHtml {
  const o = evaluation.objection;
  if (!o) return html``;
  return html`<h2>Keberatan</h2>
<table class="objection"><tbody>
<tr><td class="label">STATUS</td><td>${OBJECTION_STATUS_LABEL[o.status]}</td></tr>
<tr><td class="label">DIAJUKAN</td><td>${formatDate(o.filedOn)}</td></tr>
<tr><td class="label">ALASAN</td><td>${multiline(o.reason)}</td></tr>
<tr><td class="label">PREDIKAT SEMULA</td><td>${PREDIKAT_LABEL[o.originalPredikat]}</td></tr>
${o.decidedPredikat ? html`<tr><td class="label">PREDIKAT KEPUTUSAN</td><td>${PREDIKAT_LABEL[o.decidedPredikat]}</td></tr>` : ''}
${o.decisionReason ? html`<tr><td class="label">ALASAN KEPUTUSAN</td><td>${multiline(o.decisionReason)}</td></tr>` : ''}
${o.decidedOn ? html`<tr><td class="label">DIPUTUSKAN</td><td>${formatDate(o.decidedOn)}</td></tr>` : ''}
</tbody></table>`;
}

/** Said over the ratings when they were decided on an objection, so that nobody reads them as the appraiser's. */
export function decidedOnObjectionNote(evaluation: EvaluationBlock): string {
  const o = evaluation.objection;
  const when = o?.decidedOn ? ` pada ${formatDate(o.decidedOn)}` : '';
  const before = o ? `; predikat semula ${PREDIKAT_LABEL[o.originalPredikat]}` : '';
  return `Rating di bawah ini diubah atas keberatan pegawai: diputuskan atasan pejabat penilai kinerja${when}${before}.`;
}

/** The label of the result rating's justification: the appraiser's note, or the objection decider's reason. */
export const justificationLabel = (evaluation: EvaluationBlock): string =>
  evaluation.decidedOnObjection ? 'ALASAN KEPUTUSAN KEBERATAN' : 'CATATAN';

/** The annual evaluation (dokumen evaluasi kinerja pegawai); the caller checks `model.evaluation` first. */
export function renderEvaluationHtml(model: AppraisalDocumentModel): string {
  const evaluation = model.evaluation;
  if (!evaluation) throw new Error('renderEvaluationHtml needs an annual evaluation');
  const body = html`${header('DOKUMEN EVALUASI KINERJA PEGAWAI', model, 'PERIODE: TAHUNAN')}
${evaluation.deliveredOn ? '' : html`<p class="note">Penilaian belum final: dapat diubah sampai ditetapkan pengelola kinerja.</p>`}
${peopleTable([
  ['PEGAWAI YANG DINILAI', model.employee],
  ['PEJABAT PENILAI KINERJA', model.appraiser],
])}
${peopleTable([['ATASAN PEJABAT PENILAI KINERJA', model.appraiserSupervisor]])}
${evaluation.unitRating ? html`<p><strong>CAPAIAN KINERJA ORGANISASI:</strong> ${ORGANISATION_RATING_LABEL[evaluation.unitRating]}</p>` : ''}
<h2>Hasil Kerja</h2>
${evaluationResultsTable(model)}
${evaluation.decidedOnObjection ? html`<p class="note">${decidedOnObjectionNote(evaluation)}</p>` : ''}
<table class="summary"><tbody>
<tr><td class="label">RATING HASIL KERJA</td><td class="rating">${RATING_LABEL[evaluation.resultRating]}</td></tr>
${evaluation.resultJustification ? html`<tr><td class="label">${justificationLabel(evaluation)}</td><td>${multiline(evaluation.resultJustification)}</td></tr>` : ''}
</tbody></table>
<h2>Perilaku Kerja</h2>
${behaviorTable(model, true)}
<table class="summary"><tbody>
<tr><td class="label">RATING PERILAKU KERJA</td><td class="rating">${RATING_LABEL[evaluation.behaviorRating]}</td></tr>
<tr><td class="label">PREDIKAT KINERJA PEGAWAI</td><td class="rating predikat">${PREDIKAT_LABEL[evaluation.predikat]}</td></tr>
${evaluation.creditPoints === null ? '' : html`<tr><td class="label">ANGKA KREDIT</td><td class="rating">${formatNumber(evaluation.creditPoints)}</td></tr>`}
</tbody></table>
${objectionSection(evaluation)}
${signatures(['Pegawai yang Dinilai', model.employee], ['Pejabat Penilai Kinerja', model.appraiser], model.place, evaluation.deliveredOn ?? evaluation.ratedOn)}`;
  return page(`Evaluasi Kinerja ${model.employee.nip ?? ''} ${model.year}`.replace(/\s+/g, ' ').trim(), body);
}
