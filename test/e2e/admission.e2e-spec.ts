import net from 'node:net';
import { TestApp } from '../support/test-app';
import { Role } from '../../src/core/auth/role';
import { toGlobalId } from '../../src/core/graphql/global-id';
import { UnitKind } from '../../src/modules/unit/unit-kind';

/**
 * Admission comes after the body is read and the token checked (issue 15, item 2), and waiting operations take
 * turns between principals (item 4).
 */

/** Polls `condition` until it holds (the server's own counters), failing after `timeoutMs`. */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw socket that sends `POST /graphql` announcing 1000 bytes of body and sends only the first few. */
function slowSender(url: string): Promise<{ socket: net.Socket; closed: Promise<string> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"{ serv`,
        (error) => (error ? reject(error) : resolve({ socket, closed })),
      );
    });
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    const closed = new Promise<string>((r) => socket.once('close', () => r(received)));
  });
}

/** `promise`, or a failure when it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<T>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('slow senders (HEADERS_TIMEOUT_SECONDS, REQUEST_TIMEOUT_SECONDS, MAX_PENDING_REQUESTS)', () => {
  it('50 sockets that never finish their body hold no operation slot: a signed-in employee is answered', async () => {
    // Two slots, and the slow senders' time allowed far longer than the answer we wait for.
    const app = await TestApp.start({
      maxConcurrentOperations: 2,
      maxQueuedOperations: 100,
      headersTimeoutSeconds: 30,
      requestTimeoutSeconds: 30,
    });
    const senders: net.Socket[] = [];
    try {
      const unit = await app.fixtures.unit({ code: 'SLOW', kind: UnitKind.HEALTH_CENTRE });
      const { team } = await app.fixtures.supervisorWithTeam(unit, 1);
      const nurse = await app.token(team[0]!.nip);
      for (let i = 0; i < 50; i++) senders.push((await slowSender(app.url)).socket);
      await until(() => app.server.operations.pending() === 50, 'the 50 slow requests to arrive');

      const answer = await within(
        app.gql('{ viewer { subject employee { name } } }', {}, nurse),
        5000,
        'the nurse’s query',
      );
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({ viewer: { subject: team[0]!.nip, employee: { name: team[0]!.name } } });
      // They were all still there, waiting for their bodies.
      expect(senders.every((s) => !s.destroyed)).toBe(true);
      expect(app.server.operations.pending()).toBe(50);
    } finally {
      for (const s of senders) s.destroy();
      await app.stop();
    }
  });

  it('cuts off a body that trickles in slower than the request timeout (408, connection closed)', async () => {
    const app = await TestApp.start({ headersTimeoutSeconds: 1, requestTimeoutSeconds: 1 });
    try {
      const { socket, closed } = await slowSender(app.url);
      // A byte every 100 ms: the whole 1000 would take about 100 s.
      const drip = setInterval(() => socket.writable && socket.write(' '), 100);
      const started = Date.now();
      try {
        const received = await within(closed, 15_000, 'the cut-off');
        expect(received).toMatch(/^HTTP\/1\.1 408 /);
        expect(Date.now() - started).toBeLessThan(15_000);
      } finally {
        clearInterval(drip);
      }
      await until(() => app.server.operations.pending() === 0, 'the cut-off request to be forgotten');
      // The service answers as before.
      expect((await app.gql('{ serverInfo { name } }')).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('answers 503 at once past MAX_PENDING_REQUESTS requests not yet authenticated, and serves again once they go', async () => {
    const app = await TestApp.start({ maxPendingRequests: 3 });
    const senders: net.Socket[] = [];
    try {
      for (let i = 0; i < 3; i++) senders.push((await slowSender(app.url)).socket);
      await until(() => app.server.operations.pending() === 3, 'the 3 slow requests to arrive');
      const refused = await app.gql('{ serverInfo { name } }');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      senders.pop()!.destroy();
      await until(() => app.server.operations.pending() === 2, 'one slow request to go');
      expect((await app.gql('{ serverInfo { name } }')).status).toBe(200);
    } finally {
      for (const s of senders) s.destroy();
      await app.stop();
    }
  });

  it('answers a bad token 401 UNAUTHENTICATED at once, even with every slot taken and no room to wait', async () => {
    const app = await TestApp.start({ maxConcurrentOperations: 1, maxQueuedOperations: 0 });
    try {
      const release = await app.server.operations.hold('someone-else');
      const refused = await within(app.gql('{ serverInfo { name } }', {}, 'not-a-jwt'), 5000, 'the refusal');
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(app.server.operations.waiting()).toBe(0);
      // A good request finds the slot taken and the queue full.
      expect((await app.gql('{ serverInfo { name } }')).status).toBe(503);
      release();
      expect((await app.gql('{ serverInfo { name } }')).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});

describe('fair queuing between principals', () => {
  it('serves another principal’s query before a flood of heavy analytics from one principal drains', async () => {
    const app = await TestApp.start({ maxConcurrentOperations: 1, maxQueuedOperations: 100 });
    try {
      const unit = await app.fixtures.unit({ code: 'FAIR', kind: UnitKind.HEALTH_CENTRE });
      const { team } = await app.fixtures.supervisorWithTeam(unit, 2);
      const flooder = await app.token('flooding-analyst', { roles: [Role.ANALYST] });
      const hr = await app.token('hr-portal', { roles: [Role.HR_ADMIN] });
      const nurse = await app.token(team[0]!.nip);
      const opened = await app.data<{ openPeriod: { period: { id: string } } }>(
        'mutation { openPeriod(input: { year: 2031 }) { period { id } } }',
        {},
        hr,
      );
      const heavy = `{ analytics(unitId: "${toGlobalId('Unit', unit.rowId)}", periodId: "${opened.openPeriod.period.id}") {
        distribution { key employees } completion { key draft } achievement { key indicators } responsiveness { key realizations } trend { year rated } } }`;

      // Every slot taken, so that the whole flood is waiting before the nurse asks: the order is admission's alone.
      const release = await app.server.operations.hold('maintenance');
      const send = (label: string, query: string, token: string) =>
        app.gql(query, {}, token, { headers: { 'x-request-id': label } });
      const flood = Array.from({ length: 8 }, (_, i) => send(`flood-${i}`, heavy, flooder));
      await until(() => app.server.operations.waiting() === 8, 'the flood to queue');
      const nurseAnswer = send('nurse', '{ viewer { subject } }', nurse);
      await until(() => app.server.operations.waiting() === 9, 'the nurse to queue');
      release();

      const answers = await Promise.all([...flood, nurseAnswer]);
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 9 }, () => 200));
      // One operation at a time, in the order the server finished them: one of the flood, then the nurse's turn
      // (first come, first served would have put the nurse last).
      const finished = app.finishedRequestIds().filter((id) => id === 'nurse' || id.startsWith('flood-'));
      expect(finished).toHaveLength(9);
      expect(finished.indexOf('nurse')).toBe(1);
    } finally {
      await app.stop();
    }
  });
});
