import http from 'node:http';

export type Encoding = 'identity' | 'gzip' | 'br';
export const ENCODINGS: readonly Encoding[] = ['identity', 'gzip', 'br'];

/** Bytes one request and its answer took on the socket, headers included, and the answer's `content-encoding`. */
export interface WireBytes {
  encoding: Encoding;
  /** What the server chose (`identity` when it sent the body as it is). */
  answered: string;
  sent: number;
  received: number;
}

/**
 * Posts `body` once on a connection of its own (no keep-alive), asking for `encoding`, and reads the socket's
 * counters: what a client on a slow link pays each way for this answer.
 */
export function wireBytes(url: string, body: string, token: string, encoding: Encoding): Promise<WireBytes> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${token}`,
        'accept-encoding': encoding,
      },
    });
    request.on('response', (res) => {
      res.resume();
      res.on('end', () => {
        const socket = request.socket;
        resolve({
          encoding,
          answered: res.headers['content-encoding'] ?? 'identity',
          sent: socket?.bytesWritten ?? Number.NaN,
          received: socket?.bytesRead ?? Number.NaN,
        });
      });
      res.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}
