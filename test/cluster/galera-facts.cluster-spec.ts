import { type Connection } from 'mysql2/promise';
import { clusterEnv, connect } from './cluster-env';

/**
 * What Galera does differently from one MariaDB, shown on the loopback cluster: the reasons the service's locks
 * and retries must be cluster-wide (issue 20 item 2). A row lock holds only on its node; the commit of the later
 * writer is refused at certification with a deadlock error (1213); `GET_LOCK` is node-local.
 */
describe('Galera, as the service meets it', () => {
  const env = clusterEnv();
  const scratch = `kinerja_cluster_facts_${process.pid}`;
  let one: Connection;
  let two: Connection;

  beforeAll(async () => {
    one = await connect(env.nodeUrls[0]!);
    two = await connect(env.nodeUrls[1]!);
    await one.query(`CREATE DATABASE ${scratch}`);
    await one.query(`CREATE TABLE ${scratch}.counter (id INT PRIMARY KEY, n INT NOT NULL)`);
    await one.query(`INSERT INTO ${scratch}.counter VALUES (1, 0)`);
  });

  afterAll(async () => {
    await one.query(`DROP DATABASE IF EXISTS ${scratch}`);
    await Promise.all([one.end(), two.end()]);
  });

  it('locks a row FOR UPDATE on one node only: another node updates it at once, and the holder loses at commit', async () => {
    await one.query('START TRANSACTION');
    await one.query(`SELECT n FROM ${scratch}.counter WHERE id = 1 FOR UPDATE`);
    await one.query(`UPDATE ${scratch}.counter SET n = n + 1 WHERE id = 1`);

    const started = Date.now();
    await two.query(`UPDATE ${scratch}.counter SET n = n + 10 WHERE id = 1`);
    expect(Date.now() - started).toBeLessThan(2_000); // not blocked by node 1's lock

    await expect(one.query('COMMIT')).rejects.toMatchObject({ errno: 1213 });
    const [rows] = await two.query(`SELECT n FROM ${scratch}.counter WHERE id = 1`);
    expect(rows).toEqual([{ n: 10 }]);
  });

  it('grants the same GET_LOCK on two nodes at once', async () => {
    const name = `${scratch}_lock`;
    const [[a]] = (await one.query('SELECT GET_LOCK(?, 0) AS got', [name])) as unknown as [[{ got: number }]];
    const [[b]] = (await two.query('SELECT GET_LOCK(?, 0) AS got', [name])) as unknown as [[{ got: number }]];
    expect([a.got, b.got]).toEqual([1, 1]);
    await one.query('SELECT RELEASE_LOCK(?)', [name]);
    await two.query('SELECT RELEASE_LOCK(?)', [name]);
  });
});
