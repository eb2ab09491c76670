import { type MigrationInterface, type QueryRunner, TableColumn, TableForeignKey } from 'typeorm';

/** Credit-point percentages by predikat, as `predikat.ts` has them today (a migration keeps its own copy). */
const PREDIKAT_PERCENT: Readonly<Record<string, number>> = {
  SANGAT_BAIK: 150,
  BAIK: 100,
  BUTUH_PERBAIKAN: 75,
  KURANG_MISCONDUCT: 50,
  SANGAT_KURANG: 25,
};

/** An ISO instant as both databases take a UTC datetime parameter (better-sqlite3 binds no Date). */
const sqlInstant = (iso: string): string => new Date(iso).toISOString().replace('T', ' ').replace('Z', '');

/** The column as the database describes it, nullability alone changed (a new definition would drop and re-add it on MariaDB, under its index). */
async function setSubPeriodNullable(queryRunner: QueryRunner, nullable: boolean): Promise<void> {
  const table = (await queryRunner.getTable('evaluation'))!;
  const column = table.findColumnByName('sub_period')!;
  const changed = column.clone();
  changed.isNullable = nullable;
  await queryRunner.changeColumn(table, column, changed);
}

interface AcceptedRow {
  objection_id: number | string;
  evaluation_id: number | string;
  original_result_rating: string;
  original_behavior_rating: string;
  original_predikat: string;
  decision_reason: string | null;
  decided_at: Date | string;
}

/** What the appraiser's evaluation was before the decision overwrote it, from that change's audit entry. */
interface RatedBefore {
  resultRating?: string;
  behaviorRating?: string;
  predikat?: string;
  creditPoints?: number | string | null;
  ratedByEmployeeId?: number | null;
  ratedBySubject?: string;
  ratedAt?: string;
}

/**
 * An accepted objection no longer overwrites the appraiser's annual evaluation: it stays as it was, superseded
 * (`superseded_by_id`, its `sub_period` NULL so that it leaves the plan's annual slot), and the decided rating is
 * a new evaluation in that slot that names its objection (`objection_id`) and carries the decider's reason.
 *
 * Existing accepted objections are split the same way: the row that was overwritten becomes the decided
 * evaluation's copy, and the original gets back the ratings the objection kept, with who rated it and when from the
 * audit entry of the overwrite (left as they are when that entry is missing). Its per-value feedback stays with it.
 */
export class EvaluationSupersededOnObjection1764400000000 implements MigrationInterface {
  name = 'EvaluationSupersededOnObjection1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await setSubPeriodNullable(queryRunner, true);
    await queryRunner.addColumns('evaluation', [
      new TableColumn({ name: 'superseded_by_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'objection_id', type: 'integer', isNullable: true }),
    ]);
    await queryRunner.createForeignKeys('evaluation', [
      new TableForeignKey({
        name: 'FK_evaluation_superseded_by',
        columnNames: ['superseded_by_id'],
        referencedTableName: 'evaluation',
        referencedColumnNames: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'NO ACTION',
      }),
      new TableForeignKey({
        name: 'FK_evaluation_objection',
        columnNames: ['objection_id'],
        referencedTableName: 'objection',
        referencedColumnNames: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'NO ACTION',
      }),
    ]);
    await this.splitAcceptedObjections(queryRunner);
  }

  /**
   * On SQLite with data, revert outside a transaction (`undoLastMigration({ transaction: 'none' })`): TypeORM turns
   * foreign keys off for a revert only after opening one, where the pragma does nothing, and the rebuilt table's
   * per-value feedback would go with the old one.
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    // The decided rating goes back over the original, as before (the original's values stay in the objection and the audit).
    const pairs: Array<{ original: number | string; decided: number | string }> = await queryRunner.query(
      'SELECT o.id AS original, d.id AS decided FROM evaluation o JOIN evaluation d ON d.id = o.superseded_by_id',
    );
    for (const { original, decided } of pairs) {
      await queryRunner.query('DELETE FROM evaluation_behavior WHERE evaluation_id = ?', [decided]);
      const [row] = (await queryRunner.query('SELECT * FROM evaluation WHERE id = ?', [decided])) as Array<
        Record<string, unknown>
      >;
      await queryRunner.query('DELETE FROM evaluation WHERE id = ?', [decided]);
      await queryRunner.query(
        `UPDATE evaluation SET sub_period = 0, superseded_by_id = NULL, result_rating = ?, behavior_rating = ?, predikat = ?, credit_points = ?,
           rated_by_employee_id = ?, rated_by_subject = ?, rated_at = ?, version = version + 1, updated_at = ? WHERE id = ?`,
        [
          row!.result_rating,
          row!.behavior_rating,
          row!.predikat,
          row!.credit_points,
          row!.rated_by_employee_id,
          row!.rated_by_subject,
          row!.rated_at,
          row!.updated_at,
          original,
        ],
      );
    }
    await queryRunner.query('DELETE FROM evaluation WHERE sub_period IS NULL');
    await queryRunner.dropForeignKey('evaluation', 'FK_evaluation_objection');
    await queryRunner.dropForeignKey('evaluation', 'FK_evaluation_superseded_by');
    await queryRunner.dropColumns('evaluation', ['objection_id', 'superseded_by_id']);
    await setSubPeriodNullable(queryRunner, false);
  }

  private async splitAcceptedObjections(queryRunner: QueryRunner): Promise<void> {
    const accepted: AcceptedRow[] = await queryRunner.query(
      `SELECT o.id AS objection_id, e.id AS evaluation_id, o.original_result_rating, o.original_behavior_rating, o.original_predikat, o.decision_reason, o.decided_at
         FROM objection o JOIN evaluation e ON e.appraisal_id = o.appraisal_id AND e.kind = 'ANNUAL' AND e.sub_period = 0
        WHERE o.status = 'ACCEPTED'
        ORDER BY o.id`,
    );
    for (const a of accepted) {
      const [current] = (await queryRunner.query('SELECT * FROM evaluation WHERE id = ?', [a.evaluation_id])) as Array<
        Record<string, unknown>
      >;
      const before = await this.ratedBefore(queryRunner, a);
      // The original leaves the slot first, so that the decided copy can take it.
      await queryRunner.query('UPDATE evaluation SET sub_period = NULL WHERE id = ?', [a.evaluation_id]);
      await queryRunner.query(
        `INSERT INTO evaluation (appraisal_id, kind, sub_period, result_rating, result_justification, suggested_result_rating, unit_rating, behavior_rating,
           predikat, credit_points, rated_by_employee_id, rated_by_subject, rated_at, objection_id, version, created_at, updated_at)
         VALUES (?, 'ANNUAL', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        [
          current!.appraisal_id,
          current!.result_rating,
          a.decision_reason,
          current!.suggested_result_rating,
          current!.unit_rating,
          current!.behavior_rating,
          current!.predikat,
          current!.credit_points,
          current!.rated_by_employee_id,
          current!.rated_by_subject,
          current!.rated_at,
          a.objection_id,
          a.decided_at,
          current!.updated_at,
        ],
      );
      const [{ id: decidedId }] = (await queryRunner.query(
        "SELECT id FROM evaluation WHERE appraisal_id = ? AND kind = 'ANNUAL' AND sub_period = 0",
        [current!.appraisal_id],
      )) as Array<{
        id: number | string;
      }>;
      const decidedPercent = PREDIKAT_PERCENT[String(current!.predikat)];
      const decidedPoints = current!.credit_points === null ? null : Number(current!.credit_points);
      const originalPoints =
        before.creditPoints !== undefined
          ? before.creditPoints
          : decidedPoints === null || !decidedPercent
            ? decidedPoints
            : (decidedPoints * PREDIKAT_PERCENT[a.original_predikat]!) / decidedPercent;
      await queryRunner.query(
        `UPDATE evaluation SET superseded_by_id = ?, result_rating = ?, behavior_rating = ?, predikat = ?, credit_points = ?,
           rated_by_employee_id = ?, rated_by_subject = ?, rated_at = ?, version = version + 1 WHERE id = ?`,
        [
          decidedId,
          a.original_result_rating,
          a.original_behavior_rating,
          a.original_predikat,
          originalPoints,
          before.ratedByEmployeeId !== undefined ? before.ratedByEmployeeId : current!.rated_by_employee_id,
          before.ratedBySubject ?? current!.rated_by_subject,
          before.ratedAt ? sqlInstant(before.ratedAt) : current!.rated_at,
          a.evaluation_id,
        ],
      );
    }
  }

  /** The `before` of the audit entry that recorded the overwrite (its `after` names the objection), if kept. */
  private async ratedBefore(queryRunner: QueryRunner, a: AcceptedRow): Promise<RatedBefore> {
    // SELECT *: `before` is a reserved word on MariaDB.
    const entries: Array<{ before: string | null; after: string | null }> = await queryRunner.query(
      "SELECT * FROM audit_entry WHERE entity_type = 'Evaluation' AND entity_id = ? AND action = 'EVALUATION_RECORDED' ORDER BY id DESC",
      [a.evaluation_id],
    );
    for (const entry of entries) {
      const after = entry.after ? (JSON.parse(entry.after) as { byObjection?: number }) : {};
      if (Number(after.byObjection) === Number(a.objection_id) && entry.before)
        return JSON.parse(entry.before) as RatedBefore;
    }
    return {};
  }
}
