import { rm } from 'node:fs/promises';
import { type ClusterState } from './layout';
import { stopProcess } from './processes';

/** Stops everything in `state`, front to back (instances, HAProxy, checks, nodes), then deletes the folder. */
export async function stopCluster(state: ClusterState, log: (text: string) => void = () => {}): Promise<void> {
  await Promise.all(state.instances.map((i) => stopProcess(i.pid, 'src/main.ts', 'SIGTERM', 15_000)));
  if (state.instances.length) log(`stopped ${state.instances.length} service instance(s)`);
  if (state.haproxy.pid) await stopProcess(state.haproxy.pid, 'haproxy', 'SIGTERM', 5_000);
  log('stopped HAProxy');
  await Promise.all(state.checks.map((c) => stopProcess(c.pid, 'galera-check', 'SIGTERM', 5_000)));
  // Joiners first, the bootstrap node last: a clean shutdown of every node in turn.
  for (const node of [...state.nodes].reverse()) {
    await stopProcess(node.pid, 'mariadbd', 'SIGTERM', 30_000);
    log(`stopped node ${node.index}`);
  }
  await rm(state.dir, { recursive: true, force: true });
  log(`deleted ${state.dir}`);
}
