import fs from 'node:fs';
import path from 'node:path';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import { buildAppSchema, printAppSchema, unguardedOperations } from '../src/app/schema';

describe('the published schema', () => {
  it('matches the checked-in schema.graphql (run `npm run schema` after changing the API)', async () => {
    const checkedIn = fs.readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(await printAppSchema()).toBe(checkedIn);
  });

  it('declares a policy (@Allow) on every operation: default deny', async () => {
    await buildAppSchema();
    expect(unguardedOperations()).toEqual([]);
  });

  it('gives every mutation one input object and one payload named after it, with userErrors (docs/api.md, Mutations)', async () => {
    const schema = await buildAppSchema();
    const off: string[] = [];
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      const name = field.name[0]!.toUpperCase() + field.name.slice(1);
      const args = field.args.map((a) => `${a.name}: ${String(a.type)}`);
      if (args.join() !== `input: ${name}Input!`) off.push(`${field.name}(${args.join(', ')})`);
      if (String(field.type) !== `${name}Payload!`) off.push(`${field.name}: ${String(field.type)}`);
      const payload = getNamedType(field.type);
      if (!isObjectType(payload) || String(payload.getFields().userErrors?.type) !== '[UserError!]!')
        off.push(`${field.name}: no userErrors`);
    }
    expect(off).toEqual([]);
  });

  it('describes every type, field, argument and enum value (docs/api.md, Shape)', async () => {
    const schema = await buildAppSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args)
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      } else if (isEnumType(type)) {
        for (const value of type.getValues())
          if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      } else if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });
});
