import compression from 'compression';
import { type RequestHandler } from 'express';
import { type Config } from '../core/config/config';

/**
 * gzip or brotli (whichever the client prefers of those it accepts) for answers of at least
 * `compressionMinBytes` whose type compresses (JSON, CSV, HTML; not PDF). Brotli runs at quality 4, the library's
 * default: near gzip's CPU cost for a smaller body. Streamed answers (CSV exports, personal data) stay streamed:
 * each full deflate block goes out as it is made, with backpressure as before. WebSocket upgrades never reach
 * Express, so subscriptions are untouched.
 */
export function compressAnswers(config: Pick<Config, 'compression' | 'compressionMinBytes'>): RequestHandler {
  if (!config.compression) return (_req, _res, next) => next();
  return compression({ threshold: config.compressionMinBytes });
}
