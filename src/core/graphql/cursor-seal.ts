import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Connection cursors are sealed: AES-256-GCM over the keyset position (`[sort value, id]`), so a cursor says
 * nothing (a name sorted on stayed readable in base64 in every URL and log line) and cannot be forged or edited.
 * The nonce is an HMAC of the position: the same row gives the same cursor on every request and instance (tests
 * and clients compare them), and distinct positions never share a nonce under one key.
 */
interface CursorKeys {
  encryption: Buffer;
  nonce: Buffer;
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

function derive(secret: string | Buffer): CursorKeys {
  const key = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'kinerja-walesi', info, 32));
  return { encryption: key('connection-cursor/aes-256-gcm'), nonce: key('connection-cursor/nonce') };
}

// Until a server configures one (unit tests of pagination): a key of this process only.
let keys: CursorKeys = derive(randomBytes(32));

/**
 * Sets the key material (`CURSOR_SECRET`, else the JWT secret; HKDF keeps these keys apart from its use for
 * tokens). Every instance given the same secret reads the others' cursors. Undefined: a random key of the process.
 */
export function configureCursorSecret(secret: string | undefined): void {
  keys = derive(secret ?? randomBytes(32));
}

/** Seals a cursor's plain text into an opaque base64url token. */
export function sealCursor(plain: string): string {
  const data = Buffer.from(plain, 'utf8');
  const header = Buffer.of(VERSION);
  const nonce = createHmac('sha256', keys.nonce).update(data).digest().subarray(0, NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, nonce);
  cipher.setAAD(header);
  const sealed = Buffer.concat([header, nonce, cipher.update(data), cipher.final(), cipher.getAuthTag()]);
  return sealed.toString('base64url');
}

/** The plain text of a cursor this service sealed, or undefined for anything else (tampered, foreign, garbage). */
export function openCursor(token: string): string | undefined {
  const sealed = Buffer.from(token, 'base64url');
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== VERSION) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, sealed.subarray(1, 1 + NONCE_BYTES));
    decipher.setAAD(sealed.subarray(0, 1));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(sealed.subarray(1 + NONCE_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return undefined;
  }
}
