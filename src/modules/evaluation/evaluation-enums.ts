import { registerEnumType } from 'type-graphql';

/** Rating of work results or of work behaviour against expectations (`docs/domain.md`, The ratings). */
export enum ExpectationRating {
  DI_ATAS_EKSPEKTASI = 'DI_ATAS_EKSPEKTASI',
  SESUAI_EKSPEKTASI = 'SESUAI_EKSPEKTASI',
  DI_BAWAH_EKSPEKTASI = 'DI_BAWAH_EKSPEKTASI',
}

registerEnumType(ExpectationRating, {
  name: 'ExpectationRating',
  description: 'Rating of work results (rating hasil kerja) or of work behaviour (rating perilaku kerja).',
  valuesConfig: {
    DI_ATAS_EKSPEKTASI: { description: 'Above expectation (di atas ekspektasi).' },
    SESUAI_EKSPEKTASI: { description: 'As expected (sesuai ekspektasi).' },
    DI_BAWAH_EKSPEKTASI: { description: 'Below expectation (di bawah ekspektasi).' },
  },
});

/** The performance predikat, from the result × behaviour matrix. */
export enum Predikat {
  SANGAT_BAIK = 'SANGAT_BAIK',
  BAIK = 'BAIK',
  BUTUH_PERBAIKAN = 'BUTUH_PERBAIKAN',
  KURANG_MISCONDUCT = 'KURANG_MISCONDUCT',
  SANGAT_KURANG = 'SANGAT_KURANG',
}

registerEnumType(Predikat, {
  name: 'Predikat',
  description: 'Performance predikat (predikat kinerja), from the matrix of result and behaviour ratings.',
  valuesConfig: {
    SANGAT_BAIK: { description: 'Sangat Baik: results above expectation and behaviour above expectation.' },
    BAIK: { description: 'Baik.' },
    BUTUH_PERBAIKAN: { description: 'Butuh Perbaikan: results below expectation.' },
    KURANG_MISCONDUCT: { description: 'Kurang/Misconduct: behaviour below expectation.' },
    SANGAT_KURANG: { description: 'Sangat Kurang: both below expectation.' },
  },
});

/** The organisation's own rating for the year (capaian kinerja organisasi). */
export enum OrganisationRating {
  ISTIMEWA = 'ISTIMEWA',
  BAIK = 'BAIK',
  BUTUH_PERBAIKAN = 'BUTUH_PERBAIKAN',
  KURANG = 'KURANG',
  SANGAT_KURANG = 'SANGAT_KURANG',
}

registerEnumType(OrganisationRating, {
  name: 'OrganisationRating',
  description:
    'A unit’s own rating for the year (capaian kinerja organisasi), set by HR; it bounds its employees’ predikat.',
  valuesConfig: {
    ISTIMEWA: { description: 'Istimewa (outstanding).' },
    BAIK: { description: 'Baik (good).' },
    BUTUH_PERBAIKAN: { description: 'Butuh perbaikan (needs improvement).' },
    KURANG: { description: 'Kurang (poor).' },
    SANGAT_KURANG: { description: 'Sangat kurang (very poor).' },
  },
});

export enum EvaluationKind {
  PERIODIC = 'PERIODIC',
  ANNUAL = 'ANNUAL',
}

registerEnumType(EvaluationKind, {
  name: 'EvaluationKind',
  description: 'Periodic (a month or quarter) or annual evaluation (evaluasi periodik / tahunan).',
  valuesConfig: {
    PERIODIC: { description: 'Of one sub-period (month or quarter).' },
    ANNUAL: { description: 'Of the whole year; it gives the final predikat.' },
  },
});
