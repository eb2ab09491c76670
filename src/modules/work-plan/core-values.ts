import { registerEnumType } from 'type-graphql';

/** The seven BerAKHLAK core values of the civil service (`docs/domain.md`). */
export enum CoreValue {
  BERORIENTASI_PELAYANAN = 'BERORIENTASI_PELAYANAN',
  AKUNTABEL = 'AKUNTABEL',
  KOMPETEN = 'KOMPETEN',
  HARMONIS = 'HARMONIS',
  LOYAL = 'LOYAL',
  ADAPTIF = 'ADAPTIF',
  KOLABORATIF = 'KOLABORATIF',
}

export interface CoreValueDefinition {
  value: CoreValue;
  label: string;
  guides: readonly string[];
}

/** Each value with its name and its three behaviour guides (panduan perilaku), in the order of the form. */
export const CORE_VALUES: readonly CoreValueDefinition[] = [
  {
    value: CoreValue.BERORIENTASI_PELAYANAN,
    label: 'Berorientasi Pelayanan',
    guides: [
      'Memahami dan memenuhi kebutuhan masyarakat',
      'Ramah, cekatan, solutif, dan dapat diandalkan',
      'Melakukan perbaikan tiada henti',
    ],
  },
  {
    value: CoreValue.AKUNTABEL,
    label: 'Akuntabel',
    guides: [
      'Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi',
      'Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien',
      'Tidak menyalahgunakan kewenangan jabatan',
    ],
  },
  {
    value: CoreValue.KOMPETEN,
    label: 'Kompeten',
    guides: [
      'Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah',
      'Membantu orang lain belajar',
      'Melaksanakan tugas dengan kualitas terbaik',
    ],
  },
  {
    value: CoreValue.HARMONIS,
    label: 'Harmonis',
    guides: [
      'Menghargai setiap orang apa pun latar belakangnya',
      'Suka menolong orang lain',
      'Membangun lingkungan kerja yang kondusif',
    ],
  },
  {
    value: CoreValue.LOYAL,
    label: 'Loyal',
    guides: [
      'Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia kepada NKRI serta pemerintahan yang sah',
      'Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara',
      'Menjaga rahasia jabatan dan negara',
    ],
  },
  {
    value: CoreValue.ADAPTIF,
    label: 'Adaptif',
    guides: [
      'Cepat menyesuaikan diri menghadapi perubahan',
      'Terus berinovasi dan mengembangkan kreativitas',
      'Bertindak proaktif',
    ],
  },
  {
    value: CoreValue.KOLABORATIF,
    label: 'Kolaboratif',
    guides: [
      'Memberi kesempatan kepada berbagai pihak untuk berkontribusi',
      'Terbuka dalam bekerja sama untuk menghasilkan nilai tambah',
      'Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama',
    ],
  },
];

registerEnumType(CoreValue, {
  name: 'CoreValue',
  description: 'The seven BerAKHLAK core values of the civil service (nilai dasar ASN).',
  valuesConfig: Object.fromEntries(
    CORE_VALUES.map((v) => [v.value, { description: `${v.label}: ${v.guides.join('; ')}.` }]),
  ),
});
