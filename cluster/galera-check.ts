import { createServer } from 'node:http';
import mysql from 'mysql2/promise';

/**
 * The readiness check HAProxy asks for one Galera node (`option httpchk` with `check port`): 200 only when the node
 * is ready for queries (`wsrep_ready=ON`) and synced with the cluster (`wsrep_local_state=4`), 503 otherwise, so a
 * joiner or donor receiving or sending a state transfer, or a node cut off from the primary component, gets no
 * clients. One per node, as it would run on each database host (`docs/cluster.md`).
 *
 * Usage: node -r @swc-node/register cluster/galera-check.ts --listen <port> --mysql <port>
 */

function option(name: string): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = Number(process.argv[at + 1]);
  if (at < 0 || !Number.isInteger(value)) throw new Error(`--${name} <port> is required`);
  return value;
}

const listen = option('listen');
const mysqlPort = option('mysql');

async function nodeState(): Promise<{ ready: boolean; detail: string }> {
  const connection = await mysql.createConnection({
    host: '127.0.0.1',
    port: mysqlPort,
    user: 'root',
    connectTimeout: 1000,
  });
  try {
    const [rows] = await connection.query(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state', 'wsrep_local_state_comment')",
    );
    const status = new Map(
      (rows as Array<{ Variable_name: string; Value: string }>).map((r) => [r.Variable_name, r.Value]),
    );
    const ready = status.get('wsrep_ready') === 'ON' && status.get('wsrep_local_state') === '4';
    return {
      ready,
      detail: `wsrep_ready=${status.get('wsrep_ready')} state=${status.get('wsrep_local_state_comment')}`,
    };
  } finally {
    await connection.end().catch(() => undefined);
  }
}

createServer((_req, res) => {
  nodeState().then(
    ({ ready, detail }) => {
      res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' });
      res.end(`${detail}\n`);
    },
    (error: unknown) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end(`unreachable: ${error instanceof Error ? error.message : String(error)}\n`);
    },
  );
}).listen(listen, '127.0.0.1');
