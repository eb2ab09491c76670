import fs from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'type-graphql';
import { operationPermissions, withPermissionsTable } from '../src/app/policy-doc';
import { policyTable } from '../src/app/policy-table';
import { buildAppSchema, resolvers } from '../src/app/schema';
import { type Permission } from '../src/core/policy/permission';

const read = (file: string) => fs.readFileSync(path.join(__dirname, '..', file), 'utf8');

describe('the policy, as documented', () => {
  it('src/core/policy/README.md lists every permission as the rules describe it (run `npm run -s policy:doc`)', () => {
    const readme = read('src/core/policy/README.md');
    expect(withPermissionsTable(readme)).toBe(readme);
  });

  it('test/operation-permissions.txt records the permission of every operation and guarded field (run `npm run -s policy:doc`)', async () => {
    expect(await operationPermissions()).toBe(read('test/operation-permissions.txt'));
  });

  it('every operation declares a permission that decides on the caller alone (a subject-bound rule cannot guard one)', async () => {
    await buildAppSchema();
    const storage = getMetadataStorage();
    const operations = new Set(
      [...storage.queries, ...storage.mutations, ...storage.subscriptions]
        .filter((op) => (resolvers as readonly unknown[]).includes(op.target))
        .map((op) => `${op.target.name}.${op.methodName}`),
    );
    const bound = storage.authorizedFields
      .filter((a) => operations.has(`${a.target.name}.${a.fieldName}`))
      .flatMap((a) =>
        (a.roles as Permission[])
          .filter((p) => policyTable[p].subject !== null)
          .map((p) => `${a.target.name}.${a.fieldName} ${p}`),
      );
    expect(bound).toEqual([]);
  });

  it('every guarded object field names a rule that reads the field’s parent (`fieldSubject`)', async () => {
    await buildAppSchema();
    const storage = getMetadataStorage();
    const operations = new Set(
      [...storage.queries, ...storage.mutations, ...storage.subscriptions].map(
        (op) => `${op.target.name}.${op.methodName}`,
      ),
    );
    const unfit = storage.authorizedFields
      .filter((a) => !operations.has(`${a.target.name}.${a.fieldName}`))
      .flatMap((a) =>
        (a.roles as Permission[])
          .filter((p) => policyTable[p].fieldSubject === undefined)
          .map((p) => `${a.target.name}.${a.fieldName} ${p}`),
      );
    expect(unfit).toEqual([]);
  });
});
