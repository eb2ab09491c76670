import 'reflect-metadata';
import { type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { Indicator } from '../modules/work-plan/indicator.entity';
import { buildAppSchema } from './schema';

describe('field resolvers called directly', () => {
  it('calls the method with (ctx, root) for a field resolver of @Ctx() and @Root() alone: a value in hand is answered as it is', async () => {
    const schema = await buildAppSchema();
    const field = (schema.getType('Indicator') as GraphQLObjectType).getFields().latestRealization!;
    const latest = { id: 7 };
    const ctx = {
      loaders: { peekOrLoad: (_factory: unknown, key: unknown) => (key instanceof Indicator ? latest : null) },
    };
    const indicator = Object.assign(new Indicator(), { rowId: 3, workResultPlanId: 2 });
    expect(field.resolve!(indicator, {}, ctx, {} as GraphQLResolveInfo)).toBe(latest);
    // Not type-graphql's wrapper, which builds a resolver-data object per call.
    expect(String(field.resolve)).not.toContain('resolverData');
  });

  it('leaves a field resolver with arguments to type-graphql (it converts and validates them)', async () => {
    const employee = ((await buildAppSchema()).getType('Employee') as GraphQLObjectType).getFields();
    expect(String(employee.currentAppraisal!.resolve)).toContain('resolverData');
  });
});
