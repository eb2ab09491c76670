import 'reflect-metadata';
import { type GraphQLObjectType } from 'graphql';
import { buildAppSchema } from './schema';

describe('plain fields use graphql-js’s default resolver', () => {
  it('a plain column does; a field behind @Allow, and a field resolver keep theirs; a getter does not', async () => {
    const employee = (await buildAppSchema()).getType('Employee') as GraphQLObjectType;
    const fields = employee.getFields();
    expect(fields.name!.resolve).toBeUndefined();
    expect(fields.positionTitle!.resolve).toBeUndefined();
    // Personal: the policy decides, through type-graphql's auth checker.
    expect(fields.nip!.resolve).toBeDefined();
    // A field resolver of another class.
    expect(fields.currentAppraisal!.resolve).toBeDefined();
    // The global id is the getter `id`: read as a property, by graphql-js and graphql-jit alike.
    expect(fields.id!.resolve).toBeUndefined();
  });
});
