import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { eachCase } from '../support/authorization-matrix';
import { TEST_JWT_SECRET, TestApp, type GraphQLResponse } from '../support/test-app';
import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { type Unit } from '../../src/modules/unit/unit.entity';

/**
 * Bad credentials get nothing (`docs/reliability.md` item 6, `docs/api.md` Identity): every refused token is an
 * UNAUTHENTICATED error with HTTP 401, no data, and a write attempted with it changes no row.
 */

const VIEWER = '{ viewer { subject kind roles employee { id name } } }';
const CREATE_UNIT = `mutation($input: CreateUnitInput!) {
  createUnit(input: $input) { unit { id code } userErrors { code message } }
}`;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const secretKey = (secret: string) => new TextEncoder().encode(secret);

/** A JWT with the given claims, HS256 over `secret`, with exactly the time claims given (none added). */
function signHs256(claims: Record<string, unknown>, secret: string | Uint8Array = TEST_JWT_SECRET): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(typeof secret === 'string' ? secretKey(secret) : secret);
}

/** An unsecured JWT (`alg: none`), crafted by hand: base64url header and payload, empty signature. */
function unsecuredToken(claims: Record<string, unknown>): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}

/** Valid time claims: issued now, expiring in an hour. */
const fresh = () => ({ iat: nowSeconds(), exp: nowSeconds() + 3600 });

interface World {
  app: TestApp;
  hrUnit: Unit;
  active: Employee;
  deactivated: Employee;
  unknownNip: string;
}

/** The Authorization header of each refused case; `null` would mean no header (anonymous, not tested here). */
interface BadCredential {
  name: string;
  header(world: World): Promise<string>;
}

const bearer = (token: string) => `Bearer ${token}`;

const BAD_CREDENTIALS: BadCredential[] = [
  {
    name: 'a Basic scheme instead of Bearer',
    header: async () => 'Basic ' + Buffer.from('admin:admin').toString('base64'),
  },
  { name: 'the word Bearer without a token', header: async () => 'Bearer' },
  {
    name: 'Bearer with two tokens',
    header: async ({ app }) => `Bearer ${await app.token('x', { roles: [Role.HR_ADMIN] })} extra`,
  },
  { name: 'a token that is not a JWT', header: async () => bearer('not-a-jwt') },
  { name: 'a JWT whose parts are not base64url JSON', header: async () => bearer('eyJhbGciOiJIUzI1NiJ9.%%%.abc') },
  {
    name: 'a token with a bad signature (another secret)',
    header: async () =>
      bearer(
        await signHs256(
          { sub: 'hr-portal', roles: [Role.HR_ADMIN], ...fresh() },
          'another-secret-of-sufficient-length-0123456789',
        ),
      ),
  },
  {
    name: 'a token whose payload was altered after signing',
    header: async ({ app }) => {
      const [header, , signature] = (await app.token('analyst-client', { roles: [Role.ANALYST] })).split('.');
      return bearer(`${header}.${base64url({ sub: 'hr-portal', roles: [Role.HR_ADMIN], ...fresh() })}.${signature}`);
    },
  },
  {
    name: 'an expired token',
    header: async () =>
      bearer(
        await signHs256({
          sub: 'hr-portal',
          roles: [Role.HR_ADMIN],
          iat: nowSeconds() - 7200,
          exp: nowSeconds() - 3600,
        }),
      ),
  },
  {
    name: 'a token that is not valid yet (nbf in the future)',
    header: async () =>
      bearer(await signHs256({ sub: 'hr-portal', roles: [Role.HR_ADMIN], ...fresh(), nbf: nowSeconds() + 1800 })),
  },
  {
    name: 'an unsecured token (alg: none)',
    header: async () => bearer(unsecuredToken({ sub: 'hr-portal', roles: [Role.HR_ADMIN], ...fresh() })),
  },
  {
    name: 'an unsecured token (alg: none) naming an active employee',
    header: async ({ active }) => bearer(unsecuredToken({ sub: active.nip, roles: [Role.HR_ADMIN], ...fresh() })),
  },
  {
    name: 'a token without exp',
    header: async () => bearer(await signHs256({ sub: 'hr-portal', roles: [Role.HR_ADMIN], iat: nowSeconds() })),
  },
  {
    name: 'a token without a subject',
    header: async () => bearer(await signHs256({ roles: [Role.HR_ADMIN], ...fresh() })),
  },
  {
    name: 'an unknown NIP',
    header: async ({ app, unknownNip }) => bearer(await app.token(unknownNip, { roles: [Role.HR_ADMIN] })),
  },
  {
    name: 'a deactivated employee',
    header: async ({ app, deactivated }) => bearer(await app.token(deactivated.nip, { roles: [Role.HR_ADMIN] })),
  },
  { name: 'a client token without roles', header: async ({ app }) => bearer(await app.token('hr-portal')) },
  {
    name: 'a client token with only unknown roles',
    header: async () => bearer(await signHs256({ sub: 'hr-portal', roles: ['SUPERUSER'], ...fresh() })),
  },
  {
    name: 'an HR unit scope naming a unit that does not exist',
    header: async ({ app }) => bearer(await app.token('hr-portal', { roles: [Role.HR_ADMIN], unit: 'NO-SUCH-UNIT' })),
  },
  {
    name: 'an HR unit scope on an employee naming a unit that does not exist',
    header: async ({ app, active }) =>
      bearer(await app.token(active.nip, { roles: [Role.HR_ADMIN], unit: 'NO-SUCH-UNIT' })),
  },
  ...malformedClaims(),
];

/**
 * Claims of the wrong shape, signed with the right key: each would otherwise have been dropped, and a dropped
 * `unit` leaves an HR admin with no scope, that is, region-wide. `BKPSDM` is a real unit, so only the shape is wrong.
 */
function malformedClaims(): BadCredential[] {
  const hrWithUnit = (unit: unknown) => signHs256({ sub: 'hr-portal', roles: [Role.HR_ADMIN], unit, ...fresh() });
  const units: Array<[string, unknown]> = [
    ['a list holding a unit code', ['BKPSDM']],
    ['an empty string', ''],
    ['blanks', '   '],
    ['a number', 7],
    ['an object', { code: 'BKPSDM' }],
    ['null', null],
    ['true', true],
  ];
  const roles: Array<[string, unknown]> = [
    ['a single role name instead of a list', Role.HR_ADMIN],
    ['a list holding a number', [Role.HR_ADMIN, 7]],
    ['a list holding a list', [[Role.HR_ADMIN]]],
    ['an object', { HR_ADMIN: true }],
    ['null', null],
  ];
  const now = nowSeconds();
  return [
    ...units.map(([label, unit]): BadCredential => ({
      name: `an HR admin whose unit claim is ${label}`,
      header: async () => bearer(await hrWithUnit(unit)),
    })),
    ...units.map(([label, unit]): BadCredential => ({
      name: `an employee whose unit claim is ${label}`,
      header: async ({ active }) =>
        bearer(await signHs256({ sub: active.nip, roles: [Role.HR_ADMIN], unit, ...fresh() })),
    })),
    {
      name: 'a unit claim naming no unit on a token without the HR role',
      header: async ({ active }) =>
        bearer(await signHs256({ sub: active.nip, roles: [], unit: 'NO-SUCH-UNIT', ...fresh() })),
    },
    ...roles.map(([label, value]): BadCredential => ({
      name: `a roles claim that is ${label}`,
      header: async () => bearer(await signHs256({ sub: 'hr-portal', roles: value, ...fresh() })),
    })),
    ...roles.map(([label, value]): BadCredential => ({
      name: `an employee whose roles claim is ${label}`,
      header: async ({ active }) => bearer(await signHs256({ sub: active.nip, roles: value, ...fresh() })),
    })),
    {
      name: 'a token expiring in the year 318857 (exp 9999999999999)',
      header: async () => bearer(await signHs256({ sub: 'hr-portal', roles: [Role.HR_ADMIN], exp: 9_999_999_999_999 })),
    },
    {
      name: 'a token expiring in 13 hours (the limit is 12)',
      header: async ({ active }) => bearer(await signHs256({ sub: active.nip, roles: [], exp: now + 13 * 3600 })),
    },
    {
      name: 'a token issued 2 hours ago for 13 hours (11 left, but it lives longer than 12)',
      header: async ({ active }) =>
        bearer(await signHs256({ sub: active.nip, roles: [], iat: now - 2 * 3600, exp: now + 11 * 3600 })),
    },
  ];
}

/** What every refusal looks like: 401, UNAUTHENTICATED, no data, no detail beyond a message. */
function expectUnauthenticated(result: GraphQLResponse, label: string): void {
  expect({ label, status: result.status }).toEqual({ label, status: 401 });
  expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  expect(result.body.data ?? null).toBeNull();
  const text = JSON.stringify(result.body);
  expect(text).not.toMatch(/stacktrace|\bat .+:\d+:\d+|\/work\/|node_modules|\.ts\b/i);
}

/** A createUnit that a region-wide HR admin is allowed to make: refused only because of the credentials. */
const rootUnitInput = (code: string) => ({ input: { code, name: `Unit ${code}`, kind: UnitKind.OTHER } });

describe('authentication with a shared secret (HS256)', () => {
  const world = {} as World;

  beforeAll(async () => {
    world.app = await TestApp.start();
    const { fixtures } = world.app;
    world.hrUnit = await fixtures.unit({
      code: 'BKPSDM',
      name: 'Badan Kepegawaian dan Pengembangan SDM',
      kind: UnitKind.AGENCY,
    });
    world.active = await fixtures.employee({ unit: world.hrUnit, name: 'Yohana Wenda' });
    world.deactivated = await fixtures.employee({ unit: world.hrUnit, name: 'Petrus Asso' });
    world.unknownNip = fixtures.nip();
    const hr = await world.app.token('hr-portal', { roles: [Role.HR_ADMIN] });
    const deactivate = await world.app.data<{
      deactivateEmployee: { employee: { active: boolean } | null; userErrors: unknown[] };
    }>(
      'mutation($input: DeactivateEmployeeInput!) { deactivateEmployee(input: $input) { employee { active } userErrors { code message } } }',
      { input: { id: toGlobalId('Employee', world.deactivated.rowId), expectedVersion: world.deactivated.version } },
      hr,
    );
    expect(deactivate.deactivateEmployee).toEqual({ employee: { active: false }, userErrors: [] });
  });
  afterAll(() => world.app?.stop());

  it('accepts the good tokens the bad ones are made from (control)', async () => {
    const employee = await world.app.gql(VIEWER, {}, await world.app.token(world.active.nip));
    expect(employee.status).toBe(200);
    expect(employee.body).toEqual({
      data: {
        viewer: {
          subject: world.active.nip,
          kind: 'EMPLOYEE',
          roles: [],
          employee: { id: toGlobalId('Employee', world.active.rowId), name: 'Yohana Wenda' },
        },
      },
    });
    const client = await world.app.gql(
      VIEWER,
      {},
      await signHs256({ sub: 'hr-portal', roles: [Role.HR_ADMIN], ...fresh() }),
    );
    expect(client.body).toEqual({
      data: { viewer: { subject: 'hr-portal', kind: 'CLIENT', roles: ['HR_ADMIN'], employee: null } },
    });
    const scoped = await world.app.gql(
      VIEWER,
      {},
      await world.app.token('hr-portal', { roles: [Role.HR_ADMIN], unit: 'BKPSDM' }),
    );
    expect(scoped.body.data?.viewer).toMatchObject({ subject: 'hr-portal', roles: ['HR_ADMIN'] });
  });

  it('writes with a good HR admin token (control: the refused writes below would have succeeded)', async () => {
    const hr = await world.app.token('hr-portal', { roles: [Role.HR_ADMIN] });
    const result = await world.app.data<{ createUnit: { unit: { code: string } | null; userErrors: unknown[] } }>(
      CREATE_UNIT,
      rootUnitInput('CONTROL-UNIT'),
      hr,
    );
    expect(result.createUnit).toEqual({ unit: { code: 'CONTROL-UNIT', id: expect.any(String) }, userErrors: [] });
  });

  /** Every bad credential × every way in (a read, a write, a socket): refused as a whole, nothing read or written. */
  const WAYS_IN: Record<'read' | 'write' | 'socket', (name: string, authorization: string) => Promise<void>> = {
    read: async (name, authorization) => {
      const result = await world.app.gql(VIEWER, {}, null, { headers: { authorization } });
      expectUnauthenticated(result, name);
      // Even the public field is refused: a request with bad credentials is refused as a whole.
      expectUnauthenticated(
        await world.app.gql('{ serverInfo { name } }', {}, null, { headers: { authorization } }),
        `${name} (serverInfo)`,
      );
    },
    write: async (name, authorization) => {
      const before = await world.app.fixtures.snapshot();
      const result = await world.app.gql(CREATE_UNIT, rootUnitInput('REFUSED-UNIT'), null, {
        headers: { authorization },
      });
      expectUnauthenticated(result, name);
      expect(await world.app.fixtures.snapshot()).toEqual(before);
    },
    socket: async (name, authorization) => {
      const client = world.app.subscriptionClient(null, { authorization });
      const sub = client.subscribe('subscription { feedbackReceived { id } }');
      expect({ name, closed: (await client.whenClosed())?.code }).toEqual({ name, closed: 4403 });
      expect(sub.received.filter((e) => e.data)).toEqual([]);
    },
  };
  const TITLES: Record<keyof typeof WAYS_IN, (name: string) => string> = {
    read: (name) => `refuses ${name}: 401 UNAUTHENTICATED, no data`,
    write: (name) => `refuses a write with ${name} and changes nothing`,
    socket: (name) => `refuses ${name} over WebSocket too: closed with 4403, no event`,
  };

  eachCase({
    actors: BAD_CREDENTIALS.map((c) => c.name),
    rows: WAYS_IN,
    outcome: () => 'REFUSED',
    title: (c) => TITLES[c.name as keyof typeof WAYS_IN](c.actor),
    check: async ({ row: wayIn, actor: name }) =>
      wayIn(name, await BAD_CREDENTIALS.find((c) => c.name === name)!.header(world)),
  });

  it('accepts a token that lives exactly the longest allowed (12 h), as `npm run token` makes them (control)', async () => {
    const now = nowSeconds();
    const token = await signHs256({ sub: world.active.nip, roles: [], iat: now, exp: now + 12 * 3600 });
    expect((await world.app.gql(VIEWER, {}, token)).body.data?.viewer).toMatchObject({ subject: world.active.nip });
    const client = world.app.subscriptionClient(token);
    await client.connected();
  });

  it('refuses a write without any token: UNAUTHENTICATED, 401, nothing written', async () => {
    const before = await world.app.fixtures.snapshot();
    const result = await world.app.gql(CREATE_UNIT, rootUnitInput('ANONYMOUS-UNIT'));
    expectUnauthenticated(result, 'no Authorization header');
    expect(await world.app.fixtures.snapshot()).toEqual(before);
  });

  it('refuses a deactivated employee even with no role claimed', async () => {
    const result = await world.app.gql(VIEWER, {}, await world.app.token(world.deactivated.nip));
    expectUnauthenticated(result, 'deactivated employee without roles');
  });

  it('refuses an RS256 token when the server only knows a shared secret', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = await new SignJWT({ roles: [Role.HR_ADMIN] })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('hr-portal')
      .setExpirationTime('1h')
      .sign(privateKey);
    expectUnauthenticated(await world.app.gql(VIEWER, {}, token), 'RS256 on an HS256 server');
  });
});

describe('authentication with issuer and audience configured', () => {
  const ISSUER = 'https://sso.jayawijayakab.go.id';
  const AUDIENCE = 'kinerja-walesi';
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ jwtIssuer: ISSUER, jwtAudience: AUDIENCE });
  });
  afterAll(() => app?.stop());

  it('accepts a token with the configured issuer and audience (control)', async () => {
    const token = await app.token('hr-portal', { roles: [Role.HR_ADMIN], issuer: ISSUER, audience: AUDIENCE });
    const result = await app.gql(VIEWER, {}, token);
    expect(result.status).toBe(200);
    expect(result.body.data?.viewer).toMatchObject({ subject: 'hr-portal', kind: 'CLIENT' });
    const write = await app.data<{ createUnit: { userErrors: unknown[] } }>(
      CREATE_UNIT,
      rootUnitInput('ISS-CONTROL'),
      token,
    );
    expect(write.createUnit.userErrors).toEqual([]);
  });

  it.each([
    ['a wrong issuer', { issuer: 'https://evil.example', audience: AUDIENCE }],
    ['a wrong audience', { issuer: ISSUER, audience: 'another-service' }],
    ['no issuer', { audience: AUDIENCE }],
    ['no audience', { issuer: ISSUER }],
    ['neither issuer nor audience', {}],
  ])('refuses %s, and a write with it changes nothing', async (name, claims) => {
    const token = await app.token('hr-portal', { roles: [Role.HR_ADMIN], ...claims });
    expectUnauthenticated(await app.gql(VIEWER, {}, token), name);
    const before = await app.fixtures.snapshot();
    expectUnauthenticated(await app.gql(CREATE_UNIT, rootUnitInput('ISS-REFUSED'), token), `${name} (write)`);
    expect(await app.fixtures.snapshot()).toEqual(before);
  });
});

describe('authentication with an RS256 public key (algorithm confusion)', () => {
  let app: TestApp;
  let privateKey: KeyObject;
  let publicPem: string;
  let employee: Employee;

  beforeAll(async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    privateKey = pair.privateKey;
    publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    app = await TestApp.start({ token: { kind: 'publicKey', pem: publicPem, algorithms: ['RS256'] } });
    const unit = await app.fixtures.unit({ code: 'RSA-UNIT', kind: UnitKind.AGENCY });
    employee = await app.fixtures.employee({ unit, name: 'Agus Lokobal' });
  });
  afterAll(() => app?.stop());

  const rs256 = (claims: Record<string, unknown>, subject: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

  it('accepts a valid RS256 token, for an employee and for an HR admin client that writes', async () => {
    const result = await app.gql(VIEWER, {}, await rs256({}, employee.nip));
    expect(result.status).toBe(200);
    expect(result.body.data?.viewer).toEqual({
      subject: employee.nip,
      kind: 'EMPLOYEE',
      roles: [],
      employee: { id: toGlobalId('Employee', employee.rowId), name: 'Agus Lokobal' },
    });
    const write = await app.data<{ createUnit: { unit: { code: string } | null; userErrors: unknown[] } }>(
      CREATE_UNIT,
      rootUnitInput('RSA-CONTROL'),
      await rs256({ roles: [Role.HR_ADMIN] }, 'hr-portal'),
    );
    expect(write.createUnit).toEqual({ unit: { id: expect.any(String), code: 'RSA-CONTROL' }, userErrors: [] });
  });

  const confused: Array<[string, () => Promise<string>]> = [
    [
      'HS256 signed with the PEM text of the public key',
      () => signHs256({ sub: 'hr-portal', roles: [Role.HR_ADMIN], ...fresh() }, publicPem),
    ],
    [
      'HS256 signed with the PEM text, trimmed',
      () => signHs256({ sub: 'hr-portal', roles: [Role.HR_ADMIN], ...fresh() }, publicPem.trim()),
    ],
    [
      'HS256 signed with the DER bytes of the public key',
      () => signHs256({ sub: 'hr-portal', roles: [Role.HR_ADMIN], ...fresh() }, new Uint8Array(generateDer(publicPem))),
    ],
    [
      'HS256 signed with the development secret',
      () => signHs256({ sub: 'hr-portal', roles: [Role.HR_ADMIN], ...fresh() }),
    ],
    ['alg: none', async () => unsecuredToken({ sub: 'hr-portal', roles: [Role.HR_ADMIN], ...fresh() })],
    [
      'RS256 signed with another private key',
      () => {
        const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
        return new SignJWT({ roles: [Role.HR_ADMIN] })
          .setProtectedHeader({ alg: 'RS256' })
          .setSubject('hr-portal')
          .setExpirationTime('1h')
          .sign(other);
      },
    ],
    [
      'an expired RS256 token',
      () =>
        new SignJWT({ roles: [Role.HR_ADMIN] })
          .setProtectedHeader({ alg: 'RS256' })
          .setSubject('hr-portal')
          .setIssuedAt(nowSeconds() - 7200)
          .setExpirationTime(nowSeconds() - 3600)
          .sign(privateKey),
    ],
  ];

  it.each(confused)('refuses %s, and a write with it changes nothing', async (name, make) => {
    const token = await make();
    expectUnauthenticated(await app.gql(VIEWER, {}, token), name);
    const before = await app.fixtures.snapshot();
    expectUnauthenticated(await app.gql(CREATE_UNIT, rootUnitInput('RSA-REFUSED'), token), `${name} (write)`);
    expect(await app.fixtures.snapshot()).toEqual(before);
  });
});

/** The DER bytes of a PEM public key: another shape a confused verifier might use as an HMAC secret. */
function generateDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}
