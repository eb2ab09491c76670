import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { type webcrypto } from 'node:crypto';
import { type Config } from '../config/config';
import { parseRole, type Role } from './role';

/** What the service takes from a verified token. */
export interface TokenClaims {
  subject: string;
  roles: Role[];
  /** Unit code limiting an HR admin to a unit subtree (claim `unit`). */
  unitScope?: string;
  /** When the token stops being valid (claim `exp`): a long-lived WebSocket is closed then. */
  expiresAt: Date;
}

export class InvalidTokenError extends Error {}

type KeyResolver = Uint8Array | webcrypto.CryptoKey | JWTVerifyGetKey;

/** Verified tokens kept at most (the oldest goes first): one per signed-in client of a busy regional service. */
const VERIFIED_LIMIT = 10_000;

/**
 * Verifies bearer JWTs with jose: HS256 with a shared secret, or RS256/ES256 with a public key or a JWKS URL.
 * The accepted algorithms are fixed by the key kind, which refuses `alg: none` and algorithm confusion
 * (an HS256 token signed with the public key as secret). `exp` is required; `nbf`, `iss`, `aud` are checked.
 */
export class TokenVerifier {
  /**
   * Tokens already verified, until they expire: a client sends the same token with every request, and checking
   * its signature again was a few % of a dashboard request's CPU. Only for keys fixed at start (a secret or a
   * public key): a JWKS URL can drop a key, and its tokens must stop passing then.
   */
  private readonly verified = new Map<string, TokenClaims>();

  private constructor(
    private readonly key: KeyResolver,
    private readonly algorithms: string[],
    private readonly issuer?: string,
    private readonly audience?: string,
  ) {}

  static async fromConfig(config: Pick<Config, 'token' | 'jwtIssuer' | 'jwtAudience'>): Promise<TokenVerifier> {
    const { token } = config;
    switch (token.kind) {
      case 'secret':
        return new TokenVerifier(new TextEncoder().encode(token.secret), ['HS256'], config.jwtIssuer, config.jwtAudience);
      case 'publicKey': {
        const pem = token.pem.trim();
        // A JWKS document pasted into JWT_PUBLIC_KEY is accepted as a local key set.
        const key = pem.startsWith('{') ? createLocalJWKSet(JSON.parse(pem)) : await importSpkiForAny(pem, token.algorithms);
        return new TokenVerifier(key, token.algorithms, config.jwtIssuer, config.jwtAudience);
      }
      case 'jwks':
        return new TokenVerifier(createRemoteJWKSet(new URL(token.url)), token.algorithms, config.jwtIssuer, config.jwtAudience);
    }
  }

  async verify(jwt: string): Promise<TokenClaims> {
    const known = this.verified.get(jwt);
    if (known && known.expiresAt.getTime() > Date.now()) return known;
    if (known) this.verified.delete(jwt);
    const claims = await this.verifySignature(jwt);
    if (this.cacheable) {
      if (this.verified.size >= VERIFIED_LIMIT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(jwt, claims);
    }
    return claims;
  }

  private get cacheable(): boolean {
    return typeof this.key !== 'function';
  }

  private async verifySignature(jwt: string): Promise<TokenClaims> {
    let payload: JWTPayload;
    try {
      const options = { algorithms: this.algorithms, issuer: this.issuer, audience: this.audience, requiredClaims: ['exp', 'sub'] };
      const result =
        typeof this.key === 'function' ? await jwtVerify(jwt, this.key, options) : await jwtVerify(jwt, this.key, options);
      payload = result.payload;
    } catch (error) {
      throw new InvalidTokenError(describeJoseError(error));
    }
    const subject = payload.sub;
    if (!subject) throw new InvalidTokenError('the token has no subject');
    const rawRoles = Array.isArray(payload.roles) ? payload.roles : [];
    const roles = rawRoles.map(parseRole).filter((r): r is Role => r !== undefined);
    const unitScope = typeof payload.unit === 'string' && payload.unit ? payload.unit : undefined;
    return { subject, roles, unitScope, expiresAt: new Date((payload.exp ?? 0) * 1000) };
  }
}

/** A PEM public key may serve RS256 or ES256: import it for the first configured algorithm that fits. */
async function importSpkiForAny(pem: string, algorithms: string[]): Promise<webcrypto.CryptoKey> {
  let lastError: unknown;
  for (const alg of algorithms) {
    try {
      return await importSPKI(pem, alg);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error('JWT_PUBLIC_KEY could not be imported');
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not accepted`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  return 'the token is malformed or not valid';
}
