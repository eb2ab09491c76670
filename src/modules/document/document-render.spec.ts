import { AppraisalForm, AppraisalStatus, PlanApproach } from '../appraisal/appraisal-enums';
import { ExpectationRating, Predikat } from '../evaluation/evaluation-enums';
import { ObjectionStatus } from '../evaluation/objection.entity';
import { CORE_VALUES } from '../work-plan/core-values';
import { WorkResultKind } from '../work-plan/work-plan-enums';
import { renderEvaluationHtml, renderSkpHtml } from './document-html';
import { pdfText, renderEvaluationPdf, renderSkpPdf } from './document-pdf';
import { type AppraisalDocumentModel } from './document.model';

/**
 * A complete document model for the renderers' unit tests (no database): a nurse of Puskesmas Walesi appraised by
 * its head, one main and one additional RHK, a rated year with an accepted objection. `overrides` replace fields.
 */
function sampleDocumentModel(overrides: Partial<AppraisalDocumentModel> = {}): AppraisalDocumentModel {
  return {
    appraisalId: 'QXBwcmFpc2FsOjE',
    year: 2027,
    form: AppraisalForm.JA_JF,
    approach: PlanApproach.QUANTITATIVE,
    status: AppraisalStatus.FINAL,
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    employee: {
      name: 'Ns. Maria Wenda, S.Kep.',
      nip: '199003152015032001',
      rank: 'Penata Muda Tingkat I, III/b',
      position: 'Perawat Ahli Pertama',
      unit: 'UPTD Puskesmas Walesi',
    },
    appraiser: {
      name: 'Agustina Wenda',
      nip: '198609262015051001',
      rank: 'Penata, III/c',
      position: 'Kepala UPTD Puskesmas Walesi',
      unit: 'UPTD Puskesmas Walesi',
    },
    appraiserSupervisor: {
      name: 'Yosina Kogoya',
      nip: '197501012000032001',
      rank: 'Pembina Utama Muda, IV/c',
      position: 'Kepala Dinas Kesehatan',
      unit: 'Dinas Kesehatan',
    },
    mainResults: [
      {
        kind: WorkResultKind.MAIN,
        number: 1,
        text: 'Tercapainya cakupan imunisasi dasar lengkap',
        supports: 'Meningkatnya cakupan imunisasi di wilayah Puskesmas Walesi',
        indicators: [
          {
            text: 'Persentase bayi yang mendapat imunisasi dasar lengkap',
            aspect: 'Kuantitas',
            target: '95 %',
            perspective: null,
            realization: '88 %',
            realizationDetail: ['Februari: 88'],
            achievementPercent: 92.6,
          },
        ],
      },
    ],
    additionalResults: [
      {
        kind: WorkResultKind.ADDITIONAL,
        number: 1,
        text: 'Terlaksananya posyandu lansia',
        supports: null,
        indicators: [],
      },
    ],
    behaviors: CORE_VALUES.map((v) => ({
      label: v.label,
      guides: [...v.guides],
      specificExpectation: v.value === 'KOLABORATIF' ? 'Aktif berkoordinasi dengan kader posyandu' : null,
      feedback: v.value === 'KOLABORATIF' ? 'Koordinasi dengan kader berjalan baik' : null,
      rating: v.value === 'KOLABORATIF' ? ExpectationRating.DI_ATAS_EKSPEKTASI : null,
    })),
    annex: {
      resourceSupport: 'Vaksin dan rantai dingin\nKendaraan roda dua',
      accountabilityScheme: null,
      consequences: null,
    },
    place: 'Walesi',
    governmentName: 'PEMERINTAH KABUPATEN JAYAWIJAYA',
    approvedOn: '2027-01-20',
    printedOn: '2028-02-01',
    evaluation: {
      resultRating: ExpectationRating.SESUAI_EKSPEKTASI,
      resultJustification: 'Data Desember diterima',
      decidedOnObjection: true,
      behaviorRating: ExpectationRating.SESUAI_EKSPEKTASI,
      predikat: Predikat.BAIK,
      creditPoints: 12.5,
      unitRating: null,
      ratedOn: '2028-01-03',
      deliveredOn: '2028-01-05',
      objection: {
        status: ObjectionStatus.ACCEPTED,
        reason: 'Realisasi Desember belum dihitung',
        filedOn: '2028-01-10',
        originalPredikat: Predikat.BUTUH_PERBAIKAN,
        decidedPredikat: Predikat.BAIK,
        decisionReason: 'Data Desember diterima',
        decidedOn: '2028-01-12',
      },
    },
    ...overrides,
  };
}

/** Text content of the markup, with entities of the escaped values left as they are (to see what was escaped). */
const textOf = (markup: string) => markup.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

describe('SKP as HTML', () => {
  it('is a complete A4 document with the form’s header, period and the two identity blocks', () => {
    const out = renderSkpHtml(sampleDocumentModel());
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(out).toContain('<html lang="id">');
    expect(out).toContain('size: A4');
    const text = textOf(out);
    expect(text).toContain('SASARAN KINERJA PEGAWAI');
    expect(text).toContain('BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL');
    expect(text).toContain('PERIODE PENILAIAN: 1 JANUARI 2027 S.D. 31 DESEMBER 2027');
    expect(text).toContain('PEGAWAI YANG DINILAI');
    expect(text).toContain('PEJABAT PENILAI KINERJA');
    for (const value of [
      'Ns. Maria Wenda, S.Kep.',
      '199003152015032001',
      'Penata Muda Tingkat I, III/b',
      'Perawat Ahli Pertama',
      'UPTD Puskesmas Walesi',
      'Agustina Wenda',
      '198609262015051001',
    ]) {
      expect(text).toContain(value);
    }
  });

  it('is headed by the government it is issued under, above the title, escaped like any value', () => {
    for (const render of [renderSkpHtml, renderEvaluationHtml]) {
      const text = textOf(
        render(sampleDocumentModel({ governmentName: 'PEMERINTAH KABUPATEN LANNY JAYA & <i>X</i>' })),
      );
      expect(text).toMatch(
        /^ ?(SKP|Evaluasi) .* PEMERINTAH KABUPATEN LANNY JAYA &amp; &lt;i&gt;X&lt;\/i&gt; (SASARAN KINERJA PEGAWAI|DOKUMEN EVALUASI KINERJA PEGAWAI) /,
      );
    }
  });

  it('lists the RHK with the supported RHK, aspect, IKI and target, and the seven values with guides and expectations', () => {
    const text = textOf(renderSkpHtml(sampleDocumentModel()));
    expect(text).toContain('RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI');
    expect(text).toContain('Meningkatnya cakupan imunisasi di wilayah Puskesmas Walesi');
    expect(text).toContain('Tercapainya cakupan imunisasi dasar lengkap');
    expect(text).toContain('Kuantitas');
    expect(text).toContain('Persentase bayi yang mendapat imunisasi dasar lengkap');
    expect(text).toContain('95 %');
    expect(text).toContain('Terlaksananya posyandu lansia');
    for (const label of [
      'Berorientasi Pelayanan',
      'Akuntabel',
      'Kompeten',
      'Harmonis',
      'Loyal',
      'Adaptif',
      'Kolaboratif',
    ])
      expect(text).toContain(label);
    expect(text).toContain('Melakukan perbaikan tiada henti');
    expect(text).toContain('Aktif berkoordinasi dengan kader posyandu');
    expect(text).toContain('Walesi, 20 Januari 2027');
    expect(text).toContain('Vaksin dan rantai dingin');
  });

  it('gives JPT plans the perspective column and no supported RHK', () => {
    const model = sampleDocumentModel({ form: AppraisalForm.JPT });
    model.mainResults[0]!.indicators[0]!.perspective = 'Penerima Layanan';
    const text = textOf(renderSkpHtml(model));
    expect(text).toContain('BAGI PEJABAT PIMPINAN TINGGI');
    expect(text).toContain('PERSPEKTIF');
    expect(text).toContain('Penerima Layanan');
    expect(text).not.toContain('DIINTERVENSI');
  });

  it('marks a plan that is not approved yet and leaves the signature date open', () => {
    const text = textOf(renderSkpHtml(sampleDocumentModel({ status: AppraisalStatus.DRAFT, approvedOn: null })));
    expect(text).toContain('Status: Konsep');
    expect(text).toContain('Walesi, ....');
  });

  it('escapes every value that comes from users', () => {
    const model = sampleDocumentModel();
    model.mainResults[0]!.text = '<script>alert("rhk")</script>';
    model.mainResults[0]!.indicators[0]!.text = '<img src=x onerror=alert(1)>';
    model.employee.name = 'Maria <b>Wenda</b> & "co"';
    model.annex.consequences = '</td></tr></table><script>x</script>';
    model.behaviors[0]!.specificExpectation = "<a href='javascript:alert(1)'>klik</a>";
    const out = renderSkpHtml(model);
    expect(out).not.toMatch(/<script|<img|<b>Wenda|<a href/);
    expect(out).toContain('&lt;script&gt;alert(&quot;rhk&quot;)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('Maria &lt;b&gt;Wenda&lt;/b&gt; &amp; &quot;co&quot;');
    expect(out).toContain('&lt;a href=&#39;javascript:alert(1)&#39;&gt;klik&lt;/a&gt;');
  });
});

describe('evaluation document as HTML', () => {
  it('shows realizations against targets, both ratings, the predikat, the credit points and the objection outcome', () => {
    const text = textOf(renderEvaluationHtml(sampleDocumentModel()));
    expect(text).toContain('DOKUMEN EVALUASI KINERJA PEGAWAI');
    expect(text).toContain('PERIODE: TAHUNAN');
    expect(text).toContain('ATASAN PEJABAT PENILAI KINERJA');
    expect(text).toContain('Yosina Kogoya');
    expect(text).toContain('REALISASI');
    expect(text).toContain('88 %');
    expect(text).toContain('Februari: 88');
    expect(text).toContain('92,6%');
    expect(text).toContain('RATING HASIL KERJA Sesuai Ekspektasi');
    expect(text).toContain('RATING PERILAKU KERJA Sesuai Ekspektasi');
    expect(text).toContain('PREDIKAT KINERJA PEGAWAI Baik');
    expect(text).toContain('ANGKA KREDIT 12,5');
    expect(text).toContain('Koordinasi dengan kader berjalan baik');
    expect(text).toContain('Diterima: rating diubah (final)');
    expect(text).toContain('PREDIKAT SEMULA Butuh Perbaikan');
    expect(text).toContain('Walesi, 5 Januari 2028');
    expect(text).not.toContain('belum final');
  });

  it('after an accepted objection, says the ratings were changed on it and gives the decider’s reason, not the appraiser’s note', () => {
    const text = textOf(renderEvaluationHtml(sampleDocumentModel()));
    expect(text).toContain(
      'Rating di bawah ini diubah atas keberatan pegawai: diputuskan atasan pejabat penilai kinerja pada 12 Januari 2028; predikat semula Butuh Perbaikan.',
    );
    expect(text).toContain('RATING HASIL KERJA Sesuai Ekspektasi ALASAN KEPUTUSAN KEBERATAN Data Desember diterima');
    expect(text).not.toContain('CATATAN');
  });

  it('gives the appraiser’s own rating with their note as CATATAN, and no word of an objection', () => {
    const model = sampleDocumentModel();
    model.evaluation = {
      ...model.evaluation!,
      decidedOnObjection: false,
      resultJustification: 'Capaian imunisasi mendekati target',
      objection: null,
    };
    const text = textOf(renderEvaluationHtml(model));
    expect(text).toContain('RATING HASIL KERJA Sesuai Ekspektasi CATATAN Capaian imunisasi mendekati target');
    expect(text).not.toMatch(/keberatan/i);
  });

  it('leaves credit points out for other positions and says when the rating is not final yet', () => {
    const model = sampleDocumentModel();
    model.evaluation = {
      ...model.evaluation!,
      creditPoints: null,
      deliveredOn: null,
      objection: null,
      predikat: Predikat.SANGAT_BAIK,
    };
    const text = textOf(renderEvaluationHtml(model));
    expect(text).not.toContain('ANGKA KREDIT');
    expect(text).not.toContain('Keberatan');
    expect(text).toContain('Penilaian belum final');
    expect(text).toContain('Sangat Baik');
    expect(text).toContain('Walesi, 3 Januari 2028');
  });

  it('refuses to render without an annual evaluation (the routes answer 404 first)', () => {
    expect(() => renderEvaluationHtml(sampleDocumentModel({ evaluation: null }))).toThrow();
  });

  it('escapes the objection and the justification', () => {
    const model = sampleDocumentModel();
    model.evaluation!.resultJustification = '<script>j</script>';
    model.evaluation!.objection!.reason = '<script>o</script>';
    model.additionalResults = [
      { kind: WorkResultKind.ADDITIONAL, number: 1, text: '<script>r</script>', supports: null, indicators: [] },
    ];
    expect(renderEvaluationHtml(model)).not.toContain('<script');
  });
});

describe('pdfText (what the standard fonts can encode)', () => {
  it.each([
    ['Ns. Maria Wenda, S.Kep.', 'Ns. Maria Wenda, S.Kep.'],
    ['Capaian ≥ 95% – “baik”', 'Capaian ? 95% – “baik”'],
    ['Bùi Thị Nguyễn', 'Bùi Thi Nguyen'],
    ['', '—'],
    [null, '—'],
  ])('%p → %p', (input, expected) => {
    expect(pdfText(input)).toBe(expected);
  });
});

describe('the PDF renderers', () => {
  it('draw the SKP and the evaluation as PDF documents', async () => {
    for (const pdf of [await renderSkpPdf(sampleDocumentModel()), await renderEvaluationPdf(sampleDocumentModel())]) {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    }
  });

  it('break long plans across pages', async () => {
    const model = sampleDocumentModel();
    const rhk = model.mainResults[0]!;
    model.mainResults = Array.from({ length: 30 }, (_, i) => ({ ...rhk, number: i + 1, text: `${rhk.text} ${i + 1}` }));
    const pdf = (await renderSkpPdf(model, { compress: false })).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b/g)!.length).toBeGreaterThan(1);
  });

  it('refuses an evaluation document without an annual evaluation', () => {
    expect(() => renderEvaluationPdf(sampleDocumentModel({ evaluation: null }))).toThrow();
  });
});
