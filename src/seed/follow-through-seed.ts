import { type EntityManager } from 'typeorm';
import { type Database } from '../core/database/database';
import { addDays, type LocalDate } from '../core/time/local-date';
import { ActivityStatus } from '../modules/activity/daily-activity.entity';
import { AppraisalStatus } from '../modules/appraisal/appraisal-enums';
import { isRate } from '../modules/evaluation/result-suggestion';
import { FeedbackTarget } from '../modules/feedback/feedback.entity';
import { Random } from './random';
import { type SeedProgress } from './seed-writer';
import { type BulkWriter, bulkTransaction } from './bulk-writer';

/** Plans read back per chunk, so a region of 100,000 never sits in memory at once. */
const APPRAISALS_PER_CHUNK = 2000;

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

const FEEDBACK = [
  'Capaian bulan ini baik; pertahankan koordinasi dengan kader posyandu.',
  'Mohon lengkapi bukti dukung dengan daftar hadir kegiatan.',
  'Target bulan ini belum tercapai; mari bahas hambatannya pada rapat minggu depan.',
  'Terima kasih, laporan rapi dan tepat waktu.',
  'Data capaian perlu diselaraskan dengan laporan aplikasi pencatatan.',
];

const ACTIVITIES = [
  'Menyusun laporan kegiatan harian dan mengunggah dokumentasi.',
  'Melaksanakan pelayanan kepada masyarakat sesuai jadwal.',
  'Mengikuti rapat koordinasi unit kerja.',
  'Melakukan kunjungan lapangan ke kampung binaan.',
  'Memperbarui data sasaran dan rekapitulasi capaian.',
  'Menyiapkan bahan dan materi kegiatan minggu berikutnya.',
];

interface IndicatorRow {
  appraisal_id: number | string;
  employee_id: number | string;
  appraiser_employee_id: number | string | null;
  indicator_id: number | string;
  target_value: number | string | null;
  target_unit: string | null;
}

/** The months of `year` reported as of `asOf`: every month before it, and its own month from the 20th. */
export function reportedMonths(year: number, asOf: LocalDate): number[] {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  if (year < y) return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  if (year > y) return [];
  return Array.from({ length: d >= 20 ? m : m - 1 }, (_, i) => i + 1);
}

/** The quarters of `year` reported as of `asOf`: those whose reporting month has come (as for months). */
export function reportedQuarters(year: number, asOf: LocalDate): number[] {
  const months = reportedMonths(year, asOf);
  return [1, 2, 3, 4].filter((q) => months.includes(q * 3));
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** A day as a UTC instant at 10:00 WIT. */
const instant = (date: LocalDate) => new Date(`${date}T01:00:00Z`);
const pad = (n: number) => String(n).padStart(2, '0');
const isWeekday = (date: LocalDate) => {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
};

/** Which plans the follow-through is written on, and how their year is reported. */
export interface FollowThroughYear {
  periodId: number;
  year: number;
  /** Sub-periods a year: 12 (months) or 4 (quarters). */
  subPeriods: 12 | 4;
  /** The last 30 days' daily log: only for a running year (the log is about today's work). */
  dailyLog: boolean;
}

/**
 * The year so far on every approved plan of a period (`docs/performance.md`, the benchmark's data): a realization
 * per indicator for each month or quarter reported as of `asOf`, with evidence; the appraiser's feedback on about
 * a third of them; for a running year, a daily log for the last 30 days, reviewed by the appraiser after three
 * days. Deterministic.
 */
export async function writeFollowThrough(
  db: Database,
  { periodId, year, subPeriods, dailyLog }: FollowThroughYear,
  asOf: LocalDate,
  onProgress?: (p: SeedProgress) => void,
): Promise<{ realizations: number; feedback: number; activities: number }> {
  const random = new Random(year * 104_729);
  const months = subPeriods === 12 ? reportedMonths(year, asOf) : reportedQuarters(year, asOf);
  const days: LocalDate[] = [];
  for (let i = dailyLog ? 29 : -1; i >= 0; i--) {
    const date = addDays(asOf, -i);
    if (isWeekday(date) && date.startsWith(String(year))) days.push(date);
  }
  const asOfInstant = instant(asOf);
  const counts = { realizations: 0, feedback: 0, activities: 0 };

  await bulkTransaction(db, async (w) => {
    const em = w.em;
    const [{ n: maxId }] = (await em.query(`SELECT MAX(id) AS n FROM appraisal`)) as Array<{
      n: number | string | null;
    }>;
    const total = Number(maxId ?? 0);
    let realizationId = await nextId(em, 'realization');
    let feedbackId = await nextId(em, 'feedback');
    let activityId = await nextId(em, 'daily_activity');
    const read = (from: number) => {
      const reading = em.query(
        `SELECT a.id AS appraisal_id, a.employee_id, a.appraiser_employee_id, i.id AS indicator_id, i.target_value, i.target_unit
           FROM appraisal a JOIN work_result_plan w ON w.appraisal_id = a.id JOIN indicator i ON i.work_result_plan_id = w.id
          WHERE a.status = ? AND a.period_id = ? AND a.id BETWEEN ? AND ? ORDER BY a.id, i.id`,
        [AppraisalStatus.APPROVED, periodId, from, from + APPRAISALS_PER_CHUNK - 1],
      ) as Promise<IndicatorRow[]>;
      // Awaited at the next chunk; should a write fail first, its rejection is not an unhandled one.
      reading.catch(() => undefined);
      return reading;
    };
    let next = read(1);
    for (let from = 1; from <= total; from += APPRAISALS_PER_CHUNK) {
      const rows = await next;
      // The next chunk's plans are read before this chunk's rows are sent, so that the database writes these
      // while the next ones are built (the statements run in the order sent).
      if (from + APPRAISALS_PER_CHUNK <= total) next = read(from + APPRAISALS_PER_CHUNK);
      const realizations: unknown[][] = [];
      const feedback: unknown[][] = [];
      const activities: unknown[][] = [];
      const byAppraisal = new Map<number, IndicatorRow[]>();
      for (const row of rows) {
        const id = Number(row.appraisal_id);
        const plan = byAppraisal.get(id);
        if (plan) plan.push(row);
        else byAppraisal.set(id, [row]);
      }
      for (const [appraisalId, indicators] of byAppraisal) {
        const employeeId = Number(indicators[0]!.employee_id);
        const appraiserId =
          indicators[0]!.appraiser_employee_id === null ? null : Number(indicators[0]!.appraiser_employee_id);
        // How well this person is doing this year: most around target, some ahead, some behind.
        const form = 0.75 + random.next() * 0.4;
        for (const indicator of indicators) {
          const target = indicator.target_value === null ? null : Number(indicator.target_value);
          for (const month of months) {
            // Reported on the 5th after the month or quarter ends.
            const lastMonth = subPeriods === 12 ? month : month * 3;
            const reportedOn: LocalDate = lastMonth === 12 ? `${year + 1}-01-05` : `${year}-${pad(lastMonth + 1)}-05`;
            const label = subPeriods === 12 ? MONTHS[month - 1]! : `Triwulan ${ROMAN[month - 1]!}`;
            const created = instant(reportedOn) > asOfInstant ? asOfInstant : instant(reportedOn);
            const value =
              target === null
                ? null
                : subPeriodValue(target, indicator.target_unit, lastMonth, subPeriods, form, random);
            realizationId += 1;
            realizations.push([
              realizationId,
              Number(indicator.indicator_id),
              appraisalId,
              month,
              value,
              target === null ? 'Terlaksana sesuai rencana.' : null,
              `Capaian ${label} ${year}.`,
              JSON.stringify([
                {
                  title: `Laporan ${label} ${year}`,
                  url: `https://portal.jayawijayakab.go.id/bukti/${appraisalId}/${indicator.indicator_id}/${month}.pdf`,
                },
              ]),
              1,
              created,
              created,
            ]);
            if (appraiserId !== null && random.chance(1 / 3)) {
              const given = new Date(
                Math.min(created.getTime() + random.int(1, 4) * 86_400_000, asOfInstant.getTime()),
              );
              const replied = random.chance(0.2);
              feedbackId += 1;
              feedback.push([
                feedbackId,
                employeeId,
                appraisalId,
                appraiserId,
                FeedbackTarget.REALIZATION,
                realizationId,
                null,
                random.pick(FEEDBACK),
                replied ? 'Baik, terima kasih atas arahannya.' : null,
                replied ? given : null,
                replied ? 2 : 1,
                given,
                given,
              ]);
            }
          }
        }
        for (const date of days) {
          const linked = random.chance(0.7) ? Number(random.pick(indicators).indicator_id) : null;
          const old = date <= addDays(asOf, -3);
          const roll = random.next();
          const status =
            !old || appraiserId === null
              ? ActivityStatus.SUBMITTED
              : roll < 0.85
                ? ActivityStatus.ACKNOWLEDGED
                : roll < 0.9
                  ? ActivityStatus.RETURNED
                  : ActivityStatus.SUBMITTED;
          const reviewed = status === ActivityStatus.SUBMITTED ? null : instant(addDays(date, 2));
          activityId += 1;
          activities.push([
            activityId,
            employeeId,
            appraisalId,
            linked,
            date,
            random.pick(ACTIVITIES),
            random.int(2, 16) * 30,
            random.chance(0.3) ? `https://portal.jayawijayakab.go.id/aktivitas/${employeeId}/${date}.jpg` : null,
            status,
            status === ActivityStatus.RETURNED ? 'Mohon lengkapi uraian dan foto kegiatan.' : null,
            reviewed ? appraiserId : null,
            reviewed,
            reviewed ? 2 : 1,
            instant(date),
            reviewed ?? instant(date),
          ]);
        }
      }
      await writeChunk(w, realizations, feedback, activities);
      counts.realizations += realizations.length;
      counts.feedback += feedback.length;
      counts.activities += activities.length;
      onProgress?.({
        phase: 'realizations, feedback and daily logs',
        done: Math.min(from + APPRAISALS_PER_CHUNK - 1, total),
        total,
      });
    }
  });
  return counts;
}

/**
 * A month's or quarter's value (`month`: its last month): a rate climbs towards its target over the year; a count
 * is its share of the year's target, more or less.
 */
function subPeriodValue(
  target: number,
  unit: string | null,
  month: number,
  subPeriods: number,
  form: number,
  random: Random,
): number {
  const noise = 0.9 + random.next() * 0.2;
  if (isRate(unit)) return Math.round(target * Math.min(1.2, form * (0.7 + (0.3 * month) / 12) * noise) * 10) / 10;
  return Math.max(0, Math.round((target / subPeriods) * form * noise));
}

async function nextId(em: EntityManager, table: string): Promise<number> {
  const [{ n }] = (await em.query(`SELECT MAX(id) AS n FROM ${em.connection.driver.escape(table)}`)) as Array<{
    n: number | string | null;
  }>;
  return Number(n ?? 0);
}

async function writeChunk(
  w: BulkWriter,
  realizations: unknown[][],
  feedback: unknown[][],
  activities: unknown[][],
): Promise<void> {
  await w.insert(
    'realization',
    [
      'id',
      'indicator_id',
      'appraisal_id',
      'sub_period',
      'value',
      'statement',
      'narrative',
      'evidence',
      'version',
      'created_at',
      'updated_at',
    ],
    realizations,
  );
  await w.insert(
    'feedback',
    [
      'id',
      'recipient_employee_id',
      'appraisal_id',
      'author_employee_id',
      'target_kind',
      'target_id',
      'core_value',
      'text',
      'reply',
      'replied_at',
      'version',
      'created_at',
      'updated_at',
    ],
    feedback,
  );
  await w.insert(
    'daily_activity',
    [
      'id',
      'employee_id',
      'appraisal_id',
      'indicator_id',
      'activity_date',
      'description',
      'duration_minutes',
      'evidence_url',
      'status',
      'review_comment',
      'reviewer_employee_id',
      'reviewed_at',
      'version',
      'created_at',
      'updated_at',
    ],
    activities,
  );
}
