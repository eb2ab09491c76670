import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { SignJWT } from 'jose';
import { type ClusterState, JWT_SECRET, STATE_FILE } from '../../cluster/layout';

/**
 * The cluster the specs run against: CLUSTER_NODE_URLS (the Galera nodes' mysql URLs, comma-separated),
 * CLUSTER_FRONT_URL (the HAProxy database front) and CLUSTER_API_URL (the HAProxy service front), as `.ci/run`
 * sets them; otherwise the state file of `npm run cluster:up`.
 */
export interface ClusterEnv {
  nodeUrls: string[];
  frontUrl: string;
  apiUrl: string;
}

export function clusterEnv(): ClusterEnv {
  const { CLUSTER_NODE_URLS, CLUSTER_FRONT_URL, CLUSTER_API_URL } = process.env;
  if (CLUSTER_NODE_URLS && CLUSTER_FRONT_URL && CLUSTER_API_URL)
    return { nodeUrls: CLUSTER_NODE_URLS.split(','), frontUrl: CLUSTER_FRONT_URL, apiUrl: CLUSTER_API_URL };
  let state: ClusterState;
  try {
    state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as ClusterState;
  } catch {
    throw new Error(
      `No cluster: set CLUSTER_NODE_URLS, CLUSTER_FRONT_URL and CLUSTER_API_URL, or run npm run cluster:up (${STATE_FILE}).`,
    );
  }
  return { nodeUrls: state.nodes.map((n) => n.mysqlUrl), frontUrl: state.dbFrontUrl, apiUrl: state.apiFrontUrl };
}

/** A connection to one node (or the front), optionally to another database than the service's. */
export function connect(url: string, database?: string): Promise<mysql.Connection> {
  const u = new URL(url);
  return mysql.createConnection({
    host: u.hostname,
    port: Number(u.port),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password) || undefined,
    database: database ?? (u.pathname.slice(1) || undefined),
    multipleStatements: false,
  });
}

/** A bearer token the cluster's instances accept (they share the loopback secret of `cluster/layout.ts`). */
export function clusterToken(nip: string, roles: string[] = []): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(nip)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(JWT_SECRET));
}
