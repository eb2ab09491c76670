import {
  execute,
  GraphQLError,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type OperationDefinitionNode,
  parse,
  type DocumentNode,
} from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import * as jit from 'graphql-jit';
import { ApolloServer } from '@apollo/server';
import { compiledExecutor } from './compiled-executor';
import { formatError } from './format-error';

jest.mock('graphql-jit', () => {
  const actual = jest.requireActual<typeof jit>('graphql-jit');
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});

const resolved: string[] = [];

const Cadence = new GraphQLEnumType({
  name: 'Cadence',
  values: { MONTHLY: { value: 'MONTHLY' }, QUARTERLY: { value: 'QUARTERLY' } },
});
const OpenInput = new GraphQLInputObjectType({
  name: 'OpenInput',
  fields: {
    year: { type: new GraphQLNonNull(GraphQLInt) },
    cadence: { type: new GraphQLNonNull(Cadence), defaultValue: 'QUARTERLY' },
    head: { type: GraphQLID },
  },
});
const WhenInput = new GraphQLInputObjectType({
  name: 'WhenInput',
  fields: { at: { type: DateTimeResolver, defaultValue: new Date('2027-01-31T00:00:00Z') } },
});
const Named: GraphQLInterfaceType = new GraphQLInterfaceType({
  name: 'Named',
  fields: { name: { type: GraphQLString } },
  resolveType: (value: { kind?: string }) => {
    if (value.kind === 'person') return 'Person';
    throw new Error('no type for this value');
  },
});
const Person = new GraphQLObjectType({
  name: 'Person',
  interfaces: [Named],
  fields: { name: { type: GraphQLString } },
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
        if (item.n === 4)
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
        return 'fine';
      },
    },
  }),
});
const schema = new GraphQLSchema({
  types: [Person],
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
        // Which keys arrived, and their values: an omitted field must stay absent, not become null.
        resolve: (_root, { input }: { input: Record<string, unknown> }) => JSON.stringify(input),
      },
      when: {
        type: GraphQLString,
        args: { input: { type: WhenInput } },
        resolve: (_root, { input }: { input?: { at?: Date } }) => input?.at?.toISOString() ?? null,
      },
      named: {
        type: new GraphQLList(Named),
        resolve: async () => [
          { kind: 'person', name: 'Yosina' },
          { kind: 'unknown', name: '?' },
        ],
      },
    },
  }),
});

type Executor = NonNullable<Awaited<ReturnType<NonNullable<ReturnType<typeof compiledExecutor>>['load']>>['executor']>;
/** What Apollo hands the gateway executor, reduced to what it reads. */
type ExecutorContext = Parameters<Executor>[0];

async function executorOf(limit?: number, compileAfter?: number): Promise<Executor> {
  const { executor } = await compiledExecutor(schema, { limit, compileAfter }).load({
    apollo: { keyHash: '', graphRef: '' } as never,
  });
  if (!executor) throw new Error('the gateway gave no executor');
  return executor;
}

function operationOf(document: DocumentNode, operationName: string | null): OperationDefinitionNode {
  return document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === 'OperationDefinition' && (operationName === null || d.name?.value === operationName),
  )!;
}

const once = (
  executor: Executor,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName: string | null = null,
) =>
  executor({
    request: { variables },
    document,
    operation: operationOf(document, operationName),
    operationName,
    context: {},
  } as unknown as ExecutorContext);

/** The second run of a document on a fresh executor: the first warms it up on graphql-js, the second is compiled. */
async function run(source: string, variables: Record<string, unknown> = {}) {
  const executor = await executorOf();
  const document = parse(source);
  await once(executor, document, variables);
  return once(executor, document, variables);
}

const reference = (source: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  execute({ schema, document: parse(source), variableValues: variables, contextValue: {}, operationName });

const compilations = () => jest.mocked(jit.compileQuery).mock.calls.length;

describe('the compiled executor', () => {
  beforeEach(() => {
    resolved.length = 0;
    jest.mocked(jit.compileQuery).mockClear();
  });

  it('answers as graphql-js does: aliases, fragments, async lists, and a field error with its path', async () => {
    const source = `query Q($n: Int!) { items(n: $n) { ...F alsoId: id fails } }  fragment F on Item { id twice }`;
    const ours = await run(source, { n: 3 });
    expect(compilations()).toBe(1);
    expect(JSON.stringify(ours)).toEqual(JSON.stringify(await reference(source, { n: 3 })));
    expect(ours.errors?.[0]?.path).toEqual(['items', 1, 'fails']);
  });

  it('hands Apollo real graphql-js errors, with extensions, the original error, path and locations', async () => {
    const { errors } = await run(`{ items(n: 2) { fails } }`);
    expect(compilations()).toBe(1);
    expect(errors).toHaveLength(1);
    const [error] = errors!;
    expect(Object.getPrototypeOf(error)).toBe(GraphQLError.prototype);
    expect(error!.extensions).toEqual({});
    expect(error!.originalError?.message).toBe('boom');
    expect([error!.path, error!.locations]).toEqual([['items', 1, 'fails'], [{ line: 1, column: 17 }]]);
  });

  it('through Apollo, a thrown error is ours to format: masked as INTERNAL_SERVER_ERROR, or SERVICE_UNAVAILABLE when the database is away', async () => {
    const apollo = new ApolloServer({
      gateway: compiledExecutor(schema),
      formatError,
      includeStacktraceInErrorResponses: false,
    });
    await apollo.start();
    try {
      for (let i = 0; i < 2; i++) {
        const response = await apollo.executeOperation({ query: `{ items(n: 4) { id fails } }` });
        const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
        expect(body?.errors).toEqual([
          {
            message: 'Internal server error.',
            locations: [{ line: 1, column: 20 }],
            path: ['items', 1, 'fails'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
          {
            message: 'The database is not answering; try again shortly.',
            locations: [{ line: 1, column: 20 }],
            path: ['items', 3, 'fails'],
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          },
        ]);
      }
      expect(compilations()).toBe(1);
    } finally {
      await apollo.stop();
    }
  });

  it('gives an omitted variable and an omitted input field their defaults, as graphql-js does', async () => {
    expect((await run(`query Q($n: Int! = 2) { items(n: $n) { id } }`)).data).toEqual({
      items: [{ id: '1' }, { id: '2' }],
    });
    const source = `query Q($input: OpenInput!) { open(input: $input) }`;
    expect((await run(source, { input: { year: 2027 } })).data).toEqual({
      open: '{"year":2027,"cadence":"QUARTERLY"}',
    });
    expect((await run(source, { input: { year: 2027, cadence: 'MONTHLY' } })).data).toEqual({
      open: '{"year":2027,"cadence":"MONTHLY"}',
    });
    expect(compilations()).toBe(3);
  });

  it('refuses bad variables with graphql-js’s own errors (Apollo makes them 400 BAD_USER_INPUT) and resolves nothing', async () => {
    const source = `query Q($n: Int!) { items(n: $n) { id } }`;
    const ours = await run(source, { n: 'many' });
    const theirs = await reference(source, { n: 'many' });
    expect(ours.data).toBeUndefined();
    expect(ours.errors?.map((e) => [e.message, e.nodes?.[0]?.kind])).toEqual(
      theirs.errors?.map((e) => [e.message, e.nodes?.[0]?.kind]),
    );
    expect(ours.errors?.[0]?.nodes?.[0]?.kind).toBe('VariableDefinition');
    expect(resolved).toEqual([]);
  });

  it('compiles an operation on its second run, once, whatever else runs', async () => {
    const document = parse(`query A { items(n: 1) { id } } query B { items(n: 2) { id } }`);
    const executor = await executorOf();
    const counts: number[] = [];
    for (const name of ['A', 'B', 'A', 'B', 'A', 'B']) {
      expect((await once(executor, document, {}, name)).errors).toBeUndefined();
      counts.push(compilations());
    }
    expect(counts).toEqual([0, 0, 1, 2, 2, 2]);
  });

  it('with `compileAfter` 0, compiles an operation on its first run (the suite checks graphql-jit that way); with 2, on its third', async () => {
    const document = parse(`{ items(n: 2) { id twice } }`);
    const first = await executorOf(undefined, 0);
    expect(await once(first, document)).toEqual(await reference(`{ items(n: 2) { id twice } }`));
    expect(compilations()).toBe(1);
    const third = await executorOf(undefined, 2);
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await once(third, document);
      counts.push(compilations());
    }
    expect(counts).toEqual([1, 1, 2]);
  });

  it('keeps at most `limit` compiled operations, dropping the least recently used', async () => {
    const executor = await executorOf(2);
    const documents = [1, 2, 3].map((n) => parse(`{ items(n: ${n}) { id } }`));
    const twice = async (d: DocumentNode) => {
      await once(executor, d);
      await once(executor, d);
    };
    await twice(documents[0]!);
    await twice(documents[1]!);
    await once(executor, documents[0]!); // 0 is now the most recent
    expect(compilations()).toBe(2);
    await twice(documents[2]!); // evicts 1
    expect(compilations()).toBe(3);
    await once(executor, documents[0]!);
    expect(compilations()).toBe(3);
    await twice(documents[1]!); // compiled again after its eviction
    expect(compilations()).toBe(4);
  });

  describe('leaves to graphql-js what graphql-jit answers differently', () => {
    it('an omitted variable inside an input literal stays absent (graphql-jit made it null: "clear the head")', async () => {
      const source = `query Q($year: Int!, $head: ID) { open(input: { year: $year, head: $head }) }`;
      const ours = await run(source, { year: 2027 });
      expect(ours.data).toEqual({ open: '{"year":2027,"cadence":"QUARTERLY"}' });
      expect(ours).toEqual(await reference(source, { year: 2027 }));
      expect(compilations()).toBe(0);
    });

    it('@include on a fragment used twice, and in another operation of the same document', async () => {
      const source = `query A($x: Boolean!) { items(n: 1) { ...F @include(if: $x) } again: items(n: 1) { ...F } } query B { items(n: 1) { ...F } } fragment F on Item { id }`;
      const executor = await executorOf();
      const document = parse(source);
      for (let i = 0; i < 2; i++)
        expect(await once(executor, document, { x: false }, 'A')).toEqual(await reference(source, { x: false }, 'A'));
      for (let i = 0; i < 2; i++)
        expect((await once(executor, document, {}, 'B')).data).toEqual({ items: [{ id: '1' }] });
      expect(compilations()).toBe(0);
    });

    it('an interface whose resolveType throws: a field error, not a request that never ends', async () => {
      const source = `{ named { name ... on Person { name } } }`;
      const ours = await run(source);
      expect(ours).toEqual(await reference(source));
      expect(ours.errors?.[0]?.path).toEqual(['named', 1]);
      expect(compilations()).toBe(0);
    });

    it('introspection and `__typename`: compiled, and answered as graphql-js answers them', async () => {
      const source = `{ __type(name: "Item") { fields { name } } __schema { queryType { name } } }`;
      const ours = await run(source);
      expect(ours).toEqual(await reference(source));
      expect(compilations()).toBe(1);
      expect((await run(`{ items(n: 1) { __typename id } }`)).data).toEqual({
        items: [{ __typename: 'Item', id: '1' }],
      });
      expect(compilations()).toBe(2);
    });

    it('a default with no literal form (a DateTime): the request runs on graphql-js', async () => {
      const source = `query Q($w: WhenInput) { when(input: $w) }`;
      const ours = await run(source, { w: {} });
      expect(ours).toEqual({ data: { when: '2027-01-31T00:00:00.000Z' } });
      expect(compilations()).toBe(1);
    });
  });

  it('compiles a copy: the shared parsed document is not written on', async () => {
    const document = parse(`{ items(n: 1) { id twice } }`);
    const before = JSON.stringify(document);
    const executor = await executorOf();
    await once(executor, document);
    await once(executor, document);
    expect(compilations()).toBe(1);
    expect(JSON.stringify(document)).toBe(before);
  });
});
