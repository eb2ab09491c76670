import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { NODE_COUNT, nodePorts, type NodePorts } from './layout';
import { spawnDetached, waitFor } from './processes';

const run = promisify(execFile);

/**
 * One MariaDB Galera node of the loopback cluster: its configuration file, its data directory, starting it, and
 * reading its replication state. Run as the `mysql` user when started by root: the joiner's rsync state transfer
 * is refused otherwise ("Permission denied").
 */

export interface WsrepStatus {
  clusterSize: number;
  state: string;
  ready: boolean;
}

const asRoot = process.getuid?.() === 0;

export const nodeDir = (clusterDir: string, index: number): string => join(clusterDir, `node${index}`);
export const nodeConfigFile = (clusterDir: string, index: number): string => join(nodeDir(clusterDir, index), 'my.cnf');

/** How a node starts: its buffer pool, and for node 1 a data directory to start from instead of an empty one. */
export interface NodeOptions {
  bufferPool: string;
  dataFrom?: string;
}

function configuration(dir: string, ports: NodePorts, bufferPool: string): string {
  const peers = Array.from({ length: NODE_COUNT }, (_, i) => `127.0.0.1:${nodePorts(i + 1).galera}`).join(',');
  return [
    '[mysqld]',
    `datadir=${join(dir, 'data')}`,
    `port=${ports.mysql}`,
    'bind-address=127.0.0.1',
    `socket=${join(dir, 'mysqld.sock')}`,
    `pid-file=${join(dir, 'mysqld.pid')}`,
    `log-error=${join(dir, 'error.log')}`,
    ...(asRoot ? ['user=mysql'] : []),
    'character-set-server=utf8mb4',
    'collation-server=utf8mb4_unicode_ci',
    // What Galera requires: row-based replication, InnoDB, interleaved auto-increment locks.
    'binlog_format=ROW',
    'default_storage_engine=InnoDB',
    'innodb_autoinc_lock_mode=2',
    `innodb_buffer_pool_size=${bufferPool}`,
    // Durability comes from the other nodes holding the write set; a crashed node is rebuilt by state transfer.
    'innodb_flush_log_at_trx_commit=2',
    'max_connections=300',
    'wsrep_on=ON',
    'wsrep_provider=/usr/lib/galera/libgalera_smm.so',
    'wsrep_cluster_name=kinerja-loopback',
    `wsrep_cluster_address=gcomm://${peers}`,
    `wsrep_node_name=node${ports.index}`,
    'wsrep_node_address=127.0.0.1',
    `wsrep_provider_options="base_port=${ports.galera};gmcast.listen_addr=tcp://127.0.0.1:${ports.galera};ist.recv_addr=127.0.0.1:${ports.ist};gcache.size=128M;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S"`,
    'wsrep_sst_method=rsync',
    `wsrep_sst_receive_address=127.0.0.1:${ports.sst}`,
    'wsrep_slave_threads=2',
    // Reads wait until the node has applied every write set the cluster committed before them (docs/cluster.md).
    'wsrep_sync_wait=1',
    '',
  ].join('\n');
}

/**
 * Writes the node's folder and configuration; node 1 gets an initialised data directory (or takes a prepared
 * `mariabackup` folder, moved on the same file system, for a region too large to seed through the cluster),
 * joiners receive theirs by state transfer.
 */
export async function prepareNode(clusterDir: string, index: number, options: NodeOptions): Promise<void> {
  const dir = nodeDir(clusterDir, index);
  const ports = nodePorts(index);
  await mkdir(join(dir, 'data'), { recursive: true, mode: 0o755 });
  await writeFile(nodeConfigFile(clusterDir, index), configuration(dir, ports, options.bufferPool));
  if (index === 1 && options.dataFrom) {
    if (!existsSync(join(options.dataFrom, 'mysql')) || !existsSync(join(options.dataFrom, 'ibdata1')))
      throw new Error(`${options.dataFrom} is not a MariaDB data directory (a prepared mariabackup)`);
    // Moved, not copied: a province's data directory is tens of GB, and the joiners make two more copies.
    await rename(options.dataFrom, join(dir, 'data'));
  } else if (index === 1)
    await run(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${join(dir, 'data')}`,
        ...(asRoot ? ['--user=mysql'] : []),
        '--skip-test-db',
        '--auth-root-authentication-method=normal',
      ],
      { timeout: 120_000 },
    );
  if (asRoot) await chownTree(dir);
}

async function chownTree(path: string): Promise<void> {
  const { stdout } = await run('id', ['-u', 'mysql']);
  const uid = Number(stdout.trim());
  const gid = Number((await run('id', ['-g', 'mysql'])).stdout.trim());
  const walk = async (p: string): Promise<void> => {
    await chown(p, uid, gid);
    for (const entry of await readdir(p, { withFileTypes: true }))
      if (entry.isDirectory()) await walk(join(p, entry.name));
      else await chown(join(p, entry.name), uid, gid);
  };
  await walk(path);
}

/**
 * Starts mariadbd in the background: node 1 of a new cluster bootstraps it, the others join. `position` (from
 * `recoverPosition`) lets a node back from a crash ask for the write sets it missed (IST) rather than a full copy.
 */
export function startNode(clusterDir: string, index: number, bootstrap: boolean, position?: string): number {
  return spawnDetached(
    '/usr/sbin/mariadbd',
    [
      `--defaults-file=${nodeConfigFile(clusterDir, index)}`,
      ...(bootstrap ? ['--wsrep-new-cluster'] : []),
      ...(position ? [`--wsrep-start-position=${position}`] : []),
    ],
    { log: join(nodeDir(clusterDir, index), 'mariadbd.out') },
  );
}

/**
 * After a crash the node's state file says nothing of where it stopped (seqno -1): `--wsrep-recover` reads the
 * last committed write set from InnoDB, as the packaged `galera_recovery` does before a systemd start.
 */
export async function recoverPosition(clusterDir: string, index: number): Promise<string | undefined> {
  const log = join(nodeDir(clusterDir, index), 'recover.log');
  await run(
    '/usr/sbin/mariadbd',
    [`--defaults-file=${nodeConfigFile(clusterDir, index)}`, '--wsrep-recover', `--log-error=${log}`],
    { timeout: 120_000 },
  );
  const found = [...(await readFile(log, 'utf8')).matchAll(/Recovered position:\s+(\S+:-?\d+)/g)].pop();
  return found?.[1];
}

export async function wsrepStatus(index: number): Promise<WsrepStatus> {
  const connection = await mysql.createConnection({
    host: '127.0.0.1',
    port: nodePorts(index).mysql,
    user: 'root',
    connectTimeout: 1000,
  });
  try {
    const [rows] = await connection.query(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_local_state_comment', 'wsrep_ready')",
    );
    const s = new Map((rows as Array<{ Variable_name: string; Value: string }>).map((r) => [r.Variable_name, r.Value]));
    return {
      clusterSize: Number(s.get('wsrep_cluster_size') ?? 0),
      state: s.get('wsrep_local_state_comment') ?? '?',
      ready: s.get('wsrep_ready') === 'ON',
    };
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/** Waits until the node is Synced in a cluster of at least `clusterSize` nodes. */
export function waitSynced(index: number, clusterSize: number, timeoutMs: number): Promise<WsrepStatus> {
  return waitFor(`node ${index} Synced in a cluster of ${clusterSize}`, timeoutMs, async () => {
    const status = await wsrepStatus(index);
    if (status.ready && status.state === 'Synced' && status.clusterSize >= clusterSize) return status;
    throw new Error(`cluster size ${status.clusterSize}, ${status.state}`);
  });
}
