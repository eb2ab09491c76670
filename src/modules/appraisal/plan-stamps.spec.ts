import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Every write of a plan's content or progress goes through `changePlanContent` / `changePlanProgress`
 * (`plan-stamps.ts`): a write of these tables anywhere else would leave readers serving what they kept at the old
 * stamp. Checked on the source: each such write must sit inside one of those calls. The seed and a restore
 * write whole databases behind the service's back and are left out.
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
  `\\b(insert\\s+into|update|delete\\s+from)\\s+[\`"]?(${[...TABLES.values()].join('|')})\\b`,
  'i',
);
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

/** Whether `call` writes one of the tables: through a repository, `updateVersioned`, the query builder, or raw SQL. */
function isTableWrite(node: ts.Node): boolean {
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) return RAW_WRITE.test(node.getText());
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === 'updateVersioned' && isEntity(node.arguments[1]);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  const target = callee.expression;
  if (
    WRITES.has(method) &&
    ts.isCallExpression(target) &&
    ts.isPropertyAccessExpression(target.expression) &&
    target.expression.name.text === 'getRepository'
  ) {
    return isEntity(target.arguments[0]);
  }
  return (method === 'into' || method === 'update') && isEntity(node.arguments[0]);
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

  it('each write of RHK, indicators, realizations or feedback sits inside changePlanContent or changePlanProgress', () => {
    expect(writes.filter((w) => !w.wrapped).map((w) => w.at)).toEqual([]);
  });
});
