import 'reflect-metadata';
import { execute, type GraphQLObjectType, type GraphQLSchema, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { Authorized, buildSchema, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { jitSchema, renamedPlainFields } from './jit-schema';

@ObjectType('Thing')
class Thing {
  id = 7;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return `Thing:${this.id}`;
  }

  @Field(() => String, { name: 'secret', nullable: true })
  @Authorized('ADMIN')
  get hidden(): string {
    return 'only admins';
  }

  @Field()
  plain: string = 'as stored';
}

@Resolver(() => Thing)
class ThingResolver {
  @Query(() => Thing)
  thing(): Thing {
    return new Thing();
  }

  // Another class answers `label`, under a name of its own.
  @FieldResolver(() => String, { name: 'label' })
  labelOf(@Root() thing: Thing): string {
    return `resolved for ${thing.id}`;
  }
}

let schema: GraphQLSchema;
const fieldsOf = (s: GraphQLSchema) => (s.getType('Thing') as GraphQLObjectType).getFields();

beforeAll(async () => {
  schema = await buildSchema({
    resolvers: [ThingResolver],
    authChecker: ({ context }) => (context as { admin?: boolean }).admin === true,
    authMode: 'null',
    validate: false,
  });
});

describe('jitSchema', () => {
  it('finds a renamed getter with nothing in its way, not one behind @Authorized or answered by a field resolver', () => {
    expect([...renamedPlainFields(schema)]).toEqual([['Thing.id', 'nodeId']]);
  });

  it('a compiled query reads the getter without calling the resolver, and answers as graphql-js does', async () => {
    const original = fieldsOf(schema).id!;
    const resolve = jest.fn(original.resolve);
    original.resolve = resolve;
    const document = parse('{ thing { id plain label secret } }');
    const compiled = compileQuery(jitSchema(schema), document);
    if (!isCompiledQuery(compiled)) throw new Error('did not compile');
    for (const admin of [false, true]) {
      const expected = await execute({ schema, document, contextValue: { admin } });
      resolve.mockClear();
      expect(await compiled.query(undefined, { admin }, {})).toEqual(expected);
      expect(resolve).not.toHaveBeenCalled();
    }
    expect((await execute({ schema, document, contextValue: { admin: false } })).data).toEqual({
      thing: { id: 'Thing:7', plain: 'as stored', label: 'resolved for 7', secret: null },
    });
    expect((await execute({ schema, document, contextValue: { admin: true } })).data).toMatchObject({
      thing: { secret: 'only admins' },
    });
  });

  it('leaves the published schema as it was', () => {
    jitSchema(schema);
    const id = fieldsOf(schema).id!;
    expect(id.name).toBe('id');
    expect(id.resolve).toBeDefined();
  });
});
