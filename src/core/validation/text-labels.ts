import { type Text } from '../i18n/text';

/**
 * What a checked text input is called in a message ("The name must not be empty."), in every language. Keyed by
 * the English label that call sites pass, so that a label without its translation does not compile.
 */
export const TEXT_LABELS = {
  'The name': { id: 'Nama', en: 'The name' },
  'The definition': { id: 'Definisi', en: 'The definition' },
  'The description': { id: 'Uraian', en: 'The description' },
  'The field': { id: 'Bidang', en: 'The field' },
  'The evidence': { id: 'Bukti dukung', en: 'The evidence' },
  'The note': { id: 'Catatan', en: 'The note' },
  'The comment': { id: 'Komentar', en: 'The comment' },
  'The justification': { id: 'Justifikasi', en: 'The justification' },
  'The feedback': { id: 'Umpan balik', en: 'The feedback' },
  'The reason': { id: 'Alasan', en: 'The reason' },
  'The annex text': { id: 'Teks lampiran', en: 'The annex text' },
  'The reply': { id: 'Balasan', en: 'The reply' },
  'The unit name': { id: 'Nama unit kerja', en: 'The unit name' },
  'The email': { id: 'Alamat email', en: 'The email' },
  'The statement': { id: 'Pernyataan capaian', en: 'The statement' },
  'The narrative': { id: 'Narasi', en: 'The narrative' },
  'The RHK': { id: 'Rencana hasil kerja (RHK)', en: 'The RHK' },
  'The indicator': { id: 'Indikator', en: 'The indicator' },
  'The unit': { id: 'Satuan target', en: 'The unit' },
  'The target statement': { id: 'Pernyataan target', en: 'The target statement' },
  'The expectation': { id: 'Ekspektasi', en: 'The expectation' },
  'The position title': { id: 'Nama jabatan', en: 'The position title' },
  'The title before the name': { id: 'Gelar depan', en: 'The title before the name' },
  'The title after the name': { id: 'Gelar belakang', en: 'The title after the name' },
} as const satisfies Record<string, Text>;

export type TextLabel = keyof typeof TEXT_LABELS;

/** The messages of a text input's checks. */
export const TEXT_MESSAGES = {
  empty: (label: Text): Text => ({ id: `${label.id} wajib diisi.`, en: `${label.en} must not be empty.` }),
  tooLong: (label: Text, max: number): Text => ({
    id: `${label.id} paling banyak ${max} karakter.`,
    en: `${label.en} must be at most ${max} characters.`,
  }),
};
