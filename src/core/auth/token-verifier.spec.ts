import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

async function hsToken(expiresInSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('199001012020121001')
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(new TextEncoder().encode(SECRET));
}

describe('TokenVerifier keeps a verified token until it expires', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a token seen before without checking it again, and refuses it once expired', async () => {
    const verifier = await TokenVerifier.fromConfig({
      token: { kind: 'secret', secret: SECRET, isDevelopmentDefault: false },
    });
    const jwt = await hsToken(60);
    const first = await verifier.verify(jwt);
    expect(first.subject).toBe('199001012020121001');
    expect(await verifier.verify(jwt)).toBe(first);
    jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await expect(verifier.verify(jwt)).rejects.toThrow(new InvalidTokenError('the token has expired'));
  });

  it('a token with a bad signature is refused every time', async () => {
    const verifier = await TokenVerifier.fromConfig({
      token: { kind: 'secret', secret: SECRET, isDevelopmentDefault: false },
    });
    const jwt = (await hsToken(60)).slice(0, -2) + 'xx';
    await expect(verifier.verify(jwt)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(jwt)).rejects.toThrow(InvalidTokenError);
  });

  it('with a key set (which may drop a key), every token is checked every time', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    const verifier = await TokenVerifier.fromConfig({
      token: { kind: 'publicKey', pem: JSON.stringify({ keys: [jwk] }), algorithms: ['ES256'] },
    });
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('199001012020121001')
      .setExpirationTime(now + 60)
      .sign(privateKey);
    const first = await verifier.verify(jwt);
    expect(await verifier.verify(jwt)).not.toBe(first);
  });
});
