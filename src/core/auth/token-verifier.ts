import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  importSPKI,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
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

/** The default of `MAX_TOKEN_LIFETIME_SECONDS`: a working day. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

/** How far ahead of ours the issuer's clock may run when `exp` is compared with now (not with the token's own `iat`). */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Verifies bearer JWTs with jose: HS256 with a shared secret, or RS256/ES256 with a public key or a JWKS URL.
 * The accepted algorithms are fixed by the key kind, which refuses `alg: none` and algorithm confusion
 * (an HS256 token signed with the public key as secret). `exp` is required and at most `maxLifetimeSeconds` away
 * (from now and from `iat`); `nbf`, `iss`, `aud` are checked. Claims of the wrong shape are refused, never dropped:
 * a `unit` that is not a unit code would otherwise leave an HR admin without a scope, that is, region-wide.
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
    private readonly issuer: string | undefined,
    private readonly audience: string | undefined,
    private readonly maxLifetimeSeconds: number,
  ) {}

  static async fromConfig(
    config: Pick<Config, 'token' | 'jwtIssuer' | 'jwtAudience'> & Partial<Pick<Config, 'maxTokenLifetimeSeconds'>>,
  ): Promise<TokenVerifier> {
    const { token } = config;
    const maxLifetime = config.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    switch (token.kind) {
      case 'secret':
        return new TokenVerifier(
          new TextEncoder().encode(token.secret),
          ['HS256'],
          config.jwtIssuer,
          config.jwtAudience,
          maxLifetime,
        );
      case 'publicKey': {
        const pem = token.pem.trim();
        // A JWKS document pasted into JWT_PUBLIC_KEY is accepted as a local key set.
        const key = pem.startsWith('{')
          ? createLocalJWKSet(JSON.parse(pem))
          : await importSpkiForAny(pem, token.algorithms);
        return new TokenVerifier(key, token.algorithms, config.jwtIssuer, config.jwtAudience, maxLifetime);
      }
      case 'jwks':
        return new TokenVerifier(
          createRemoteJWKSet(new URL(token.url)),
          token.algorithms,
          config.jwtIssuer,
          config.jwtAudience,
          maxLifetime,
        );
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
      const options = {
        algorithms: this.algorithms,
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ['exp', 'sub'],
      };
      const result =
        typeof this.key === 'function'
          ? await jwtVerify(jwt, this.key, options)
          : await jwtVerify(jwt, this.key, options);
      payload = result.payload;
    } catch (error) {
      throw new InvalidTokenError(describeJoseError(error));
    }
    const subject = payload.sub;
    if (!subject) throw new InvalidTokenError('the token has no subject');
    const exp = payload.exp ?? 0;
    if (exp - Date.now() / 1000 > this.maxLifetimeSeconds + CLOCK_SKEW_SECONDS)
      throw new InvalidTokenError('the token expires too far in the future');
    if (payload.iat !== undefined && exp - payload.iat > this.maxLifetimeSeconds)
      throw new InvalidTokenError('the token lives longer than allowed');
    // Roles the service does not know (another application's) are ignored; a claim of another shape is refused.
    if (
      payload.roles !== undefined &&
      !(Array.isArray(payload.roles) && payload.roles.every((r) => typeof r === 'string'))
    ) {
      throw new InvalidTokenError('the "roles" claim is not a list of role names');
    }
    const roles = (payload.roles ?? []).map(parseRole).filter((r): r is Role => r !== undefined);
    const unit = payload.unit;
    if (unit !== undefined && (typeof unit !== 'string' || unit.trim() === ''))
      throw new InvalidTokenError('the "unit" claim is not a unit code');
    return { subject, roles, unitScope: unit, expiresAt: new Date(exp * 1000) };
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
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  return 'the token is malformed or not valid';
}
