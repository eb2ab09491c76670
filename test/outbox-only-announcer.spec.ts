import fs from 'node:fs';
import path from 'node:path';

/**
 * A change reaches subscriptions and the outbox together: services announce through `announce()`
 * (`src/modules/outbox/announce.ts`), which writes the domain event and queues the publish in one call. A bare
 * `ctx.publish(…)` in a module would reach open browsers but never webhooks or the changes feed.
 */
describe('announcing a change', () => {
  const root = path.join(__dirname, '..', 'src', 'modules');
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)]))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

  it('goes through announce(): no module publishes to subscriptions on its own', () => {
    const publishing = files(root)
      .filter((f) => !f.endsWith(path.join('outbox', 'announce.ts')))
      .filter((f) => /\.publish\(/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(publishing).toEqual([]);
  });

  it('is used by the services that announced changes before the outbox', () => {
    for (const module of ['activity', 'employee', 'evaluation', 'feedback', 'realization']) {
      const uses = files(path.join(root, module)).some((f) => /\bannounce\(/.test(fs.readFileSync(f, 'utf8')));
      expect({ module, uses }).toEqual({ module, uses: true });
    }
  });
});
