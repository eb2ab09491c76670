import { type Connection } from 'mysql2/promise';
import { clusterEnv, clusterToken, connect } from './cluster-env';

/**
 * The loopback cluster of `npm run cluster:up` is one database: a write on one node is read on another, the
 * HAProxy fronts answer, and the migrations ran once (the same `migrations` rows on every node).
 */
describe('the Galera cluster (smoke)', () => {
  const env = clusterEnv();
  const scratch = `kinerja_cluster_smoke_${process.pid}`;
  let nodes: Connection[] = [];

  beforeAll(async () => {
    nodes = await Promise.all(env.nodeUrls.map((url) => connect(url)));
  });

  afterAll(async () => {
    await nodes[0]?.query(`DROP DATABASE IF EXISTS ${scratch}`);
    await Promise.all(nodes.map((n) => n.end()));
  });

  it('has three nodes, each Synced in a cluster of three', async () => {
    expect(nodes).toHaveLength(3);
    for (const node of nodes) {
      const [rows] = await node.query(
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_local_state_comment', 'wsrep_ready')",
      );
      const status = Object.fromEntries(
        (rows as Array<{ Variable_name: string; Value: string }>).map((r) => [r.Variable_name, r.Value]),
      );
      expect(status).toEqual({ wsrep_cluster_size: '3', wsrep_local_state_comment: 'Synced', wsrep_ready: 'ON' });
    }
  });

  it('reads on node 3 what was written on node 1 (and the other way round)', async () => {
    await nodes[0]!.query(`CREATE DATABASE ${scratch}`);
    await nodes[0]!.query(`CREATE TABLE ${scratch}.note (id INT PRIMARY KEY, text VARCHAR(40) NOT NULL)`);
    await nodes[0]!.query(`INSERT INTO ${scratch}.note VALUES (1, 'written on node 1')`);
    const [onThree] = await nodes[2]!.query(`SELECT text FROM ${scratch}.note WHERE id = 1`);
    expect(onThree).toEqual([{ text: 'written on node 1' }]);
    await nodes[2]!.query(`UPDATE ${scratch}.note SET text = 'changed on node 3' WHERE id = 1`);
    const [onOne] = await nodes[0]!.query(`SELECT text FROM ${scratch}.note WHERE id = 1`);
    expect(onOne).toEqual([{ text: 'changed on node 3' }]);
  });

  it('has the same migrations on every node, each applied once', async () => {
    const lists = [];
    for (const node of nodes) {
      const [rows] = await node.query('SELECT timestamp, name FROM migrations ORDER BY timestamp');
      lists.push(rows);
    }
    expect((lists[0] as unknown[]).length).toBeGreaterThan(0);
    expect(lists[1]).toEqual(lists[0]);
    expect(lists[2]).toEqual(lists[0]);
    const [dupes] = await nodes[0]!.query('SELECT name FROM migrations GROUP BY name HAVING COUNT(*) > 1');
    expect(dupes).toEqual([]);
  });

  it('answers through the database front, from a synced node', async () => {
    const front = await connect(env.frontUrl);
    try {
      const [rows] = await front.query(
        "SELECT @@wsrep_node_name AS node, (SELECT COUNT(*) FROM employee) AS employees, VARIABLE_VALUE AS state FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'",
      );
      const [row] = rows as Array<{ node: string; employees: number; state: string }>;
      expect(row!.node).toMatch(/^node[123]$/);
      expect(Number(row!.employees)).toBeGreaterThan(0);
      expect(row!.state).toBe('Synced');
    } finally {
      await front.end();
    }
  });

  it('answers GraphQL through the service front', async () => {
    const [rows] = await nodes[1]!.query(
      'SELECT e.nip FROM employee e WHERE e.active = 1 AND e.supervisor_id IS NOT NULL ORDER BY e.id LIMIT 1',
    );
    const [employee] = rows as Array<{ nip: string }>;
    expect((await fetch(`${env.apiUrl}/readyz`)).status).toBe(200);
    const res = await fetch(`${env.apiUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await clusterToken(employee!.nip)}`,
      },
      body: JSON.stringify({ query: '{ viewer { employee { nip } } }' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { viewer: { employee: { nip: employee!.nip } } } });
  });
});
