import { graphql } from 'graphql';
import { buildAppSchema } from '../../src/app/schema';
import { TestApp } from '../support/test-app';

/**
 * The `jit` executor (the default) against graphql-js, the reference, over HTTP. Each operation is sent three
 * times: graphql-jit compiles an operation after `GRAPHQL_JIT_COMPILE_AFTER` runs (1 by default), so the later
 * answers are the compiled ones whatever the environment says.
 */
describe('the compiled executor over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ graphqlExecutor: 'jit' });
  });
  afterAll(() => app?.stop());

  const thrice = async (query: string) => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await app.gql(query)).body);
    return answers;
  };

  it('introspects a Node type with its field `id`, never the database key `rowId`', async () => {
    const answers = await thrice('{ __type(name: "Unit") { fields { name } } }');
    for (const body of answers) {
      const names = (body.data as { __type: { fields: Array<{ name: string }> } }).__type.fields.map((f) => f.name);
      expect(names).toContain('id');
      expect(names).not.toContain('rowId');
    }
  });

  it('introspects every type and field as graphql-js does on the published schema', async () => {
    // The whole standard introspection query is over the cost limit; names and types of every field are what
    // a client generates code from.
    const source =
      '{ __schema { types { name kind fields { name args { name } type { name kind ofType { name kind ofType { name kind } } } } } } }';
    const reference = await graphql({ schema: await buildAppSchema(), source });
    expect(reference.errors).toBeUndefined();
    for (const body of await thrice(source)) expect(body).toEqual(JSON.parse(JSON.stringify(reference)));
  });
});
