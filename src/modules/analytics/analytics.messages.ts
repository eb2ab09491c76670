import { type Text } from '../../core/i18n/text';

/** The texts a person reads from the analytics query and its file exports, in every language (`Text`). */
export const analyticsMessages = {
  unitChoice: {
    id: 'Sebutkan unit kerja dengan `unitId` (id global) atau dengan `unitCode`, salah satu saja.',
    en: 'Give the unit either by `unitId` (a global id) or by `unitCode`, exactly one of them.',
  },
  periodChoice: {
    id: 'Sebutkan periode dengan `periodId` (id global) atau dengan `year`, salah satu saja.',
    en: 'Give the period either by `periodId` (a global id) or by `year`, exactly one of them.',
  },
  year: { id: '`year` berupa bilangan bulat seperti 2027.', en: '`year` is a whole number such as 2027.' },
  includeSubunits: {
    id: '`includeSubunits` bernilai true atau false.',
    en: '`includeSubunits` is true or false.',
  },
  breakdown: {
    id: '`breakdown` bernilai UNIT, POSITION_KIND atau GRADE.',
    en: '`breakdown` is UNIT, POSITION_KIND or GRADE.',
  },
  format: {
    id: '`format` bernilai csv atau xlsx, dan sesuai dengan ekstensi nama berkas bila keduanya diberikan.',
    en: '`format` is csv or xlsx, and agrees with the file name’s extension when both are given.',
  },
  separator: {
    id: '`separator` bernilai comma atau semicolon (hanya untuk CSV).',
    en: '`separator` is comma or semicolon (CSV only).',
  },
  bom: { id: '`bom` bernilai true atau false (hanya untuk CSV).', en: '`bom` is true or false (CSV only).' },
  unknownExport: {
    id: 'Ekspor yang tersedia: distribution, completion, achievement dan responsiveness, masing-masing sebagai .csv atau .xlsx (`format=`).',
    en: 'Exports: distribution, completion, achievement and responsiveness, each as .csv or .xlsx (`format=`).',
  },
  noAnalytics: {
    id: 'Tidak ada unit kerja atau periode yang analitiknya boleh Anda lihat dengan id tersebut.',
    en: 'No such unit or period that you may see analytics of.',
  },
  noResults: {
    id: 'Tidak ada unit kerja atau periode yang hasil penilaiannya boleh Anda lihat dengan id tersebut.',
    en: 'No such unit or period that you may see results of.',
  },
  aggregatesOnly: {
    id: 'Analis hanya mendapat data agregat: gunakan ekspor analitik.',
    en: 'Analysts get aggregates only: use the analytics exports.',
  },
  yearRange: {
    id: 'Rentang tahun paling banyak sepuluh tahun, dari `fromYear` sampai `toYear`.',
    en: 'Ask for a range of at most ten years, from before to.',
  },
} satisfies Record<string, Text>;
