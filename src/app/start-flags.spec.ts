import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm start` runs the service with the Node flags of package.json's `config.nodeFlags` (the benchmark starts the
 * service with the same ones). The young generation is pinned at 16 MB per semi-space: under graphql-js, 32 MB cut
 * the team dashboard's CPU by a quarter (request objects died young instead of being promoted); under graphql-jit,
 * which allocates less, 16/24/32/64 MB gave the same CPU within noise and peak RSS 276/314/320/374 MB under load.
 */
describe('the service’s Node flags', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string>; config?: { nodeFlags?: string } };

  it('are passed by npm start and size the young generation', () => {
    expect(pkg.scripts.start).toBe('node $npm_package_config_nodeFlags dist/src/main.js');
    expect(pkg.config?.nodeFlags).toContain('--max-semi-space-size=16');
  });

  it('are accepted by this Node', () => {
    const flags = pkg.config!.nodeFlags!.split(/\s+/).filter(Boolean);
    expect(execFileSync(process.execPath, [...flags, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' })).toBe('ok');
  });
});
