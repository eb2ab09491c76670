import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm start` runs the service with the Node flags of package.json's `config.nodeFlags` (the benchmark starts the
 * service with the same ones). The young generation is 32 MB per semi-space, and the old one may grow to 1.75
 * times what survived the last full GC before the next (`--heap-growing-percent=75`; V8 lets a small heap grow
 * about fourfold). On the team dashboard, everything a request holds when a scavenge comes is promoted, and died
 * soon after: the old generation filled with it up to 190 MB between full GCs. 32 MB alone halves the scavenges
 * but peaked at 319 MB RSS. Growth to twice the live size gave 219-229 MB, but 273-294 MB in five of ten runs
 * once the dashboard got faster (a full GC that came at a busy moment doubled a larger live size); 75 % gave
 * 210-213 MB in four runs, at about 2 % more CPU (50 %: 199-202 MB, about 8 % more).
 */
describe('the service’s Node flags', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string>; config?: { nodeFlags?: string } };

  it('are passed by npm start and size the young generation and the old one’s growth', () => {
    expect(pkg.scripts.start).toBe('node $npm_package_config_nodeFlags dist/src/main.js');
    expect(pkg.config?.nodeFlags).toContain('--max-semi-space-size=32');
    expect(pkg.config?.nodeFlags).toContain('--heap-growing-percent=75');
  });

  it('are accepted by this Node', () => {
    const flags = pkg.config!.nodeFlags!.split(/\s+/).filter(Boolean);
    expect(execFileSync(process.execPath, [...flags, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' })).toBe('ok');
  });
});
