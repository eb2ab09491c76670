import { type RequestContext } from '../../core/context/request-context';
import { type ConnectionArgs, type Page } from '../../core/graphql/connection';
import { encodeCursor, pageWindow } from '../../core/graphql/pagination';
import { toGlobalId, idOfType } from '../../core/graphql/global-id';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { Permission } from '../../core/policy/permission';
import { AuditAction } from '../audit/audit-action';
import { recordAudit } from '../audit/audit.service';
import { type PositionKind } from '../employee/employee-enums';
import { EvaluationKind, type ExpectationRating, type Predikat } from '../evaluation/evaluation-enums';
import { Evaluation } from '../evaluation/evaluation.entity';
import { type EvaluationCadence } from '../period/period-enums';
import { PerformancePeriod } from '../period/performance-period.entity';
import { type Unit } from '../unit/unit.entity';
import { unitService } from '../unit/unit.service';
import { siasnError, SiasnProblem } from './siasn.errors';
import { coefficientOf, EXPECTATION_VALUE, QUADRANT_VALUE, spanOf, STATUS_ASN, STATUS_NON_ASN } from './siasn-mapping';
import { SiasnSync } from './siasn-sync.entity';
import { type MarkSiasnSyncedInput, type SiasnRecord } from './siasn.types';

/** Records a `markSiasnSynced` call takes at most. */
export const MAX_SYNC_RECORDS = 500;
/** Rows fetched per statement by the exports: memory stays flat however large the unit. */
const EXPORT_BATCH = 1000;
const SIASN_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The unit subtree and year an export or `siasnPending` is about, once found and checked against the HR scope. */
export interface SiasnTarget {
  unit: Unit;
  year: number;
}

/**
 * The delivered results of a year over a unit subtree that SIASN does not hold as they are: rated periodic
 * evaluations and annual ones HR has delivered, in force (an evaluation superseded on objection leaves, the one that
 * replaces it comes in), with no sync of their current version. One statement joins everything a record shows.
 */
const PENDING_FROM = `
  FROM evaluation ev
  JOIN appraisal plan ON plan.id = ev.appraisal_id
  JOIN performance_period period ON period.id = plan.period_id
  JOIN unit_closure within ON within.descendant_id = plan.unit_id AND within.ancestor_id = ?
  JOIN employee e ON e.id = plan.employee_id
  LEFT JOIN siasn_sync s ON s.evaluation_id = ev.id
 WHERE period.year = ?
   AND ev.sub_period IS NOT NULL
   AND (ev.kind = '${EvaluationKind.PERIODIC}' OR plan.delivered_at IS NOT NULL)
   AND (s.evaluation_id IS NULL OR s.evaluation_version <> ev.version)`;

const PENDING_SELECT = `
SELECT ev.id AS id, ev.version AS version, ev.kind AS kind, ev.sub_period AS sub_period,
       ev.result_rating AS result_rating, ev.behavior_rating AS behavior_rating, ev.predikat AS predikat,
       plan.position_kind AS position_kind, plan.position_title AS position_title,
       plan.start_date AS start_date, plan.end_date AS end_date,
       plan.appraiser_external_id AS appraiser_external_id, plan.appraiser_name AS appraiser_name,
       plan.appraiser_position_title AS appraiser_position_title,
       period.year AS year, period.cadence AS cadence,
       e.nip AS nip, e.siasn_id AS pns_id,
       ap.nip AS appraiser_nip, ap.grade AS appraiser_grade, apu.name AS appraiser_unit,
       s.siasn_id AS synced_id, ps.siasn_id AS replaced_id
  ${PENDING_FROM.replace(
    'LEFT JOIN siasn_sync s',
    `LEFT JOIN employee ap ON ap.id = plan.appraiser_employee_id
  LEFT JOIN unit apu ON apu.id = ap.unit_id
  LEFT JOIN evaluation prev ON prev.superseded_by_id = ev.id
  LEFT JOIN siasn_sync ps ON ps.evaluation_id = prev.id
  LEFT JOIN siasn_sync s`,
  )}`;

type Row = Record<string, unknown>;
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A row of `PENDING_SELECT` as SIASN's body (`docs/siasn.md`, The mapping). */
function recordOf(r: Row): SiasnRecord {
  const kind = r.kind as EvaluationKind;
  const year = Number(r.year);
  const span = spanOf(
    kind,
    Number(r.sub_period),
    year,
    r.cadence as EvaluationCadence,
    String(r.start_date),
    String(r.end_date),
  );
  const coefficient = coefficientOf(r.position_kind as PositionKind, String(r.position_title));
  const external = r.appraiser_external_id !== null && r.appraiser_external_id !== undefined;
  return {
    recordId: toGlobalId(Evaluation.typeName, Number(r.id)),
    version: Number(r.version),
    siasnId: text(r.synced_id) ?? text(r.replaced_id),
    kind,
    nip: String(r.nip),
    pnsDinilaiId: text(r.pns_id),
    tahun: year,
    bulanMulaiPenilaian: span.startMonth,
    bulanSelesaiPenilaian: span.endMonth,
    tahunMulaiPenilaian: span.startYear,
    tahunSelesaiPenilaian: span.endYear,
    periodikId: span.periodikId,
    hasilKinerjaNilai: EXPECTATION_VALUE[r.result_rating as ExpectationRating],
    perilakuKerjaNilai: EXPECTATION_VALUE[r.behavior_rating as ExpectationRating],
    kuadranKinerjaNilai: QUADRANT_VALUE[r.predikat as Predikat],
    koefisienId: coefficient?.code ?? null,
    koefisien: coefficient?.coefficient ?? null,
    penilaiNama: text(r.appraiser_name),
    penilaiNipNrp: external ? null : text(r.appraiser_nip),
    penilaiGolongan: external ? null : text(r.appraiser_grade),
    penilaiJabatanNama: text(r.appraiser_position_title),
    penilaiUnorNama: external ? null : text(r.appraiser_unit),
    statusPenilai: external ? STATUS_NON_ASN : STATUS_ASN,
  };
}

/** What SIASN needs of our results, and what it already holds (`docs/siasn.md`). HR admins in scope only. */
export class SiasnService {
  /**
   * The unit (by code) and the year, or why not: NOT_FOUND for an unknown unit or year, OUT_OF_SCOPE for a unit
   * outside the caller's HR scope. The caller is an HR admin (the operation's guard).
   */
  async target(ctx: RequestContext, unitCode: string, year: number): Promise<SiasnTarget | SiasnProblem> {
    const unit = await unitService.getByCode(ctx, unitCode);
    const period = await ctx.em.getRepository(PerformancePeriod).findOne({ select: { rowId: true }, where: { year } });
    if (!unit || !period) return SiasnProblem.NOT_FOUND;
    if (!(await ctx.policy.can(Permission.ADMINISTER_UNIT, unit.rowId))) return SiasnProblem.OUT_OF_SCOPE;
    return { unit, year };
  }

  /** A page of the pending records, by evaluation id; one statement, however large the page. */
  async pending(ctx: RequestContext, target: SiasnTarget, args: ConnectionArgs): Promise<Page<SiasnRecord>> {
    const window = pageWindow({ first: args.first, after: args.after });
    const after = window.after?.[1] ?? 0;
    const rows: Row[] = await ctx.em.query(`${PENDING_SELECT} AND ev.id > ? ORDER BY ev.id LIMIT ${window.limit + 1}`, [
      target.unit.rowId,
      target.year,
      after,
    ]);
    const more = rows.length > window.limit;
    const edges = rows
      .slice(0, window.limit)
      .map((r) => ({ cursor: encodeCursor(0, Number(r.id)), node: recordOf(r) }));
    return {
      edges,
      pageInfo: {
        hasNextPage: more,
        hasPreviousPage: after > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: async () => {
        const [row] = (await ctx.em.query(`SELECT COUNT(*) AS n ${PENDING_FROM}`, [
          target.unit.rowId,
          target.year,
        ])) as Row[];
        return Number(row?.n ?? 0);
      },
    };
  }

  /** Every pending record, a batch at a time (keyset on the evaluation id), for the exports. */
  async *allPending(ctx: RequestContext, target: SiasnTarget): AsyncGenerator<SiasnRecord> {
    let after = 0;
    for (;;) {
      const rows: Row[] = await ctx.em.query(`${PENDING_SELECT} AND ev.id > ? ORDER BY ev.id LIMIT ${EXPORT_BATCH}`, [
        target.unit.rowId,
        target.year,
        after,
      ]);
      for (const r of rows) yield recordOf(r);
      if (rows.length < EXPORT_BATCH) return;
      after = Number(rows[rows.length - 1]!.id);
    }
  }

  /**
   * The delivered results among `ids` (periodic, or annual and delivered; superseded ones too, a portal may report
   * them late), with their sync, and whether the caller's HR scope covers each one's unit. One statement, and one
   * batch of the scope loader.
   */
  private async records(
    tx: RequestContext,
    ids: number[],
  ): Promise<{ byId: Map<number, Row>; allowed: Map<number, boolean> }> {
    const found: Row[] = ids.length
      ? await tx.em.query(
          `SELECT ev.id AS id, ev.version AS version, plan.unit_id AS unit_id, s.siasn_id AS synced_id,
                  s.evaluation_version AS synced_version
             FROM evaluation ev
             JOIN appraisal plan ON plan.id = ev.appraisal_id
             LEFT JOIN siasn_sync s ON s.evaluation_id = ev.id
            WHERE ev.id IN (${ids.map(() => '?').join(', ')})
              AND (ev.kind = '${EvaluationKind.PERIODIC}' OR plan.delivered_at IS NOT NULL)`,
          ids,
        )
      : [];
    const allowed = await Promise.all(
      found.map(
        async (r) => [Number(r.id), await tx.policy.can(Permission.ADMINISTER_UNIT, Number(r.unit_id))] as const,
      ),
    );
    return { byId: new Map(found.map((r) => [Number(r.id), r])), allowed: new Map(allowed) };
  }

  /**
   * Records that SIASN accepted, with its ids. All or nothing: every unknown record (NOT_FOUND), record outside the
   * caller's scope (OUT_OF_SCOPE) and bad id or version (INVALID) is reported, and then nothing is written.
   * Marking again what is marked changes nothing; an older version than the one marked is kept out.
   */
  async markSynced(tx: RequestContext, input: MarkSiasnSyncedInput): Promise<{ marked: number }> {
    const errors = new UserErrorList();
    if (input.records.length > MAX_SYNC_RECORDS)
      throw new UserErrorsException([siasnError(SiasnProblem.TOO_MANY, ['input', 'records'])]);
    const ids = input.records.map((r) => idOfType(r.recordId, Evaluation.typeName));
    const { byId, allowed } = await this.records(
      tx,
      ids.filter((id): id is number => id !== null),
    );
    const now = tx.now();
    // The last word per evaluation in this call, and whether a sync row exists for it already.
    const latest = new Map<number, { sync: SiasnSync; stored: boolean }>();
    input.records.forEach((item, i) => {
      const path = (field: string) => ['input', 'records', String(i), field];
      const id = ids[i] ?? null;
      const row = id === null ? undefined : byId.get(id);
      if (id === null || !row) return errors.addError(siasnError(SiasnProblem.NOT_FOUND, path('recordId')));
      if (!allowed.get(id)) return errors.addError(siasnError(SiasnProblem.OUT_OF_SCOPE, path('recordId')));
      const siasnId = item.siasnId.trim();
      if (!SIASN_ID.test(siasnId)) return errors.addError(siasnError(SiasnProblem.SIASN_ID_INVALID, path('siasnId')));
      const current = Number(row.version);
      const version = item.version ?? current;
      if (!Number.isSafeInteger(version) || version < 1 || version > current)
        return errors.addError(siasnError(SiasnProblem.VERSION_INVALID, path('version')));
      const earlier = latest.get(id)?.sync;
      const storedVersion =
        earlier?.evaluationVersion ?? (row.synced_version == null ? null : Number(row.synced_version));
      const storedId = earlier?.siasnId ?? text(row.synced_id);
      // A later version is marked already, or this one under the same id: nothing to write.
      if (storedVersion !== null && (storedVersion > version || (storedVersion === version && storedId === siasnId)))
        return;
      const sync = Object.assign(new SiasnSync(), {
        evaluationId: id,
        siasnId,
        evaluationVersion: version,
        syncedAt: now,
        syncedBySubject: tx.actor.subject,
      });
      latest.set(id, { sync, stored: row.synced_version != null });
    });
    errors.throwIfAny();
    const inserts = [...latest.values()].filter((w) => !w.stored).map((w) => w.sync);
    if (inserts.length) await tx.em.getRepository(SiasnSync).insert(inserts);
    for (const { sync, stored } of latest.values()) {
      if (!stored) continue;
      const { siasnId, evaluationVersion, syncedAt, syncedBySubject } = sync;
      // Only forward: a concurrent call that marked a later version meanwhile keeps it.
      await tx.em
        .createQueryBuilder()
        .update(SiasnSync)
        .set({ siasnId, evaluationVersion, syncedAt, syncedBySubject })
        .where('evaluation_id = :id AND evaluation_version <= :version', {
          id: sync.evaluationId,
          version: evaluationVersion,
        })
        .execute();
    }
    const written = [...latest.values()].map((w) => w.sync);
    await recordAudit(
      tx,
      written.map((s) => ({
        action: AuditAction.SIASN_SYNCED,
        entityType: Evaluation.typeName,
        entityId: s.evaluationId,
        after: { siasnId: s.siasnId, evaluationVersion: s.evaluationVersion },
      })),
    );
    return { marked: input.records.length };
  }
}

export const siasnService = new SiasnService();
