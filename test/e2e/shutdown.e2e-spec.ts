import http from 'node:http';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/core/config/config';
import { createLogger } from '../../src/core/server/logger';
import { startService } from '../../src/app/service';
import { createTestDatabase } from '../support/test-database';

/** Sends headers and half a body now; returns a function that sends the rest and resolves with the response. */
function startSlowRequest(url: string, body: string): Promise<() => Promise<{ status: number; text: string }>> {
  return new Promise((ready, fail) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      request.on('error', reject);
    });
    request.on('error', fail);
    request.write(body.slice(0, 10), () =>
      ready(() => {
        request.end(body.slice(10));
        return response;
      }),
    );
  });
}

describe('graceful shutdown (SIGTERM)', () => {
  it('finishes the request in flight, refuses new connections, closes the pool, exits 0', async () => {
    const testDb = await createTestDatabase({ migrate: false });
    await testDb.db.close();
    const config = {
      ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) }),
      databaseUrl: testDb.url,
      port: 0,
      migrateOnStart: true,
      seedDemoOnStart: false,
    };
    const exits: number[] = [];
    const service = await startService(config, createLogger('silent'), (code) => exits.push(code));
    const url = service.server.url;

    const finish = await startSlowRequest(url, JSON.stringify({ query: '{ serverInfo { name } }' }));
    // Let the server read the headers: from then on the request is in flight.
    await new Promise((r) => setTimeout(r, 50));
    const stopping = service.shutdown('SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    await expect(
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ serverInfo { name } }"}',
      }),
    ).rejects.toThrow();

    const response = await finish();
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data).toEqual({ serverInfo: { name: 'Kinerja Walesi' } });
    await stopping;
    expect(exits).toEqual([0]);
    expect(service.db.dataSource.isInitialized).toBe(false);
    await testDb.drop();
  });

  /**
   * As deployed: `src/main.ts` in its own process (production settings), stopped by a real SIGTERM. Apollo Server
   * registered its own SIGTERM handler outside tests and left our `apollo.stop()` waiting on its stop forever; on
   * MariaDB the pool then kept the process up until the grace period ran out (exit 1, every time).
   */
  describe('a server process receiving SIGTERM', () => {
    const ROOT = join(__dirname, '..', '..');
    /** Far longer than a clean shutdown may take: reaching it is the failure. */
    const GRACE_MS = 30_000;
    jest.setTimeout(60_000);

    interface Started {
      child: ChildProcess;
      url: string;
      logs: Array<{ msg?: string }>;
      exit: Promise<{ code: number | null; ms: number }>;
    }

    async function startProcess(databaseUrl: string): Promise<Started> {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: databaseUrl,
          HOST: '127.0.0.1',
          PORT: '0',
          MIGRATE_ON_START: 'true',
          SEED_DEMO: 'false',
          JWT_SECRET: 'y'.repeat(40),
          METRICS_TOKEN: 'z'.repeat(40),
          SHUTDOWN_GRACE_MS: String(GRACE_MS),
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const logs: Array<{ msg?: string }> = [];
      let signalledAt = 0;
      const exit = new Promise<{ code: number | null; ms: number }>((resolve) =>
        child.once('exit', (code) => resolve({ code, ms: Date.now() - signalledAt })),
      );
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the server did not start in time: ${stderr}`)), 30_000);
        void exit.then(({ code }) => reject(new Error(`the server exited with ${code}: ${stderr}`)));
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (!line.startsWith('{')) return;
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          logs.push(entry);
          if (entry.msg === 'listening' && entry.url) {
            clearTimeout(timer);
            resolve(entry.url);
          }
        });
      });
      const kill = child.kill.bind(child);
      child.kill = (signal?: NodeJS.Signals | number) => {
        signalledAt = Date.now();
        return kill(signal);
      };
      return { child, url, logs, exit };
    }

    it('idle: exits 0 at once, after closing the pool, far within the grace period', async () => {
      const testDb = await createTestDatabase({ migrate: false, shared: true });
      await testDb.db.close();
      const server = await startProcess(testDb.url);
      try {
        server.child.kill('SIGTERM');
        const { code, ms } = await server.exit;
        expect(code).toBe(0);
        expect(ms).toBeLessThan(GRACE_MS / 3);
        expect(server.logs.map((l) => l.msg)).toEqual(
          expect.arrayContaining(['shutting down: draining requests', 'stopped']),
        );
        expect(server.logs.map((l) => l.msg)).not.toContain('shutdown took too long; exiting');
      } finally {
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
        await testDb.drop();
      }
    });

    it('busy: answers the request in flight, then exits 0', async () => {
      const testDb = await createTestDatabase({ migrate: false, shared: true });
      await testDb.db.close();
      const server = await startProcess(testDb.url);
      try {
        const finish = await startSlowRequest(server.url, JSON.stringify({ query: '{ serverInfo { name } }' }));
        await new Promise((r) => setTimeout(r, 50));
        server.child.kill('SIGTERM');
        // The log line is the sentinel that the signal was handled while the request was still open.
        for (let i = 0; i < 200 && !server.logs.some((l) => l.msg === 'shutting down: draining requests'); i++)
          await new Promise((r) => setTimeout(r, 25));
        const response = await finish();
        expect(response.status).toBe(200);
        expect(JSON.parse(response.text).data).toEqual({ serverInfo: { name: 'Kinerja Walesi' } });
        const { code, ms } = await server.exit;
        expect(code).toBe(0);
        expect(ms).toBeLessThan(GRACE_MS / 3);
      } finally {
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
        await testDb.drop();
      }
    });
  });
});
