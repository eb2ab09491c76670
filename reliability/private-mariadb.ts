import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';

const run = promisify(execFile);

/**
 * A throwaway MariaDB server of its own (temporary data directory, its own port, loopback only, no grant tables),
 * so that a reliability script can stop and kill it without touching the machine's database.
 */
export class PrivateMariaDb {
  private child?: ChildProcess;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(port: number): Promise<PrivateMariaDb> {
    const dir = await mkdtemp(join(tmpdir(), 'kinerja-reliability-'));
    await run(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${join(dir, 'data')}`,
        '--user=root',
        '--skip-test-db',
        '--auth-root-authentication-method=normal',
      ],
      { timeout: 60_000 },
    );
    return new PrivateMariaDb(dir, port);
  }

  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}/kinerja_reliability`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        '--bind-address=127.0.0.1',
        '--user=root',
        '--skip-grant-tables',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=128M',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const c = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
        await c.end();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Stops the server: SIGTERM (a clean shutdown) or SIGKILL (a crash); resolves when it has exited. */
  async stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  async createDatabase(): Promise<void> {
    const c = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
    await c.query('CREATE DATABASE IF NOT EXISTS kinerja_reliability CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await c.end();
  }

  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    await rm(this.dir, { recursive: true, force: true });
  }
}
