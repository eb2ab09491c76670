import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { nodeConfigFile, prepareNode, startNode, waitSynced } from './galera-node';
import { parseArgs, stringOption } from '../src/cli/cli-support';
import { haproxyConfig } from './haproxy';
import {
  API_FRONT_PORT,
  CLUSTER_DIR,
  type ClusterState,
  DATABASE,
  DB_FRONT_PORT,
  HAPROXY_STATS_PORT,
  JWT_SECRET,
  NODE_COUNT,
  REDIS_CHANNEL_PREFIX,
  REDIS_URL,
  STATE_FILE,
  instancePort,
  nodePorts,
  nodeUrl,
} from './layout';
import { spawnDetached, waitFor } from './processes';
import { stopCluster } from './stop';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..');
const NODE_FLAGS = ['--max-semi-space-size=32', '--heap-growing-percent=75'];

/**
 * `npm run cluster:up [-- --instances N] [--employees N] [--buffer-pool 128M] [--data-from DIR]`: a 3-node MariaDB
 * Galera cluster on 127.0.0.1 with HAProxy in front (`docs/cluster.md`), a small seeded region, and N service
 * instances (default 3) behind a second HAProxy front. `--data-from` starts node 1 from a prepared mariabackup of
 * another server (a province seeded there; the folder is moved into the cluster's), which the joiners then copy.
 * Everything runs in the background from one folder; `npm run cluster:down` stops it and deletes the folder. On
 * any failure what was started is stopped again and the exit code is 1.
 */

const { options } = parseArgs(process.argv.slice(2));

function numberOption(name: string, fallback: number): number {
  const raw = stringOption(options, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

const started = Date.now();
const step = (text: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${text}\n`);

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

/** Starts one service instance on its port; `databaseUrl` is the DB front unless an instance is pinned to a node. */
export function startInstance(dir: string, index: number, databaseUrl: string, redisUrl = REDIS_URL): number {
  return spawnDetached(process.execPath, [...NODE_FLAGS, '-r', '@swc-node/register', 'src/main.ts'], {
    log: join(dir, `app${index}.log`),
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(instancePort(index)),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_CHANNEL_PREFIX,
      JWT_SECRET,
      MIGRATE_ON_START: 'false',
      SEED_DEMO: 'false',
      EXPLORER: 'false',
      LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL || 'warn',
      RATE_LIMIT_COST_PER_MINUTE: '0',
    },
  });
}

export async function waitReady(url: string, timeoutMs: number): Promise<void> {
  await waitFor(`${url}/readyz`, timeoutMs, async () => {
    const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
    if (res.status === 200) return true;
    throw new Error(`status ${res.status}`);
  });
}

async function up(): Promise<void> {
  const instances = numberOption('instances', 3);
  const employees = numberOption('employees', 400);
  const bufferPool = stringOption(options, 'buffer-pool') ?? '128M';
  const dataFrom = stringOption(options, 'data-from');
  if (!/^\d+[MG]$/.test(bufferPool)) throw new Error('--buffer-pool takes a size such as 512M or 4G');
  if (existsSync(STATE_FILE))
    throw new Error(`${CLUSTER_DIR} holds a cluster already (${STATE_FILE}): run npm run cluster:down first.`);
  const ports = [
    DB_FRONT_PORT,
    API_FRONT_PORT,
    HAPROXY_STATS_PORT,
    ...Array.from({ length: NODE_COUNT }, (_, i) => Object.values(nodePorts(i + 1)).slice(1)).flat(),
    ...Array.from({ length: instances }, (_, i) => instancePort(i + 1)),
  ];
  const taken = [];
  for (const port of ports) if (!(await portFree(port))) taken.push(port);
  if (taken.length) throw new Error(`ports in use on 127.0.0.1: ${taken.join(', ')}`);
  if (!existsSync('/usr/lib/galera/libgalera_smm.so'))
    throw new Error('galera-4 is not installed (apt-get install galera-4)');
  await run('haproxy', ['-v']).catch(() => {
    throw new Error('haproxy is not installed (apt-get install -y haproxy)');
  });

  await mkdir(CLUSTER_DIR, { recursive: true, mode: 0o755 });
  step(`folder ${CLUSTER_DIR}`);
  const state: ClusterState = {
    dir: CLUSTER_DIR,
    startedAt: new Date().toISOString(),
    nodes: [],
    checks: [],
    haproxy: { pid: 0, configFile: join(CLUSTER_DIR, 'haproxy.cfg') },
    instances: [],
    dbFrontUrl: `mysql://root@127.0.0.1:${DB_FRONT_PORT}/${DATABASE}`,
    apiFrontUrl: `http://127.0.0.1:${API_FRONT_PORT}`,
    redisUrl: REDIS_URL,
    redisChannelPrefix: REDIS_CHANNEL_PREFIX,
    jwtSecret: JWT_SECRET,
  };
  const save = () => writeFile(STATE_FILE, JSON.stringify(state, null, 2));
  await save();
  try {
    // Galera: node 1 bootstraps a new cluster, 2 and 3 join it one after the other (each receives a full copy).
    for (let index = 1; index <= NODE_COUNT; index++) {
      await prepareNode(CLUSTER_DIR, index, { bufferPool, dataFrom: dataFrom && resolve(dataFrom) });
      const pid = startNode(CLUSTER_DIR, index, index === 1);
      state.nodes.push({ index, pid, mysqlUrl: nodeUrl(index), configFile: nodeConfigFile(CLUSTER_DIR, index) });
      await save();
      step(
        `node ${index}: mariadbd ${pid} on 127.0.0.1:${nodePorts(index).mysql} ${index === 1 ? 'bootstraps the cluster' : 'joins'}`,
      );
      // A joiner copies node 1's whole data directory first: minutes for a province.
      const status = await waitSynced(index, index, dataFrom ? 3_600_000 : 120_000);
      step(`node ${index}: ${status.state}, cluster size ${status.clusterSize}`);
    }
    await waitSynced(1, NODE_COUNT, 30_000);

    for (let index = 1; index <= NODE_COUNT; index++) {
      const p = nodePorts(index);
      const pid = spawnDetached(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          'cluster/galera-check.ts',
          '--listen',
          String(p.check),
          '--mysql',
          String(p.mysql),
        ],
        { log: join(CLUSTER_DIR, `check${index}.log`), cwd: ROOT },
      );
      state.checks.push({ index, pid, url: `http://127.0.0.1:${p.check}/` });
    }
    await save();
    for (const check of state.checks)
      await waitFor(`readiness check of node ${check.index}`, 30_000, async () =>
        (await fetch(check.url)).status === 200 ? true : undefined,
      );
    step(`readiness checks answer 200 on ${state.checks.map((c) => nodePorts(c.index).check).join(', ')}`);

    // The database, migrations and a small region, once, on node 1: Galera replicates them to the others.
    const admin = await mysql.createConnection({ host: '127.0.0.1', port: nodePorts(1).mysql, user: 'root' });
    await admin.query(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    step(`migrating and seeding ${employees} employees on node 1 (src/cli/seed.ts)`);
    if (employees > 0)
      await run(process.execPath, ['-r', '@swc-node/register', 'src/cli/seed.ts', '--employees', String(employees)], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: nodeUrl(1), LOG_LEVEL: 'warn' },
        timeout: 300_000,
      });
    else
      await run(process.execPath, ['-r', '@swc-node/register', 'src/cli/migrate.ts'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: nodeUrl(1), LOG_LEVEL: 'warn' },
        timeout: 300_000,
      });
    step('seeded');

    const numbers = Array.from({ length: instances }, (_, i) => i + 1);
    await writeFile(state.haproxy.configFile, haproxyConfig(numbers));
    await run('haproxy', ['-c', '-q', '-f', state.haproxy.configFile]);
    state.haproxy.pid = spawnDetached('haproxy', ['-W', '-db', '-f', state.haproxy.configFile], {
      log: join(CLUSTER_DIR, 'haproxy.log'),
    });
    await save();
    await waitFor('the database front', 20_000, async () => {
      const c = await mysql.createConnection({
        host: '127.0.0.1',
        port: DB_FRONT_PORT,
        user: 'root',
        database: DATABASE,
      });
      await c.end();
      return true;
    });
    step(
      `HAProxy ${state.haproxy.pid}: database front 127.0.0.1:${DB_FRONT_PORT}, stats http://127.0.0.1:${HAPROXY_STATS_PORT}/`,
    );

    for (const index of numbers) {
      const pid = startInstance(CLUSTER_DIR, index, state.dbFrontUrl);
      state.instances.push({
        index,
        pid,
        url: `http://127.0.0.1:${instancePort(index)}`,
        databaseUrl: state.dbFrontUrl,
      });
    }
    await save();
    for (const instance of state.instances) {
      await waitReady(instance.url, 90_000);
      step(`instance ${instance.index}: ${instance.url}/graphql ready`);
    }
    if (instances > 0) await waitReady(state.apiFrontUrl, 20_000);

    process.stdout.write(
      [
        '',
        `Cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s (${CLUSTER_DIR}; logs there).`,
        `  Galera nodes:   ${state.nodes.map((n) => n.mysqlUrl).join('  ')}`,
        `  database front: ${state.dbFrontUrl}  (HAProxy, TCP; stats http://127.0.0.1:${HAPROXY_STATS_PORT}/)`,
        ...(instances > 0 ? [`  service front:  ${state.apiFrontUrl}/graphql  (HAProxy, HTTP and WebSocket)`] : []),
        ...state.instances.map((i) => `  instance ${i.index}:     ${i.url}/graphql`),
        `  events:         ${REDIS_URL}, channels ${REDIS_CHANNEL_PREFIX}:*`,
        `  tokens:         JWT_SECRET=${JWT_SECRET} DATABASE_URL=${state.dbFrontUrl} npm run token -- --nip <NIP>`,
        'Stop it with: npm run cluster:down',
        '',
      ].join('\n'),
    );
  } catch (error) {
    step('failed: stopping what was started');
    await stopCluster(state);
    throw error;
  }
}

if (require.main === module)
  up().catch((error: unknown) => {
    console.error(`cluster:up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
