import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { operationPermissions, withPermissionsTable } from '../app/policy-doc';
import { runCommand } from './cli-support';

/** `npm run -s policy:doc`: the policy README's permissions table and `test/operation-permissions.txt`, from the code. */
void runCommand(async () => {
  const root = path.resolve(__dirname, '../../..');
  const readme = path.join(root, 'src/core/policy/README.md');
  fs.writeFileSync(readme, withPermissionsTable(fs.readFileSync(readme, 'utf8')));
  const snapshot = path.join(root, 'test/operation-permissions.txt');
  fs.writeFileSync(snapshot, await operationPermissions());
  process.stdout.write(`Wrote ${path.relative(process.cwd(), readme)} and ${path.relative(process.cwd(), snapshot)}\n`);
});
