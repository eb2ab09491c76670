import 'reflect-metadata';
import { buildSchema, type GraphQLObjectType, type GraphQLResolveInfo, Kind } from 'graphql';
import { type RequestContext } from '../core/context/request-context';
import { Prefetched } from '../core/graphql/prefetched';
import { answerPrefetchedFields } from './prefetched-fields';
import { buildAppSchema } from './schema';

const infoWith = (argumentCount: number) =>
  ({ fieldNodes: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'b' }, arguments: Array.from({ length: argumentCount }, () => ({})) }] }) as unknown as GraphQLResolveInfo;

describe('answerPrefetchedFields', () => {
  it('answers from the prefetched value (null included) when called without arguments, else runs the resolver', () => {
    const schema = buildSchema('type Query { a: A } type A { b(x: Int): Int }');
    const field = (schema.getType('A') as GraphQLObjectType).getFields().b!;
    field.resolve = () => 'resolved';
    answerPrefetchedFields(schema, [['A', 'b']]);
    const prefetched = new Prefetched();
    const ctx = { prefetched } as RequestContext;
    const [ahead, none, empty] = [{}, {}, {}];
    prefetched.set(ahead, 'b', 7);
    prefetched.set(empty, 'b', null);
    expect(field.resolve!(ahead, {}, ctx, infoWith(0))).toBe(7);
    expect(field.resolve!(empty, {}, ctx, infoWith(0))).toBeNull();
    expect(field.resolve!(none, {}, ctx, infoWith(0))).toBe('resolved');
    expect(field.resolve!(ahead, { x: 1 }, ctx, infoWith(1))).toBe('resolved');
  });

  it('refuses, at start, a field without a resolver or one behind @Allow (the value would skip the guard)', async () => {
    const schema = await buildAppSchema();
    expect(() => answerPrefetchedFields(schema, [['Employee', 'name']])).toThrow(/has no resolver/);
    expect(() => answerPrefetchedFields(schema, [['Employee', 'nip']])).toThrow(/guard or middleware/);
  });
});
