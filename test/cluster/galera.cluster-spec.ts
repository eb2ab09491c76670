import { randomBytes } from 'node:crypto';
import mysqlPromise from 'mysql2/promise';
import { type EntityManager } from 'typeorm';
import { Database } from '../../src/core/database/database';
import { lockedRow } from '../../src/core/database/row-locks';
import { updateVersioned } from '../../src/core/database/versioned-update';
import { UserErrorsException } from '../../src/core/errors/user-error';
import { ClosureTable } from '../../src/core/tree/closure-table';
import { Unit } from '../../src/modules/unit/unit.entity';
import { clusterEnv } from './cluster-env';

/**
 * What a Galera cluster does differently from one MariaDB, run on the three nodes of `npm run cluster:up`
 * (`cluster-env.ts`): a transaction that loses certification is run again whole; a lock taken on one node holds
 * on the others; instances migrating at once migrate once. Each test makes two transactions on different nodes
 * overlap: the first waits, before it commits, until the second has committed.
 */
const { nodeUrls } = clusterEnv();

let name: string;
let nodes: Database[];

/** The test database's URL on node `i`. */
function onNode(i: number): string {
  const url = new URL(nodeUrls[i]!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (connection: mysqlPromise.Connection) => Promise<T>): Promise<T> {
  const url = new URL(nodeUrls[0]!);
  const connection = await mysqlPromise.createConnection({
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/** Waits until every node has applied what node 0 committed (a read that waits for the cluster to catch up). */
async function synced(): Promise<void> {
  for (const node of nodes) {
    const runner = node.dataSource.createQueryRunner();
    try {
      await runner.query('SET SESSION wsrep_sync_wait = 1');
      await runner.query('SELECT 1');
    } finally {
      await runner.release();
    }
  }
}

/**
 * Runs `first` on node 0 and `second` on node 1 so that they overlap: `first`'s first attempt does its work, then
 * waits for `second` to commit before committing itself. Returns each one's result and how many attempts it took.
 */
async function overlap<A, B>(
  first: (em: EntityManager) => Promise<A>,
  second: (em: EntityManager) => Promise<B>,
): Promise<{ first: A; second: B; firstAttempts: number }> {
  let firstAttempts = 0;
  let releaseFirst!: () => void;
  const secondDone = new Promise<void>((resolve) => (releaseFirst = resolve));
  let firstReady!: () => void;
  const firstHasWritten = new Promise<void>((resolve) => (firstReady = resolve));
  const firstRun = nodes[0]!.transaction(async (em) => {
    firstAttempts++;
    const result = await first(em);
    if (firstAttempts === 1) {
      firstReady();
      await secondDone;
    }
    return result;
  });
  await firstHasWritten;
  const secondResult = await nodes[1]!.transaction(second);
  releaseFirst();
  return { first: await firstRun, second: secondResult, firstAttempts };
}

async function insertUnit(code: string, parentId: number | null): Promise<number> {
  return nodes[0]!.transaction(async (em) => {
    const result = (await em.query(
      "INSERT INTO unit (code, name, kind, parent_id, version, created_at, updated_at) VALUES (?, ?, 'AGENCY', ?, 1, NOW(), NOW())",
      [code, `Unit ${code}`, parentId],
    )) as { insertId: number };
    await new ClosureTable('unit_closure').insertNode(em, result.insertId, parentId);
    return result.insertId;
  });
}

beforeAll(async () => {
  name = `kinerja_cluster_t${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
  nodes = await Promise.all(nodeUrls.map((_, i) => Database.connect(onNode(i), { poolSize: 4 })));
}, 60_000);

afterAll(async () => {
  await Promise.all((nodes ?? []).map((node) => node.close()));
  await admin((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``));
}, 60_000);

describe('on a Galera cluster', () => {
  it('migrates once when every node starts migrating at the same moment', async () => {
    const applied = await Promise.all(nodes.map((node) => node.runMigrations()));
    const all = nodes[0]!.migrationNames();
    // One instance applied them all; the others waited for the lease and found nothing left.
    expect(applied.filter((names) => names.length > 0)).toEqual([all]);
    await synced();
    for (const node of nodes) {
      const rows = (await node.dataSource.query('SELECT name FROM migrations ORDER BY id')) as Array<{ name: string }>;
      expect(rows.map((r) => r.name)).toEqual(all);
    }
  }, 300_000);

  it('runs a transaction that lost certification again, whole, with the result it would have had alone', async () => {
    await nodes[0]!.dataSource.query("INSERT INTO lock_row (name, generation) VALUES ('test:counter', 0)");
    await synced();
    const bump = (em: EntityManager) =>
      em.query("UPDATE lock_row SET generation = generation + 1 WHERE name = 'test:counter'");
    const { firstAttempts } = await overlap(bump, bump);
    expect(firstAttempts).toBe(2);
    await synced();
    for (const node of nodes) {
      const [row] = (await node.dataSource.query("SELECT generation FROM lock_row WHERE name = 'test:counter'")) as [
        { generation: number },
      ];
      expect(Number(row.generation)).toBe(2);
    }
  }, 60_000);

  it('ends a retried update with a stale expectedVersion as CONFLICT, never as an overwrite', async () => {
    const id = await insertUnit(`V${randomBytes(3).toString('hex')}`, null);
    await synced();
    const rename = (to: string) => (em: EntityManager) =>
      updateVersioned(em, Unit, id, 1, { name: to }).then(
        () => 'updated',
        (error: unknown) => {
          if (error instanceof UserErrorsException) return error.errors.map((e) => e.code).join();
          throw error;
        },
      );
    const result = await overlap(rename('first'), rename('second'));
    expect(result).toMatchObject({ second: 'updated', first: 'CONFLICT', firstAttempts: 2 });
    await synced();
    const [row] = (await nodes[2 % nodes.length]!.dataSource.query('SELECT name, version FROM unit WHERE id = ?', [
      id,
    ])) as [{ name: string; version: number }];
    expect(row).toMatchObject({ name: 'second' });
    expect(Number(row.version)).toBe(2);
  }, 60_000);

  it('keeps two moves on different nodes from closing a loop in the unit tree', async () => {
    const a = await insertUnit(`A${randomBytes(3).toString('hex')}`, null);
    const b = await insertUnit(`B${randomBytes(3).toString('hex')}`, null);
    await synced();
    const tree = new ClosureTable('unit_closure');
    const move = (node: number, under: number) => async (em: EntityManager) => {
      if (await tree.wouldCycle(em, node, under)) return 'refused';
      // The closure rows alone: each move writes other rows than the other, so only the tree's lock can order them.
      await tree.moveSubtree(em, node, under);
      return 'moved';
    };
    const result = await overlap(move(a, b), move(b, a));
    expect(result).toMatchObject({ second: 'moved', first: 'refused', firstAttempts: 2 });
    await synced();
    const loops = (await nodes[0]!.dataSource.query(
      'SELECT COUNT(*) AS n FROM unit_closure WHERE ancestor_id = descendant_id AND depth > 0',
    )) as [{ n: number | string }];
    expect(Number(loops[0].n)).toBe(0);
    const [aboveA] = (await nodes[0]!.dataSource.query(
      'SELECT COUNT(*) AS n FROM unit_closure WHERE ancestor_id = ? AND descendant_id = ?',
      [b, a],
    )) as [{ n: number | string }];
    expect(Number(aboveA.n)).toBe(0);
  }, 60_000);

  it('makes a row lock taken on one node hold against the same lock on another', async () => {
    const id = await insertUnit(`L${randomBytes(3).toString('hex')}`, null);
    await synced();
    // Each locks the unit, then writes elsewhere: only the lock's own write can order them.
    const lockThenWrite = (mark: string) => async (em: EntityManager) => {
      const unit = await lockedRow(em, Unit, id);
      await em.query('INSERT INTO lock_row (name, generation) VALUES (?, 0)', [
        `test:${mark}:${randomBytes(3).toString('hex')}`,
      ]);
      return unit?.rowId;
    };
    const result = await overlap(lockThenWrite('first'), lockThenWrite('second'));
    expect(result.firstAttempts).toBe(2);
  }, 60_000);
});
