import { type EntityManager } from 'typeorm';
import { AuditAction } from '../../modules/audit/audit-action';
import { Feedback } from '../../modules/feedback/feedback.entity';
import { Realization } from '../../modules/realization/realization.entity';
import { PREDIKAT_MATRIX } from '../../modules/evaluation/predikat';
import { type ExpectationRating } from '../../modules/evaluation/evaluation-enums';

/** One finding: what was checked, whether it holds, and what was seen. */
export interface InvariantCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * Narrows the checks to what one experiment wrote (the database-restart drill): only these realizations, only
 * feedback after this id. Without it, the whole database is checked.
 */
export interface InvariantScope {
  realizationIds?: number[];
  feedbackAfterId?: number;
}

type Row = Record<string, unknown>;

/**
 * What must hold in any committed state of the database, whatever was interrupted: a write and its audit row are
 * one transaction, the closure tables follow the links they are computed from, a rating's predikat is the
 * matrix's. Used after a restore (backup:verify) and after a database restart under load.
 */
export async function checkDomainInvariants(em: EntityManager, scope: InvariantScope = {}): Promise<InvariantCheck[]> {
  return [
    await realizationVersions(em, scope),
    await feedbackAudited(em, scope),
    await closureAgrees(em, 'employee_closure', 'employee', 'supervisor_id', 'supervisor links'),
    await closureAgrees(em, 'unit_closure', 'unit', 'parent_id', 'unit parent links'),
    await predikatFollowsMatrix(em),
  ];
}

const count = async (em: EntityManager, sql: string, params: unknown[] = []): Promise<number> =>
  Number(((await em.query(sql, params)) as Row[])[0]!.n);
const sample = (rows: Row[], key: string) => rows.map((r) => String(r[key])).join(', ');

/** Every realization's version is 1 + its audited corrections: an update and its audit row commit together. */
async function realizationVersions(em: EntityManager, scope: InvariantScope): Promise<InvariantCheck> {
  const name = 'every realization’s version equals 1 + its audited updates';
  if (scope.realizationIds && !scope.realizationIds.length) return { name, ok: true, detail: 'none to check' };
  const only = scope.realizationIds ? `AND r.id IN (${scope.realizationIds.map(() => '?').join(', ')})` : '';
  const from = `FROM realization r
    LEFT JOIN (SELECT entity_id, COUNT(*) AS n FROM audit_entry WHERE entity_type = ? AND action = ? GROUP BY entity_id) u ON u.entity_id = r.id
   WHERE r.version <> 1 + COALESCE(u.n, 0) ${only}`;
  const params = [Realization.typeName, AuditAction.REALIZATION_UPDATED, ...(scope.realizationIds ?? [])];
  const wrong = await count(em, `SELECT COUNT(*) AS n ${from}`, params);
  const total = await count(
    em,
    `SELECT COUNT(*) AS n FROM realization r WHERE 1 = 1 ${only}`,
    scope.realizationIds ?? [],
  );
  if (!wrong) return { name, ok: true, detail: `${total} realizations` };
  const examples = (await em.query(
    `SELECT r.id AS id, r.version AS version, COALESCE(u.n, 0) AS n ${from} ORDER BY r.id LIMIT 3`,
    params,
  )) as Row[];
  return {
    name,
    ok: false,
    detail: `${wrong} of ${total} do not, e.g. ${examples.map((e) => `realization ${String(e.id)}: version ${String(e.version)}, ${String(e.n)} audited updates`).join('; ')}`,
  };
}

/**
 * Every feedback row has its FEEDBACK_GIVEN audit row, and every such audit row its feedback. The demo seed
 * (`npm run seed`) writes feedback in bulk into an empty table and audits the seeding once (ORGANISATION_SEEDED):
 * in a seeded database, the rows before the first audited one are the seed's.
 */
async function feedbackAudited(em: EntityManager, scope: InvariantScope): Promise<InvariantCheck> {
  const name = 'every feedback row has its audit row';
  const params = [Feedback.typeName, AuditAction.FEEDBACK_GIVEN];
  let after = scope.feedbackAfterId ?? 0;
  let seededNote = '';
  if (
    scope.feedbackAfterId === undefined &&
    (await count(em, 'SELECT COUNT(*) AS n FROM audit_entry WHERE action = ?', [AuditAction.ORGANISATION_SEEDED]))
  ) {
    const [{ first }] = (await em.query(
      'SELECT MIN(entity_id) AS first FROM audit_entry WHERE entity_type = ? AND action = ?',
      params,
    )) as Array<{ first: number | string | null }>;
    after = first === null ? Number.MAX_SAFE_INTEGER : Number(first) - 1;
    const seeded = await count(em, 'SELECT COUNT(*) AS n FROM feedback WHERE id <= ?', [after]);
    seededNote = `, ${seeded} of them written in bulk by the demo seed (which audits the seeding once)`;
  }
  const missing = (await em.query(
    `SELECT f.id AS id FROM feedback f WHERE f.id > ? AND NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.entity_type = ? AND a.action = ? AND a.entity_id = f.id) ORDER BY f.id LIMIT 4`,
    [after, ...params],
  )) as Row[];
  const orphans = (await em.query(
    `SELECT a.entity_id AS id FROM audit_entry a WHERE a.entity_type = ? AND a.action = ? AND a.entity_id > ? AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.id = a.entity_id) ORDER BY a.entity_id LIMIT 4`,
    [...params, after],
  )) as Row[];
  const rows = await count(em, 'SELECT COUNT(*) AS n FROM feedback WHERE id > ?', [after]);
  const total = await count(em, 'SELECT COUNT(*) AS n FROM feedback');
  if (!missing.length && !orphans.length)
    return { name, ok: true, detail: `${total} feedback rows${seededNote}; ${rows} checked, each with its audit row` };
  const problems = [];
  if (missing.length)
    problems.push(`feedback without its audit row: ${sample(missing, 'id')}${missing.length > 3 ? ', …' : ''}`);
  if (orphans.length)
    problems.push(
      `FEEDBACK_GIVEN audit rows without their feedback: ${sample(orphans, 'id')}${orphans.length > 3 ? ', …' : ''}`,
    );
  return { name, ok: false, detail: problems.join('; ') };
}

/**
 * The closure table is exactly what the links give, without building it: every node has its own row at depth 0;
 * for every node with a parent, each of the parent's rows (a, parent, d) has its (a, node, d + 1); and there are
 * no more rows than these. By induction from the roots, the table is then the links' closure.
 */
async function closureAgrees(
  em: EntityManager,
  closure: string,
  nodes: string,
  parentColumn: string,
  links: string,
): Promise<InvariantCheck> {
  const name = `${closure} agrees with the ${links}`;
  const selfMissing = await count(
    em,
    `SELECT COUNT(*) AS n FROM ${nodes} x LEFT JOIN ${closure} c ON c.ancestor_id = x.id AND c.descendant_id = x.id AND c.depth = 0 WHERE c.ancestor_id IS NULL`,
  );
  const inheritedMissing = await count(
    em,
    `SELECT COUNT(*) AS n FROM ${nodes} x JOIN ${closure} p ON p.descendant_id = x.${parentColumn}
       LEFT JOIN ${closure} c ON c.descendant_id = x.id AND c.ancestor_id = p.ancestor_id AND c.depth = p.depth + 1
      WHERE c.ancestor_id IS NULL`,
  );
  const expected =
    (await count(em, `SELECT COUNT(*) AS n FROM ${nodes}`)) +
    (await count(em, `SELECT COUNT(*) AS n FROM ${nodes} x JOIN ${closure} p ON p.descendant_id = x.${parentColumn}`));
  const actual = await count(em, `SELECT COUNT(*) AS n FROM ${closure}`);
  if (!selfMissing && !inheritedMissing && expected === actual) return { name, ok: true, detail: `${actual} rows` };
  const problems = [];
  if (selfMissing) problems.push(`${selfMissing} ${nodes} rows without their own depth-0 row`);
  if (inheritedMissing) problems.push(`${inheritedMissing} paths missing below a parent`);
  if (expected !== actual) problems.push(`${actual} rows where the links give ${expected}`);
  return { name, ok: false, detail: problems.join('; ') };
}

/** Every rating's predikat (periodic and annual) is the matrix's for its result and behaviour ratings. */
async function predikatFollowsMatrix(em: EntityManager): Promise<InvariantCheck> {
  const name = 'every rating’s predikat follows the predikat matrix of its inputs';
  const cells = Object.entries(PREDIKAT_MATRIX).flatMap(([result, row]) =>
    Object.entries(row).map(([behavior, predikat]) => [result as ExpectationRating, behavior, predikat]),
  );
  const matches = cells.map(() => '(result_rating = ? AND behavior_rating = ? AND predikat = ?)').join(' OR ');
  const wrong = (await em.query(
    `SELECT id, result_rating AS r, behavior_rating AS b, predikat AS p FROM evaluation WHERE NOT (${matches}) ORDER BY id LIMIT 4`,
    cells.flat(),
  )) as Row[];
  const total = await count(em, 'SELECT COUNT(*) AS n FROM evaluation');
  if (!wrong.length) return { name, ok: true, detail: `${total} ratings` };
  return {
    name,
    ok: false,
    detail: `e.g. ${wrong
      .slice(0, 3)
      .map((w) => `evaluation ${String(w.id)}: ${String(w.r)} × ${String(w.b)} stored as ${String(w.p)}`)
      .join('; ')}`,
  };
}
