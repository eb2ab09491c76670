import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { CLUSTER_DIR, readState } from './layout';
import { stopCluster } from './stop';

/** `npm run cluster:down`: stops what `cluster:up` started (by process id, from its state file) and deletes the folder. */
async function down(): Promise<void> {
  const state = await readState();
  if (!state) {
    if (existsSync(CLUSTER_DIR)) await rm(CLUSTER_DIR, { recursive: true, force: true });
    process.stdout.write(`No cluster is up (no state file in ${CLUSTER_DIR}).\n`);
    return;
  }
  const started = Date.now();
  await stopCluster(state, (text) => process.stdout.write(`${text}\n`));
  process.stdout.write(`Cluster down in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

down().catch((error: unknown) => {
  console.error(`cluster:down failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
