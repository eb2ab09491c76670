import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the loopback cluster of `npm run cluster:up` lives: one folder, fixed ports on 127.0.0.1 (the machine's own
 * MariaDB keeps 3306), and a state file that `cluster:down`, `reliability:cluster` and the cluster tests read.
 */

export const CLUSTER_DIR = process.env.KINERJA_CLUSTER_DIR || join(tmpdir(), 'kinerja-cluster');
export const STATE_FILE = join(CLUSTER_DIR, 'state.json');

/** The database every instance uses (created by `cluster:up` on node 1; Galera replicates it). */
export const DATABASE = 'kinerja_cluster';
export const DB_FRONT_PORT = 3310;
export const API_FRONT_PORT = 4100;
export const HAPROXY_STATS_PORT = 8404;
/** Events cross instances through the machine's Redis, on channels of their own. */
export const REDIS_URL = process.env.CLUSTER_REDIS_URL || 'redis://127.0.0.1:6379';
export const REDIS_CHANNEL_PREFIX = 'kinerja-cluster';
/** Loopback only, throwaway: the instances and the scripts that sign tokens for them share it. */
export const JWT_SECRET = 'kinerja-cluster-loopback-secret-0123456789';

export interface NodePorts {
  /** 1, 2, 3. */
  index: number;
  mysql: number;
  /** Galera replication (gmcast). */
  galera: number;
  /** Incremental state transfer. */
  ist: number;
  /** Full state transfer (rsync daemon of the joiner). */
  sst: number;
  /** The HTTP readiness check HAProxy asks (`galera-check.ts`). */
  check: number;
}

export const NODE_COUNT = 3;

export function nodePorts(index: number): NodePorts {
  return {
    index,
    mysql: 3310 + index,
    galera: 4570 + index,
    ist: 4580 + index,
    sst: 4560 + index,
    check: 9200 + index,
  };
}

export const instancePort = (index: number): number => API_FRONT_PORT + index;

export const nodeUrl = (index: number, database = DATABASE): string =>
  `mysql://root@127.0.0.1:${nodePorts(index).mysql}/${database}`;

/** What `cluster:up` started, for `cluster:down` and the scripts that use the cluster. */
export interface ClusterState {
  dir: string;
  startedAt: string;
  nodes: Array<{ index: number; pid: number; mysqlUrl: string; configFile: string }>;
  checks: Array<{ index: number; pid: number; url: string }>;
  haproxy: { pid: number; configFile: string };
  instances: Array<{ index: number; pid: number; url: string; databaseUrl: string }>;
  dbFrontUrl: string;
  apiFrontUrl: string;
  redisUrl: string;
  redisChannelPrefix: string;
  jwtSecret: string;
}

export async function readState(): Promise<ClusterState | undefined> {
  try {
    return JSON.parse(await readFile(STATE_FILE, 'utf8')) as ClusterState;
  } catch {
    return undefined;
  }
}
