import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm start` runs the service with the Node flags of package.json's `config.nodeFlags` (the benchmark starts the
 * service with the same ones): larger semi-spaces, so that what a request holds when a scavenge comes dies young
 * instead of being promoted, and an old generation that may grow to 1.75 times what survived the last full GC
 * (`--heap-growing-percent=75`; V8 lets a small heap grow about fourfold), so that a full GC at a busy moment
 * cannot double a large live size. Why these values: `docs/adr/0009-node-heap-flags.md`.
 */
describe('the service’s Node flags', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    config?: { nodeFlags?: string };
  };

  it('are passed by npm start and size the young generation and the old one’s growth', () => {
    expect(pkg.scripts.start).toBe('node $npm_package_config_nodeFlags dist/src/main.js');
    expect(pkg.config?.nodeFlags).toContain('--max-semi-space-size=32');
    expect(pkg.config?.nodeFlags).toContain('--heap-growing-percent=75');
  });

  it('are accepted by this Node', () => {
    const flags = pkg.config!.nodeFlags!.split(/\s+/).filter(Boolean);
    expect(execFileSync(process.execPath, [...flags, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' })).toBe(
      'ok',
    );
  });
});
