import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';

/**
 * Processes of the loopback cluster: started detached (they outlive `cluster:up`, which only starts them), their
 * output in a log file, stopped by process id (never by name: other clusters and databases share the machine).
 */

export function spawnDetached(
  command: string,
  args: string[],
  options: { log: string; env?: NodeJS.ProcessEnv; cwd?: string },
): number {
  const out = openSync(options.log, 'a');
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  child.unref();
  return child.pid;
}

/** Alive and not a zombie (a killed child of a still-running parent stays in the table until it is reaped). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `pid` runs `command` (a state file left from before a reboot may name ids now used by others). */
export function runs(pid: number, command: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(command);
  } catch {
    return false;
  }
}

/**
 * Sends `signal` to the process group (a node's state-transfer scripts go with it); SIGKILL after `graceMs`. Only
 * when the process runs `command`.
 */
export async function stopProcess(
  pid: number,
  command: string,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 20_000,
): Promise<void> {
  const send = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      try {
        process.kill(pid, s);
      } catch {
        // Already gone.
      }
    }
  };
  if (!alive(pid) || !runs(pid, command)) return;
  send(signal);
  const deadline = Date.now() + graceMs;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      send('SIGKILL');
      await sleep(200);
      return;
    }
    await sleep(100);
  }
}

/** Polls `probe` until it returns a value (not undefined) or `timeoutMs` passes; the last failure is in the error. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s (${last})`);
    await sleep(intervalMs);
  }
}
