import {
  execute,
  GraphQLError,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import * as jit from 'graphql-jit';
import { ApolloServer } from '@apollo/server';
import { compiledExecutor } from './compiled-executor';
import { formatError } from './format-error';

jest.mock('graphql-jit', () => {
  const actual = jest.requireActual<typeof jit>('graphql-jit');
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});

const resolved: string[] = [];

const Cadence = new GraphQLEnumType({ name: 'Cadence', values: { MONTHLY: { value: 'MONTHLY' }, QUARTERLY: { value: 'QUARTERLY' } } });
const OpenInput = new GraphQLInputObjectType({
  name: 'OpenInput',
  fields: { year: { type: new GraphQLNonNull(GraphQLInt) }, cadence: { type: new GraphQLNonNull(Cadence), defaultValue: 'QUARTERLY' } },
});
const Item: GraphQLObjectType = new GraphQLObjectType({
  name: 'Item',
  fields: () => ({
    id: { type: new GraphQLNonNull(GraphQLID) },
    twice: { type: new GraphQLNonNull(GraphQLInt), resolve: async (item: { n: number }) => item.n * 2 },
    fails: {
      type: GraphQLString,
      resolve: (item: { n: number }) => {
        if (item.n === 2) throw new Error('boom');
        if (item.n === 4) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
        return 'fine';
      },
    },
  }),
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Item))),
        args: { n: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: async (_root, { n }: { n: number }) => {
          resolved.push('items');
          return Array.from({ length: n }, (_, i) => ({ id: String(i + 1), n: i + 1 }));
        },
      },
      open: {
        type: GraphQLString,
        args: { input: { type: new GraphQLNonNull(OpenInput) } },
        resolve: (_root, { input }: { input: { year: number; cadence: string } }) => `${input.year}/${input.cadence}`,
      },
    },
  }),
});

type Executor = NonNullable<Awaited<ReturnType<NonNullable<ReturnType<typeof compiledExecutor>>['load']>>['executor']>;
/** What Apollo hands the gateway executor, reduced to what it reads. */
type ExecutorContext = Parameters<Executor>[0];

async function executorOf(): Promise<Executor> {
  const { executor } = await compiledExecutor(schema).load({ apollo: { keyHash: '', graphRef: '' } as never });
  if (!executor) throw new Error('the gateway gave no executor');
  return executor;
}

async function run(source: string | ReturnType<typeof parse>, variables: Record<string, unknown> = {}, operationName: string | null = null) {
  const document = typeof source === 'string' ? parse(source) : source;
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && (operationName === null || d.name?.value === operationName))!;
  const executor = await executorOf();
  return executor({ request: { variables }, document, operation, operationName, context: {} } as unknown as ExecutorContext);
}

const reference = (source: string, variables: Record<string, unknown> = {}) => execute({ schema, document: parse(source), variableValues: variables, contextValue: {} });

describe('the compiled executor', () => {
  beforeEach(() => {
    resolved.length = 0;
    jest.mocked(jit.compileQuery).mockClear();
  });

  it('answers as graphql-js does: aliases, fragments, async lists, and a field error with its path', async () => {
    const source = `query Q($n: Int!) { items(n: $n) { ...F alsoId: id fails } }  fragment F on Item { id twice }`;
    const ours = await run(source, { n: 3 });
    const theirs = await reference(source, { n: 3 });
    expect(JSON.stringify(ours)).toEqual(JSON.stringify(theirs));
    expect(ours.errors?.[0]?.path).toEqual(['items', 1, 'fails']);
  });

  it('hands Apollo real graphql-js errors, with extensions, the original error, path and locations', async () => {
    const { errors } = await run(`{ items(n: 2) { fails } }`);
    expect(errors).toHaveLength(1);
    const [error] = errors!;
    expect(Object.getPrototypeOf(error)).toBe(GraphQLError.prototype);
    expect(error!.extensions).toEqual({});
    expect(error!.originalError?.message).toBe('boom');
    expect([error!.path, error!.locations]).toEqual([['items', 1, 'fails'], [{ line: 1, column: 17 }]]);
  });

  it('through Apollo, a thrown error is ours to format: masked as INTERNAL_SERVER_ERROR, or SERVICE_UNAVAILABLE when the database is away', async () => {
    const apollo = new ApolloServer({ gateway: compiledExecutor(schema), formatError, includeStacktraceInErrorResponses: false });
    await apollo.start();
    try {
      const response = await apollo.executeOperation({ query: `{ items(n: 4) { id fails } }` });
      const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
      expect(body?.errors).toEqual([
        { message: 'Internal server error.', locations: [{ line: 1, column: 20 }], path: ['items', 1, 'fails'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        { message: 'The database is not answering; try again shortly.', locations: [{ line: 1, column: 20 }], path: ['items', 3, 'fails'], extensions: { code: 'SERVICE_UNAVAILABLE' } },
      ]);
    } finally {
      await apollo.stop();
    }
  });

  it('gives an omitted variable and an omitted input field their defaults, as graphql-js does', async () => {
    expect((await run(`query Q($n: Int! = 2) { items(n: $n) { id } }`)).data).toEqual({ items: [{ id: '1' }, { id: '2' }] });
    const source = `query Q($input: OpenInput!) { open(input: $input) }`;
    expect((await run(source, { input: { year: 2027 } })).data).toEqual({ open: '2027/QUARTERLY' });
    expect((await run(source, { input: { year: 2027, cadence: 'MONTHLY' } })).data).toEqual({ open: '2027/MONTHLY' });
  });

  it('refuses bad variables with graphql-js’s own errors (Apollo makes them 400 BAD_USER_INPUT) and resolves nothing', async () => {
    const source = `query Q($n: Int!) { items(n: $n) { id } }`;
    const ours = await run(source, { n: 'many' });
    const theirs = await reference(source, { n: 'many' });
    expect(ours.data).toBeUndefined();
    expect(ours.errors?.map((e) => [e.message, e.nodes?.[0]?.kind])).toEqual(theirs.errors?.map((e) => [e.message, e.nodes?.[0]?.kind]));
    expect(ours.errors?.[0]?.nodes?.[0]?.kind).toBe('VariableDefinition');
    expect(resolved).toEqual([]);
  });

  it('compiles each operation of a document once, however often it runs', async () => {
    const document = parse(`query A { items(n: 1) { id } } query B { items(n: 2) { id } }`);
    const executor = await executorOf();
    for (const name of ['A', 'B', 'A', 'B', 'A']) {
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && d.name?.value === name)!;
      const result = await executor({ request: {}, document, operation, operationName: name, context: {} } as unknown as ExecutorContext);
      expect(result.errors).toBeUndefined();
    }
    expect(jit.compileQuery).toHaveBeenCalledTimes(2);
  });
});
