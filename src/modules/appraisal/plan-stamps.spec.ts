import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Every write of a plan's content or progress goes through `changePlanContent` / `changePlanProgress`
 * (`plan-stamps.ts`): a write of these tables anywhere else would leave readers serving what they kept at the old
 * stamp. Checked on the source: each such write must sit inside one of those calls. The seed and a restore
 * write whole databases behind the service's back and are left out. Unseen: `em.save(instance)` and
 * `em.remove(instance)` (which table is a matter of types); the code base writes through repositories instead.
 */
const TABLES = new Map([
  ['WorkResultPlan', 'work_result_plan'],
  ['Indicator', 'indicator'],
  ['Realization', 'realization'],
  ['Feedback', 'feedback'],
]);
const WRITES = new Set([
  'insert',
  'update',
  'delete',
  'save',
  'remove',
  'softDelete',
  'upsert',
  'increment',
  'decrement',
]);
const RAW_WRITE = new RegExp(
  `\\b(insert\\s+(?:ignore\\s+)?into|replace\\s+into|update(?:\\s+ignore)?|delete\\s+(?:\\w+\\s+)?from)\\s+[\`"]?(${[...TABLES.values()].join('|')})\\b`,
  'i',
);
/** What a repository of these tables may do outside the wrappers: read, or build an entity in memory. */
const READS = new Set([
  'find',
  'findBy',
  'findOne',
  'findOneBy',
  'findOneByOrFail',
  'count',
  'countBy',
  'exists',
  'existsBy',
  'create',
  'createQueryBuilder',
  'metadata',
]);
const WRAPPERS = new Set(['changePlanContent', 'changePlanProgress']);
const ROOT = path.join(__dirname, '../../');
const EXEMPT = [/^seed\//, /^backup\//, /\.spec\.ts$/];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const isEntity = (node: ts.Node | undefined) => node !== undefined && ts.isIdentifier(node) && TABLES.has(node.text);

/**
 * Whether `node` writes one of the tables: through a repository (any use of `getRepository(E)` but a read counts,
 * so a repository kept in a variable cannot write unseen), the entity manager (`em.delete(E, …)`),
 * `updateVersioned`, the query builder (`.into(E)`, `.update(E)`, `.delete().from(E)`), or raw SQL.
 */
function isTableWrite(node: ts.Node): boolean {
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) return RAW_WRITE.test(node.getText());
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === 'updateVersioned' && isEntity(node.arguments[1]);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  if (method === 'getRepository') {
    if (!isEntity(node.arguments[0])) return false;
    const use = node.parent;
    return !(ts.isPropertyAccessExpression(use) && use.expression === node && READS.has(use.name.text));
  }
  if (WRITES.has(method) && isEntity(node.arguments[0])) return true;
  // A repository's query builder turned to writing: `getRepository(E).createQueryBuilder().delete()`.
  if (node.arguments.length === 0 && QB_WRITES.has(method) && chainHasRepositoryOf(callee.expression)) return true;
  if (method === 'into' || method === 'update') return isEntity(node.arguments[0]);
  const target = callee.expression;
  const afterDelete =
    ts.isCallExpression(target) &&
    ts.isPropertyAccessExpression(target.expression) &&
    target.expression.name.text === 'delete';
  return method === 'from' && afterDelete && isEntity(node.arguments[0]);
}

const QB_WRITES = new Set(['insert', 'update', 'delete', 'softDelete']);

function chainHasRepositoryOf(node: ts.Node): boolean {
  for (let n: ts.Node = node; ;) {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'getRepository')
        return isEntity(n.arguments[0]);
      n = callee;
    } else if (ts.isPropertyAccessExpression(n)) n = n.expression;
    else return false;
  }
}

function insideWrapper(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent)
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && WRAPPERS.has(n.expression.text)) return true;
  return false;
}

describe('plan content and progress are written through plan-stamps.ts alone', () => {
  const writes: Array<{ at: string; wrapped: boolean }> = [];
  for (const file of sources(ROOT)) {
    const relative = path.relative(ROOT, file);
    if (EXEMPT.some((pattern) => pattern.test(relative))) continue;
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (isTableWrite(node))
        writes.push({
          at: `${relative}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`,
          wrapped: insideWrapper(node),
        });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  it('finds the writers (the check reads the code it means to)', () => {
    const files = new Set(writes.map((w) => w.at.split(':')[0]));
    expect(writes.length).toBeGreaterThanOrEqual(13);
    expect([...files].sort()).toEqual([
      'modules/feedback/feedback.service.ts',
      'modules/realization/realization.service.ts',
      'modules/work-plan/work-plan.service.ts',
    ]);
  });

  it('sees each way of writing one of these tables, and no read', () => {
    const sample = [
      'const repo = em.getRepository(Feedback); repo.delete({ id: 1 });',
      'em.delete(Realization, { id: 1 });',
      'em.getRepository(Indicator).save(row);',
      'em.createQueryBuilder().delete().from(Realization).execute();',
      'em.getRepository(Feedback).createQueryBuilder().update().set({ text: "x" }).execute();',
      'em.createQueryBuilder().insert().into(WorkResultPlan).values(rows).execute();',
      'updateVersioned(em, Realization, 1, 2, {});',
      'em.query("INSERT IGNORE INTO feedback (id) VALUES (1)");',
      'em.query("REPLACE INTO realization (id) VALUES (1)");',
      'em.query("DELETE r FROM realization r WHERE r.id = 1");',
      'em.query("UPDATE indicator SET text = ?", ["x"]);',
    ];
    const reads = [
      'em.getRepository(Feedback).findBy({ id: 1 });',
      'em.getRepository(Realization).createQueryBuilder("r").where("r.id = 1").getMany();',
      'em.createQueryBuilder().select("f.id").from(Feedback, "f").getRawMany();',
      'em.query("SELECT * FROM feedback WHERE id = 1");',
    ];
    const flagged = (line: string) => {
      const file = ts.createSourceFile('sample.ts', line, ts.ScriptTarget.Latest, true);
      let found = false;
      const visit = (node: ts.Node) => {
        found ||= isTableWrite(node);
        ts.forEachChild(node, visit);
      };
      visit(file);
      return found;
    };
    expect(sample.filter((line) => !flagged(line))).toEqual([]);
    expect(reads.filter(flagged)).toEqual([]);
  });

  it('each write of RHK, indicators, realizations or feedback sits inside changePlanContent or changePlanProgress', () => {
    expect(writes.filter((w) => !w.wrapped).map((w) => w.at)).toEqual([]);
  });
});
