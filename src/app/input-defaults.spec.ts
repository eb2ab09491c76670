import {
  buildSchema,
  GraphQLInputObjectType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { withInputDefaults } from './input-defaults';

const schema = buildSchema(`
  enum Cadence { MONTHLY QUARTERLY }
  input Deadline { day: String! kind: Cadence! = MONTHLY }
  input OpenInput { year: Int! cadence: Cadence! = QUARTERLY note: String = "none" deadlines: [Deadline!] }
  type Query { open(input: OpenInput!, more: [OpenInput!]): String }
`);
const definitions = (
  parse(
    `query Q($input: OpenInput!, $more: [OpenInput!], $n: Int, $sub: Boolean! = true, $d: OpenInput = { year: 2030 }) { open(input: $input, more: $more) }`,
  ).definitions[0] as OperationDefinitionNode
).variableDefinitions!;

describe('withInputDefaults', () => {
  it('writes out omitted defaults in wire form, nested in lists and objects', () => {
    const variables = {
      input: { year: 2027, deadlines: [{ day: '2027-01-31' }] },
      more: [{ year: 2028, cadence: 'MONTHLY' }],
    };
    expect(withInputDefaults(schema, definitions, variables)).toEqual({
      input: { year: 2027, cadence: 'QUARTERLY', note: 'none', deadlines: [{ day: '2027-01-31', kind: 'MONTHLY' }] },
      more: [{ year: 2028, cadence: 'MONTHLY', note: 'none' }],
      sub: true,
      d: { year: 2030, cadence: 'QUARTERLY', note: 'none' },
    });
  });

  it('leaves the caller’s variables unchanged, and returns them as they are when nothing is missing', () => {
    const variables = { input: { year: 2027 } };
    withInputDefaults(schema, definitions, variables);
    expect(variables).toEqual({ input: { year: 2027 } });
    const complete = {
      input: { year: 2027, cadence: 'MONTHLY', note: null, deadlines: null },
      n: 3,
      sub: false,
      d: null,
    };
    expect(withInputDefaults(schema, definitions, complete)).toBe(complete);
  });

  it('keeps an explicit null and values of the wrong shape for the executor to judge', () => {
    const variables = { input: { year: 2027, note: null }, more: 'not a list' };
    expect(withInputDefaults(schema, definitions, variables)).toEqual({
      input: { year: 2027, cadence: 'QUARTERLY', note: null },
      more: 'not a list',
      sub: true,
      d: { year: 2030, cadence: 'QUARTERLY', note: 'none' },
    });
  });

  it('fills a default object’s own defaults, and gives up (null) on a default with no literal form', () => {
    const Inner = new GraphQLInputObjectType({
      name: 'Inner',
      fields: {
        day: { type: GraphQLString },
        kind: { type: new GraphQLNonNull(GraphQLString), defaultValue: 'MONTHLY' },
      },
    });
    const Outer = new GraphQLInputObjectType({
      name: 'Outer',
      fields: { inner: { type: Inner, defaultValue: { day: 'x' } }, at: { type: DateTimeResolver } },
    });
    const Timed = new GraphQLInputObjectType({
      name: 'Timed',
      fields: { at: { type: DateTimeResolver, defaultValue: new Date('2027-01-31T00:00:00Z') } },
    });
    const programmatic = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: { f: { type: GraphQLString, args: { o: { type: Outer }, t: { type: Timed } } } },
      }),
    });
    const defs = (parse(`query Q($o: Outer, $t: Timed) { f(o: $o, t: $t) }`).definitions[0] as OperationDefinitionNode)
      .variableDefinitions!;
    expect(withInputDefaults(programmatic, defs, { o: {} })).toEqual({ o: { inner: { day: 'x', kind: 'MONTHLY' } } });
    expect(withInputDefaults(programmatic, defs, { t: {} })).toBeNull();
  });
});
