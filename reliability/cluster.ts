import 'reflect-metadata';
import { spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SignJWT } from 'jose';
import mysql from 'mysql2/promise';
import { recoverPosition, startNode, waitSynced } from '../cluster/galera-node';
import { type ClusterState, STATE_FILE, instancePort, nodeUrl, readState } from '../cluster/layout';
import { alive, stopProcess, waitFor } from '../cluster/processes';
import { startInstance, waitReady } from '../cluster/up';
import { O1_DOCUMENT, O4_DOCUMENT, globalId, o4Value } from '../bench/operations';
import { pickPrincipals } from '../bench/principals';
import { Database } from '../src/core/database/database';
import { checkDomainInvariants } from '../src/core/database/domain-invariants';
import { type OpenSubscription, SubscriptionClient } from '../test/support/subscription-client';

/**
 * `npm run reliability:cluster`: the service on the loopback Galera cluster of `npm run cluster:up` (started here
 * and stopped again when none is up), under mixed load through the HAProxy front (`docs/cluster.md`; issue 20
 * item 3). In turn: a database node is SIGKILLed and brought back (it rejoins and syncs); a service instance is
 * SIGKILLed and restarted; storms of 50 conflicting writes to one record go to instances pinned to the three
 * nodes; pairs of concurrent `moveUnit`s on different nodes would together make a cycle. Exit code 1 when a check
 * fails: errors outside the failover windows, no answer within 5 s, not exactly one winner per storm, a cycle or a
 * closure table off its parent links, a realization whose version is not its audited updates, feedback without
 * its audit row, a subscriber that did not get each of its events exactly once.
 */

const ROOT = resolve(__dirname, '..');
/** Runs one of the cluster scripts with its progress on this terminal; rejects when it fails. */
const runScript = (script: string) =>
  new Promise<void>((done, fail) =>
    spawn(process.execPath, ['-r', '@swc-node/register', script], { cwd: ROOT, stdio: 'inherit' }).once(
      'exit',
      (code) => (code === 0 ? done() : fail(new Error(`${script} exited with ${code}`))),
    ),
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WINDOW_MS = 5_000;
const DEADLINE_MS = 10 * 60_000;
const STORMS = 3;
const STORM_SIZE = 50;
const MOVE_ROUNDS = 3;
const WRITERS = 4;
/** Pinned instances: one per database node (DATABASE_URL straight to it), for the storms and the moves. */
const PINNED = [11, 12, 13];

interface Sample {
  at: number;
  ok: boolean;
  op: string;
  code?: string;
}

type Row = Record<string, unknown>;

let started = Date.now();
const now = () => Date.now() - started;
const say = (text: string) => process.stdout.write(`[${(now() / 1000).toFixed(1)} s] ${text}\n`);

async function main(): Promise<boolean> {
  let state = await readState();
  const pinnedPids: number[] = [];
  const own = !state;
  // Bounded: past the deadline the run fails, and a cluster it started is stopped all the same.
  setTimeout(() => {
    console.error(`reliability:cluster: not done within ${DEADLINE_MS / 60_000} minutes`);
    for (const pid of pinnedPids)
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    if (own)
      spawnSync(process.execPath, ['-r', '@swc-node/register', 'cluster/down.ts'], { cwd: ROOT, stdio: 'inherit' });
    process.exit(1);
  }, DEADLINE_MS).unref();
  if (!state) {
    say('no cluster is up: starting one (npm run cluster:up)');
    await runScript('cluster/up.ts');
    state = (await readState())!;
  }
  const clients: SubscriptionClient[] = [];
  const db = await Database.connect(nodeUrl(1), { poolSize: 4 });
  try {
    return await experiment(state, db, clients, pinnedPids);
  } finally {
    await Promise.all(clients.map((c) => c.dispose().catch(() => undefined)));
    await Promise.all(pinnedPids.map((pid) => stopProcess(pid, 'src/main.ts', 'SIGTERM', 10_000)));
    await db.close();
    if (own) {
      say('stopping the cluster this run started (npm run cluster:down)');
      await runScript('cluster/down.ts');
    }
  }
}

async function experiment(
  state: ClusterState,
  db: Database,
  clients: SubscriptionClient[],
  pinnedPids: number[],
): Promise<boolean> {
  const secret = new TextEncoder().encode(state.jwtSecret);
  const token = (nip: string, roles: string[] = []) =>
    new SignJWT({ roles })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(nip)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
  const query = async (sql: string, params: unknown[] = []) => (await db.manager.query(sql, params)) as Row[];
  const saveState = () => writeFile(STATE_FILE, JSON.stringify(state, null, 2));

  // Who does what, from the seeded region (the bench's principals: a supervisor of about 100, writers on their own plans).
  const connection = await mysql.createConnection({ uri: nodeUrl(1) });
  const principals = await pickPrincipals(connection, WRITERS + 1, 'Asia/Jayapura');
  await connection.end();
  const writers = principals.writers.slice(0, WRITERS);
  const stormSlot = principals.writers[WRITERS]!;
  const supervisorToken = await token(principals.supervisor.nip);
  const hrToken = await token(principals.hrAdmin.nip, ['HR_ADMIN']);
  const appraisalOf = async (realizationId: number) =>
    Number((await query('SELECT appraisal_id AS a FROM realization WHERE id = ?', [realizationId]))[0]!.a);
  const watched = [...writers, stormSlot];
  const watchedAppraisals = await Promise.all(watched.map((w) => appraisalOf(w.realizationId)));
  // Feedback goes to two of the supervisor's reports; a supervisor with many entries waiting reviews them.
  const recipients = await query(
    `SELECT e.id, e.nip, a.id AS appraisal FROM employee e JOIN appraisal a ON a.employee_id = e.id AND a.status = 'APPROVED'
      WHERE e.supervisor_id = ? AND e.active = 1 ORDER BY e.id LIMIT 2`,
    [principals.supervisor.id],
  );
  const reviewerRow = (
    await query(
      `SELECT s.nip, s.id FROM daily_activity d JOIN employee e ON e.id = d.employee_id JOIN employee s ON s.id = e.supervisor_id
        WHERE d.status = 'SUBMITTED' AND s.active = 1 GROUP BY s.id, s.nip ORDER BY COUNT(*) DESC LIMIT 1`,
    )
  )[0]!;
  const reviewed = await query(
    `SELECT e.id, e.nip FROM daily_activity d JOIN employee e ON e.id = d.employee_id
      WHERE d.status = 'SUBMITTED' AND e.supervisor_id = ? AND e.active = 1 GROUP BY e.id, e.nip ORDER BY COUNT(*) DESC LIMIT 2`,
    [reviewerRow.id],
  );
  const toReview = await query(
    `SELECT id, version FROM daily_activity WHERE status = 'SUBMITTED' AND employee_id IN (?, ?) ORDER BY id`,
    [reviewed[0]!.id, reviewed[1]!.id],
  );
  const reviewerToken = await token(String(reviewerRow.nip));

  // What each subscriber should receive is read from the database: realization versions, feedback rows, reviews.
  const counts = async () => ({
    versions: await Promise.all(
      watched.map(async (w) =>
        Number((await query('SELECT version FROM realization WHERE id = ?', [w.realizationId]))[0]!.version),
      ),
    ),
    feedback: await Promise.all(
      recipients.map(async (r) =>
        Number((await query('SELECT COUNT(*) AS n FROM feedback WHERE recipient_employee_id = ?', [r.id]))[0]!.n),
      ),
    ),
    reviews: await Promise.all(
      reviewed.map(async (r) =>
        Number(
          (
            await query(`SELECT COUNT(*) AS n FROM daily_activity WHERE employee_id = ? AND status <> 'SUBMITTED'`, [
              r.id,
            ])
          )[0]!.n,
        ),
      ),
    ),
  });
  type Counts = Awaited<ReturnType<typeof counts>>;
  interface Watch {
    label: string;
    instance: number;
    sub: OpenSubscription<unknown>;
    expected: (from: Counts, to: Counts) => number;
    from?: Counts;
    closedByKill?: boolean;
    /** Each event names a different record (feedback, entry): a repeated one is a duplicate. */
    unique?: boolean;
  }
  const watches: Watch[] = [];
  const subscribeOn = async (instance: { index: number; url: string }) => {
    const opened: Watch[] = [];
    for (const [i, w] of watched.entries()) {
      const client = new SubscriptionClient(`${instance.url}/graphql`, await token(w.nip));
      clients.push(client);
      await client.connected(10_000);
      opened.push({
        label: `appraisalChanged of ${i < WRITERS ? `writer ${i + 1}` : 'the storm target'}`,
        instance: instance.index,
        sub: client.subscribe('subscription($id: ID!) { appraisalChanged(id: $id) { id } }', {
          id: globalId('Appraisal', watchedAppraisals[i]!),
        }),
        expected: (from, to) => to.versions[i]! - from.versions[i]!,
      });
    }
    for (const [i, r] of recipients.entries()) {
      const client = new SubscriptionClient(`${instance.url}/graphql`, await token(String(r.nip)));
      clients.push(client);
      await client.connected(10_000);
      opened.push({
        label: `feedbackReceived of report ${i + 1}`,
        instance: instance.index,
        sub: client.subscribe('subscription { feedbackReceived { id } }'),
        unique: true,
        expected: (from, to) => to.feedback[i]! - from.feedback[i]!,
      });
    }
    for (const [i, r] of reviewed.entries()) {
      const client = new SubscriptionClient(`${instance.url}/graphql`, await token(String(r.nip)));
      clients.push(client);
      await client.connected(10_000);
      opened.push({
        label: `activityReviewed of employee ${i + 1}`,
        instance: instance.index,
        sub: client.subscribe('subscription { activityReviewed { id } }'),
        unique: true,
        expected: (from, to) => to.reviews[i]! - from.reviews[i]!,
      });
    }
    return opened;
  };

  for (const instance of state.instances) watches.push(...(await subscribeOn(instance)));
  await sleep(1_000); // subscriptions are registered once the server has read the subscribe message
  const beginning = await counts();
  for (const w of watches) w.from = beginning;
  const feedbackBefore = Number((await query('SELECT COALESCE(MAX(id), 0) AS n FROM feedback'))[0]!.n);
  say(
    `${watches.length} subscriptions open on ${state.instances.length} instances; load through ${state.apiFrontUrl} ` +
      `(2 dashboard readers, ${WRITERS} realization writers, feedback, activity reviews)`,
  );

  // The load: through the service front, until stopped; a gate pauses it (no request in flight) when asked.
  const samples: Sample[] = [];
  started = Date.now();
  let stop = false;
  let gate: Promise<void> | undefined;
  let inFlight = 0;
  const post = async (op: string, url: string, authorization: string, queryText: string, variables: Row) => {
    while (gate) await gate;
    inFlight += 1;
    try {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${authorization}` },
        body: JSON.stringify({ query: queryText, variables }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await res.json()) as {
        data?: Record<string, Row | null>;
        errors?: Array<{ extensions?: { code?: string } }>;
      };
      samples.push({
        at: now(),
        ok: res.status === 200 && !body.errors,
        op,
        code: body.errors?.[0]?.extensions?.code ?? (res.status === 200 ? undefined : `HTTP ${res.status}`),
      });
      return body;
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      samples.push({ at: now(), ok: false, op, code: `NETWORK (${cause?.code ?? cause?.message ?? String(error)})` });
      return undefined;
    } finally {
      inFlight -= 1;
    }
  };
  const front = state.apiFrontUrl;
  const loops: Array<Promise<void>> = [];
  for (let i = 0; i < 2; i++)
    loops.push(
      (async () => {
        while (!stop) await post('dashboard', front, supervisorToken, O1_DOCUMENT, { n: 20 });
      })(),
    );
  for (const [i, w] of writers.entries())
    loops.push(
      (async () => {
        const mine = await token(w.nip);
        let version = Number(
          (await query('SELECT version FROM realization WHERE id = ?', [w.realizationId]))[0]!.version,
        );
        while (!stop) {
          const body = await post('realization', front, mine, O4_DOCUMENT, {
            input: {
              indicatorId: w.indicatorGlobalId,
              subPeriod: w.subPeriod,
              expectedVersion: version,
              value: o4Value(version + i),
            },
          });
          const result = body?.data?.recordRealization as
            { realization?: { version: number }; userErrors?: Array<{ currentVersion?: number | null }> } | undefined;
          if (result?.realization) version = result.realization.version;
          else if (result?.userErrors?.[0]?.currentVersion) version = result.userErrors[0].currentVersion;
          else await sleep(100);
        }
      })(),
    );
  loops.push(
    (async () => {
      let n = 0;
      while (!stop) {
        const r = recipients[n++ % recipients.length]!;
        await post(
          'feedback',
          front,
          supervisorToken,
          'mutation($input: GiveFeedbackInput!) { giveFeedback(input: $input) { feedback { id } userErrors { code } } }',
          {
            input: {
              target: 'APPRAISAL',
              targetId: globalId('Appraisal', Number(r.appraisal)),
              text: `Umpan balik ${n}`,
            },
          },
        );
        await sleep(100);
      }
    })(),
  );
  loops.push(
    (async () => {
      for (const activity of toReview) {
        if (stop) break;
        await post(
          'review',
          front,
          reviewerToken,
          'mutation($input: ReviewActivityInput!) { reviewActivity(input: $input) { activity { id } userErrors { code } } }',
          {
            input: {
              id: globalId('DailyActivity', Number(activity.id)),
              decision: 'ACKNOWLEDGE',
              expectedVersion: Number(activity.version),
            },
          },
        );
        await sleep(150);
      }
    })(),
  );
  const pause = async () => {
    let open!: () => void;
    gate = new Promise((r) => (open = r));
    while (inFlight > 0) await sleep(20);
    return () => {
      gate = undefined;
      open();
    };
  };

  // 1. A database node is SIGKILLed, then started again: it rejoins the cluster and syncs.
  await sleep(4_000);
  const victim = state.nodes[2]!;
  process.kill(victim.pid, 'SIGKILL');
  const dbKillAt = now();
  say(`SIGKILLed database node ${victim.index} (mariadbd ${victim.pid})`);
  await waitFor('the killed node to exit', 10_000, async () => (alive(victim.pid) ? undefined : true));
  await sleep(5_000);
  const dbRestartAt = now();
  const position = await recoverPosition(state.dir, victim.index);
  victim.pid = startNode(state.dir, victim.index, false, position);
  await saveState();
  say(
    `node ${victim.index} started again (mariadbd ${victim.pid}, recovered position ${position ?? 'unknown'}): rejoining`,
  );
  await waitSynced(victim.index, 3, 180_000);
  await waitFor('its readiness check', 30_000, async () =>
    (await fetch(state.checks[2]!.url)).status === 200 ? true : undefined,
  );
  const dbSyncedAt = now();
  say(
    `node ${victim.index} Synced in a cluster of 3, ${((dbSyncedAt - dbRestartAt) / 1000).toFixed(1)} s after its start`,
  );

  // Instances pinned to each node, for the storms and the moves (their start overlaps the next step).
  for (const [k, index] of PINNED.entries())
    pinnedPids.push(startInstance(state.dir, index, nodeUrl(k + 1), state.redisUrl));
  const pinnedReady = Promise.all(PINNED.map((index) => waitReady(`http://127.0.0.1:${instancePort(index)}`, 120_000)));

  // 2. A service instance is SIGKILLed and restarted; its subscribers subscribe again once it is back.
  await sleep(3_000);
  const instance = state.instances[1]!;
  process.kill(instance.pid, 'SIGKILL');
  const instanceKillAt = now();
  say(`SIGKILLed service instance ${instance.index} (pid ${instance.pid})`);
  for (const w of watches) if (w.instance === instance.index) w.closedByKill = true;
  await waitFor('the killed instance to exit', 10_000, async () => (alive(instance.pid) ? undefined : true));
  instance.pid = startInstance(state.dir, instance.index, instance.databaseUrl, state.redisUrl);
  await saveState();
  await waitReady(instance.url, 120_000);
  const instanceReadyAt = now();
  say(
    `instance ${instance.index} ready again ${((instanceReadyAt - instanceKillAt) / 1000).toFixed(1)} s after the kill`,
  );
  {
    const resume = await pause();
    await sleep(700); // events of the last writes reach every instance first
    const reopened = await subscribeOn(instance);
    await sleep(1_000);
    const at = await counts();
    for (const w of reopened) w.from = at;
    watches.push(...reopened);
    resume();
  }

  // 3. Conflict storms: 50 writes of one realization with the same expectedVersion, over the three nodes at once.
  await pinnedReady;
  say(`pinned instances ready on ${PINNED.map(instancePort).join(', ')} (one per database node)`);
  const pinnedUrl = (i: number) => `http://127.0.0.1:${instancePort(PINNED[i % PINNED.length]!)}`;
  const problems: string[] = [];
  const stormToken = await token(stormSlot.nip);
  const storms: string[] = [];
  for (let s = 0; s < STORMS; s++) {
    const version = Number(
      (await query('SELECT version FROM realization WHERE id = ?', [stormSlot.realizationId]))[0]!.version,
    );
    const answers = await Promise.all(
      Array.from({ length: STORM_SIZE }, (_, i) =>
        post('storm', pinnedUrl(i), stormToken, O4_DOCUMENT, {
          input: {
            indicatorId: stormSlot.indicatorGlobalId,
            subPeriod: stormSlot.subPeriod,
            expectedVersion: version,
            value: (i % 90) + 1,
          },
        }),
      ),
    );
    const results = answers.map(
      (b) => b?.data?.recordRealization as { realization?: unknown; userErrors?: Array<{ code: string }> } | undefined,
    );
    const winners = results.filter((r) => r?.realization).length;
    const conflicts = results.filter((r) => r?.userErrors?.[0]?.code === 'CONFLICT').length;
    const other = STORM_SIZE - winners - conflicts;
    const after = Number(
      (await query('SELECT version FROM realization WHERE id = ?', [stormSlot.realizationId]))[0]!.version,
    );
    storms.push(`${winners} winner, ${conflicts} CONFLICT, ${other} other, version ${version}→${after}`);
    if (winners !== 1 || other !== 0 || after !== version + 1)
      problems.push(`storm ${s + 1}: ${storms[s]} (want 1 winner, ${STORM_SIZE - 1} CONFLICT, version +1)`);
  }
  say(`conflict storms: ${storms.join('; ')}`);

  // 4. Concurrent moves on different nodes that together would make a cycle: A under B and B under A.
  const moves: string[] = [];
  for (let round = 0; round < MOVE_ROUNDS; round++) {
    const leaves = await query(
      `SELECT u.id, u.version FROM unit u WHERE u.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unit c WHERE c.parent_id = u.id) ORDER BY u.id LIMIT ?`,
      [2 + round],
    );
    const [a, b] = [leaves[round]!, leaves[round + 1]!];
    const move = (i: number, unit: Row, parent: Row) =>
      post(
        'moveUnit',
        pinnedUrl(i),
        hrToken,
        'mutation($input: MoveUnitInput!) { moveUnit(input: $input) { unit { id } userErrors { code } } }',
        {
          input: {
            id: globalId('Unit', Number(unit.id)),
            parentId: globalId('Unit', Number(parent.id)),
            expectedVersion: Number(unit.version),
          },
        },
      );
    const [ab, ba] = await Promise.all([move(round, a, b), move(round + 1, b, a)]);
    const outcome = (body: Awaited<ReturnType<typeof move>>) => {
      const r = body?.data?.moveUnit as { unit?: unknown; userErrors?: Array<{ code: string }> } | undefined;
      return r?.unit ? 'moved' : (r?.userErrors?.[0]?.code ?? 'error');
    };
    moves.push(`units ${String(a.id)}/${String(b.id)}: ${outcome(ab)} + ${outcome(ba)}`);
    if (outcome(ab) === 'moved' && outcome(ba) === 'moved')
      problems.push(`both moves of units ${String(a.id)} and ${String(b.id)} succeeded`);
  }
  say(`concurrent moves: ${moves.join('; ')}`);

  stop = true;
  await Promise.all(loops);
  await sleep(2_000); // the last events reach the subscribers
  const end = await counts();

  // Findings.
  const windows = [
    { name: 'database node killed', from: dbKillAt, to: dbKillAt + WINDOW_MS },
    { name: 'database node rejoining', from: dbRestartAt, to: dbSyncedAt + WINDOW_MS },
    { name: 'service instance killed', from: instanceKillAt, to: instanceKillAt + WINDOW_MS },
  ];
  const failures = samples.filter((s) => !s.ok);
  const outside = failures.filter((s) => !windows.some((w) => s.at >= w.from && s.at <= w.to));
  if (outside.length)
    problems.push(
      `${outside.length} errors outside the failover windows (e.g. ${outside
        .slice(0, 3)
        .map((s) => `${s.op} at ${s.at} ms: ${s.code}`)
        .join('; ')})`,
    );
  // How long the service failed after an event: from it to the first success after the last error before `until`.
  const recovery = (from: number, until: number) => {
    const errors = failures.filter((s) => s.at >= from && s.at < until);
    const last = errors.length ? errors[errors.length - 1]!.at : from;
    const firstOk = samples.find((s) => s.ok && s.at > last);
    return { errors: errors.length, ms: (firstOk?.at ?? Infinity) - from };
  };
  samples.sort((x, y) => x.at - y.at);
  failures.sort((x, y) => x.at - y.at);
  const afterDbKill = recovery(dbKillAt, dbRestartAt);
  const whileRejoining = recovery(dbRestartAt, dbSyncedAt + WINDOW_MS);
  const afterInstanceKill = recovery(instanceKillAt, instanceReadyAt);
  if (afterDbKill.ms > WINDOW_MS) problems.push(`no answer within 5 s of the node's kill (${afterDbKill.ms} ms)`);
  if (whileRejoining.ms - (dbSyncedAt - dbRestartAt) > WINDOW_MS)
    problems.push(`no answer within 5 s of the node's rejoining (${whileRejoining.ms} ms after its start)`);
  if (afterInstanceKill.ms > WINDOW_MS)
    problems.push(`no answer within 5 s of the instance's kill (${afterInstanceKill.ms} ms)`);

  const cycles = await query(
    `WITH RECURSIVE up (start, id, steps) AS (SELECT id, parent_id, 1 FROM unit WHERE parent_id IS NOT NULL
       UNION ALL SELECT up.start, u.parent_id, up.steps + 1 FROM up JOIN unit u ON u.id = up.id WHERE u.parent_id IS NOT NULL AND up.steps < 100)
     SELECT DISTINCT start FROM up WHERE id = start OR steps >= 100`,
  );
  if (cycles.length)
    problems.push(`cycle in the unit tree through units ${cycles.map((c) => String(c.start)).join(', ')}`);
  const invariants = await checkDomainInvariants(db.manager, {
    realizationIds: watched.map((w) => w.realizationId),
    feedbackAfterId: feedbackBefore,
  });
  for (const check of invariants) if (!check.ok) problems.push(`${check.name}: ${check.detail}`);

  let delivered = 0;
  let checked = 0;
  for (const w of watches) {
    if (w.closedByKill) continue;
    const expected = w.expected(w.from!, end);
    const data = w.sub.received.filter((r) => r.data);
    const got = data.length;
    const ids = data.map((r) => JSON.stringify(r.data));
    const duplicates = w.unique ? ids.length - new Set(ids).size : 0;
    const errors = w.sub.received.filter((r) => r.errors).length;
    const firstError = w.sub.received.find((r) => r.errors)?.errors?.[0]?.message;
    checked += 1;
    delivered += got;
    if (got !== expected || errors || duplicates || w.sub.completed)
      problems.push(
        `${w.label} on instance ${w.instance}: ${got} events for ${expected} changes${duplicates ? `, ${duplicates} duplicates` : ''}${errors ? `, ${errors} errors ("${firstError}")` : ''}${w.sub.completed ? ', ended' : ''}`,
      );
  }

  const ok = samples.filter((s) => s.ok).length;
  const codes = [...new Set(failures.map((s) => s.code))].join(', ') || 'none';
  process.stdout.write(
    [
      '',
      `requests: ${samples.length} (${ok} ok, ${failures.length} failed: ${codes}) in ${(now() / 1000).toFixed(1)} s`,
      `database node killed at ${dbKillAt} ms: ${afterDbKill.errors} errors, all answered again ${afterDbKill.ms} ms after the kill`,
      `  restarted at ${dbRestartAt} ms, Synced at ${dbSyncedAt} ms (${dbSyncedAt - dbRestartAt} ms): ${whileRejoining.errors} errors while it rejoined`,
      `service instance killed at ${instanceKillAt} ms: ${afterInstanceKill.errors} errors, front answering ${afterInstanceKill.ms} ms after; instance ready again at ${instanceReadyAt} ms`,
      `conflict storms (${STORM_SIZE} writes each over 3 nodes): ${storms.join('; ')}`,
      `concurrent moves: ${moves.join('; ')}; ${cycles.length ? 'CYCLE' : 'no cycle'}`,
      ...invariants.map((c) => `${c.ok ? 'ok' : 'FAILED'}: ${c.name} (${c.detail})`),
      `subscriptions: ${checked} checked on ${state.instances.length} instances, ${delivered} events, each exactly once: ${problems.some((p) => p.includes(' events for ')) ? 'NO' : 'yes'}`,
      problems.length ? `PROBLEMS:\n  ${problems.join('\n  ')}` : 'every check holds',
      '',
    ].join('\n'),
  );
  return problems.length === 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
