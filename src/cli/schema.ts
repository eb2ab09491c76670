import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printAppSchema } from '../app/schema';
import { runCommand } from './cli-support';

/** `npm run schema`: writes the published contract `schema.graphql` from the code. */
void runCommand(async () => {
  const file = path.resolve(__dirname, '../../../schema.graphql');
  fs.writeFileSync(file, await printAppSchema());
  process.stdout.write(`Wrote ${path.relative(process.cwd(), file)}\n`);
});
