import http from 'node:http';
import { loadConfig } from '../../src/core/config/config';
import { createLogger } from '../../src/core/server/logger';
import { startService } from '../../src/app/service';
import { createTestDatabase } from '../support/test-database';

/** Sends headers and half a body now; returns a function that sends the rest and resolves with the response. */
function startSlowRequest(url: string, body: string): Promise<() => Promise<{ status: number; text: string }>> {
  return new Promise((ready, fail) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
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
    const config = { ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) }), databaseUrl: testDb.url, port: 0, migrateOnStart: true, seedDemoOnStart: false };
    const exits: number[] = [];
    const service = await startService(config, createLogger('silent'), (code) => exits.push(code));
    const url = service.server.url;

    const finish = await startSlowRequest(url, JSON.stringify({ query: '{ serverInfo { name } }' }));
    // Let the server read the headers: from then on the request is in flight.
    await new Promise((r) => setTimeout(r, 50));
    const stopping = service.shutdown('SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ serverInfo { name } }"}' })).rejects.toThrow();

    const response = await finish();
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data).toEqual({ serverInfo: { name: 'Kinerja Walesi' } });
    await stopping;
    expect(exits).toEqual([0]);
    expect(service.db.dataSource.isInitialized).toBe(false);
    await testDb.drop();
  });
});
