import http from 'node:http';
import https from 'node:https';
import {
  checkTargetShape,
  guardedLookup,
  hostOf,
  isAllowedHost,
  type Resolve,
  type TargetRules,
} from './webhook-target';

export interface SendOutcome {
  /** The HTTP status, when the endpoint answered. */
  status?: number;
  /** Why it failed (no answer, timeout, a refused target, a non-2xx status). */
  error?: string;
}

/**
 * One POST of a webhook. The target is checked again here (the URL's shape, and every address the connection's
 * own DNS lookup returns), so a host that now resolves to an internal address is refused. Redirects are not
 * followed: a 3xx is a failure like any other non-2xx.
 */
export function postWebhook(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  options: TargetRules & { timeoutMs: number; resolve?: Resolve },
): Promise<SendOutcome> {
  const url = checkTargetShape(rawUrl, options);
  if (typeof url === 'string') return Promise.resolve({ error: `target refused (${url})` });
  const allowed = isAllowedHost(hostOf(url), options.allowedHosts);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
        ...(allowed ? {} : { lookup: guardedLookup(options.resolve) }),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // The answer's body is not kept: read and dropped so the socket is freed.
        response.resume();
        response.on('end', () =>
          settle(status >= 200 && status < 300 ? { status } : { status, error: `HTTP ${status}` }),
        );
        response.on('error', (error) => settle({ status, error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      settle({ error: `timed out after ${options.timeoutMs} ms` });
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      settle({ error: error.code === 'EWEBHOOKTARGET' ? 'target refused (ADDRESS)' : error.message }),
    );
    request.end(body);
  });
}
