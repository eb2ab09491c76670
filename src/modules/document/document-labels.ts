import { type LocalDate } from '../../core/time/local-date';
import { AppraisalStatus, PlanApproach } from '../appraisal/appraisal-enums';
import { ExpectationRating, OrganisationRating, Predikat } from '../evaluation/evaluation-enums';
import { ObjectionStatus } from '../evaluation/objection.entity';
import { EvaluationCadence } from '../period/period-enums';
import { IndicatorAspect, Perspective } from '../work-plan/work-plan-enums';

/** The Indonesian wording the official forms use for the system's enums, dates and numbers. */

export const RATING_LABEL: Readonly<Record<ExpectationRating, string>> = {
  [ExpectationRating.DI_ATAS_EKSPEKTASI]: 'Di Atas Ekspektasi',
  [ExpectationRating.SESUAI_EKSPEKTASI]: 'Sesuai Ekspektasi',
  [ExpectationRating.DI_BAWAH_EKSPEKTASI]: 'Di Bawah Ekspektasi',
};

export const PREDIKAT_LABEL: Readonly<Record<Predikat, string>> = {
  [Predikat.SANGAT_BAIK]: 'Sangat Baik',
  [Predikat.BAIK]: 'Baik',
  [Predikat.BUTUH_PERBAIKAN]: 'Butuh Perbaikan',
  [Predikat.KURANG_MISCONDUCT]: 'Kurang/Misconduct',
  [Predikat.SANGAT_KURANG]: 'Sangat Kurang',
};

export const ORGANISATION_RATING_LABEL: Readonly<Record<OrganisationRating, string>> = {
  [OrganisationRating.ISTIMEWA]: 'Istimewa',
  [OrganisationRating.BAIK]: 'Baik',
  [OrganisationRating.BUTUH_PERBAIKAN]: 'Butuh Perbaikan',
  [OrganisationRating.KURANG]: 'Kurang',
  [OrganisationRating.SANGAT_KURANG]: 'Sangat Kurang',
};

export const ASPECT_LABEL: Readonly<Record<IndicatorAspect, string>> = {
  [IndicatorAspect.QUANTITY]: 'Kuantitas',
  [IndicatorAspect.QUALITY]: 'Kualitas',
  [IndicatorAspect.TIME]: 'Waktu',
  [IndicatorAspect.COST]: 'Biaya',
};

export const PERSPECTIVE_LABEL: Readonly<Record<Perspective, string>> = {
  [Perspective.PENERIMA_LAYANAN]: 'Penerima Layanan',
  [Perspective.PROSES_BISNIS]: 'Proses Bisnis',
  [Perspective.PENGUATAN_INTERNAL]: 'Penguatan Internal',
  [Perspective.ANGGARAN]: 'Anggaran',
};

export const APPROACH_LABEL: Readonly<Record<PlanApproach, string>> = {
  [PlanApproach.QUANTITATIVE]: 'Kuantitatif',
  [PlanApproach.QUALITATIVE]: 'Kualitatif',
};

export const STATUS_LABEL: Readonly<Record<AppraisalStatus, string>> = {
  [AppraisalStatus.DRAFT]: 'Konsep',
  [AppraisalStatus.SUBMITTED]: 'Diajukan',
  [AppraisalStatus.RETURNED]: 'Dikembalikan',
  [AppraisalStatus.APPROVED]: 'Disetujui',
  [AppraisalStatus.REVISING]: 'Dalam revisi',
  [AppraisalStatus.EVALUATED]: 'Dinilai (belum final)',
  [AppraisalStatus.FINAL]: 'Final',
  [AppraisalStatus.CLOSED]: 'Ditutup',
};

export const OBJECTION_STATUS_LABEL: Readonly<Record<ObjectionStatus, string>> = {
  [ObjectionStatus.PENDING]: 'Diajukan, menunggu keputusan atasan pejabat penilai kinerja',
  [ObjectionStatus.ACCEPTED]: 'Diterima: rating diubah (final)',
  [ObjectionStatus.REJECTED]: 'Ditolak (final)',
};

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const QUARTERS = ['I', 'II', 'III', 'IV'];

/** "2027-01-05" → "5 Januari 2027". */
export function formatDate(date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1] ?? ''} ${y}`;
}

/** The name of a month (1–12) or quarter (1–4) of the year: "Februari", "Triwulan II". */
export function subPeriodLabel(cadence: EvaluationCadence, index: number): string {
  return cadence === EvaluationCadence.QUARTERLY
    ? `Triwulan ${QUARTERS[index - 1] ?? index}`
    : (MONTHS[index - 1] ?? String(index));
}

const NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 4 });

/** Indonesian number style: "88,5", "1.200". */
export function formatNumber(value: number): string {
  return NUMBER.format(value);
}

/** Pangkat of a PNS golongan/ruang, e.g. "III/b" → "Penata Muda Tingkat I"; undefined for PPPK grades. */
const PANGKAT: Readonly<Record<string, string>> = {
  'I/a': 'Juru Muda',
  'I/b': 'Juru Muda Tingkat I',
  'I/c': 'Juru',
  'I/d': 'Juru Tingkat I',
  'II/a': 'Pengatur Muda',
  'II/b': 'Pengatur Muda Tingkat I',
  'II/c': 'Pengatur',
  'II/d': 'Pengatur Tingkat I',
  'III/a': 'Penata Muda',
  'III/b': 'Penata Muda Tingkat I',
  'III/c': 'Penata',
  'III/d': 'Penata Tingkat I',
  'IV/a': 'Pembina',
  'IV/b': 'Pembina Tingkat I',
  'IV/c': 'Pembina Utama Muda',
  'IV/d': 'Pembina Utama Madya',
  'IV/e': 'Pembina Utama',
};

/** "Penata Muda Tingkat I, III/b" for a PNS; the grade alone for PPPK ("IX"). */
export function pangkatGolongan(grade: string): string {
  const pangkat = PANGKAT[grade];
  return pangkat ? `${pangkat}, ${grade}` : grade;
}
