import { execFileSync } from 'node:child_process';

// The heavy optional parts load on first use, not with the service: an instance that never prints a PDF or uses
// Redis does not carry them (memory is one of `docs/performance.md`'s bars). Checked in a fresh process.
it('loading the service loads neither pdfkit nor ioredis', () => {
  const script = `
    require('reflect-metadata');
    require('./src/app/server');
    const loaded = Object.keys(require.cache).filter((p) => /node_modules\\/(pdfkit|ioredis|@graphql-yoga\\/redis-event-target)\\//.test(p));
    console.log(JSON.stringify(loaded));`;
  const out = execFileSync(process.execPath, ['--no-deprecation', '-r', '@swc-node/register', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual([]);
});
