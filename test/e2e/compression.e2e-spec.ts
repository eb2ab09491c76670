import http from 'node:http';
import zlib from 'node:zlib';
import { TestApp } from '../support/test-app';

interface RawAnswer {
  status: number;
  encoding: string | undefined;
  vary: string | undefined;
  wire: Buffer;
}

/** Posts a query with node:http, which (unlike fetch) hands back the bytes as they crossed the wire. */
function post(url: string, query: string, acceptEncoding?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query });
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            encoding: res.headers['content-encoding'],
            vary: res.headers.vary,
            wire: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

// The schema's type list: an answer of several KB that needs no data.
const BIG = '{ __schema { types { name description fields { name description } } } }';
const SMALL = '{ serverInfo { name } }';

describe('compressed answers (COMPRESSION, COMPRESSION_MIN_BYTES)', () => {
  let app: TestApp;
  let plain: unknown;
  beforeAll(async () => {
    app = await TestApp.start();
    const identity = await post(app.url, BIG);
    expect(identity.encoding).toBeUndefined();
    expect(identity.wire.length).toBeGreaterThan(4096);
    plain = JSON.parse(identity.wire.toString('utf8'));
  });
  afterAll(() => app?.stop());

  it('gzips a big answer for a client that accepts gzip, to the same JSON', async () => {
    const answer = await post(app.url, BIG, 'gzip');
    expect(answer.status).toBe(200);
    expect(answer.encoding).toBe('gzip');
    expect(answer.vary?.toLowerCase()).toContain('accept-encoding');
    const decoded = zlib.gunzipSync(answer.wire);
    expect(answer.wire.length).toBeLessThan(decoded.length / 3);
    expect(JSON.parse(decoded.toString('utf8'))).toEqual(plain);
  });

  it('prefers brotli when offered, to the same JSON', async () => {
    const answer = await post(app.url, BIG, 'gzip, deflate, br');
    expect(answer.encoding).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(answer.wire).toString('utf8'))).toEqual(plain);
  });

  it('sends a small answer as it is', async () => {
    const answer = await post(app.url, SMALL, 'gzip, br');
    expect(answer.encoding).toBeUndefined();
    expect(JSON.parse(answer.wire.toString('utf8'))).toEqual({ data: { serverInfo: { name: expect.any(String) } } });
  });

  it('sends identity to a client that names no encoding', async () => {
    const answer = await post(app.url, BIG);
    expect(answer.encoding).toBeUndefined();
    expect(JSON.parse(answer.wire.toString('utf8'))).toEqual(plain);
  });

  it('compresses nothing when COMPRESSION is off', async () => {
    const off = await TestApp.start({ compression: false });
    try {
      const answer = await post(off.url, BIG, 'gzip, br');
      expect(answer.encoding).toBeUndefined();
    } finally {
      await off.stop();
    }
  });
});
