import { registerEnumType } from 'type-graphql';

export enum WorkResultKind {
  MAIN = 'MAIN',
  ADDITIONAL = 'ADDITIONAL',
}

registerEnumType(WorkResultKind, {
  name: 'WorkResultKind',
  description: 'Main or additional work-result plan (RHK utama / tambahan).',
  valuesConfig: {
    MAIN: { description: 'RHK utama: for staff it must support one of the appraiser’s RHK (cascading).' },
    ADDITIONAL: { description: 'RHK tambahan: extra results; cascading is optional.' },
  },
});

export enum IndicatorAspect {
  QUANTITY = 'QUANTITY',
  QUALITY = 'QUALITY',
  TIME = 'TIME',
  COST = 'COST',
}

registerEnumType(IndicatorAspect, {
  name: 'IndicatorAspect',
  description: 'What an indicator measures in the quantitative approach (aspek).',
  valuesConfig: {
    QUANTITY: { description: 'Kuantitas: how much.' },
    QUALITY: { description: 'Kualitas: how well.' },
    TIME: { description: 'Waktu: how fast or when.' },
    COST: { description: 'Biaya: at what cost.' },
  },
});

/** The balanced-scorecard perspective of a senior executive's indicator [2nd]. */
export enum Perspective {
  PENERIMA_LAYANAN = 'PENERIMA_LAYANAN',
  PROSES_BISNIS = 'PROSES_BISNIS',
  PENGUATAN_INTERNAL = 'PENGUATAN_INTERNAL',
  ANGGARAN = 'ANGGARAN',
}

registerEnumType(Perspective, {
  name: 'Perspective',
  description: 'The perspective of a JPT indicator (perspektif); required on the JPT form.',
  valuesConfig: {
    PENERIMA_LAYANAN: { description: 'Service recipients (penerima layanan).' },
    PROSES_BISNIS: { description: 'Business process (proses bisnis).' },
    PENGUATAN_INTERNAL: { description: 'Internal strengthening (penguatan internal).' },
    ANGGARAN: { description: 'Budget (anggaran).' },
  },
});
