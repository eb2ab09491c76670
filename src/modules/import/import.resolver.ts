import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { runMutation } from '../../core/graphql/mutation';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { ImportEmployeesInput, ImportUnitsInput } from './import.inputs';
import { MAX_GRAPHQL_IMPORT_ROWS, importService } from './import.service';
import { ImportEmployeesPayload, ImportUnitsPayload } from './import.types';

@Resolver()
export class ImportResolver {
  @Allow(Permission.IMPORT_ORGANISATION)
  @Mutation(() => ImportUnitsPayload, {
    description:
      'Creates or updates units by code (integration clients, HR admins within scope). Idempotent; errors per row.',
  })
  importUnits(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: ImportUnitsInput,
  ): Promise<ImportUnitsPayload> {
    return runMutation(ctx, (tx) =>
      importService.importUnits(tx, input.rows, { maxRows: MAX_GRAPHQL_IMPORT_ROWS }),
    ) as Promise<ImportUnitsPayload>;
  }

  @Allow(Permission.IMPORT_ORGANISATION)
  @Mutation(() => ImportEmployeesPayload, {
    description:
      'Creates or updates employees by NIP (integration clients, HR admins within scope). Idempotent; errors per row.',
  })
  importEmployees(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to create or change.' }) input: ImportEmployeesInput,
  ): Promise<ImportEmployeesPayload> {
    return runMutation(ctx, (tx) =>
      importService.importEmployees(tx, input.rows, { maxRows: MAX_GRAPHQL_IMPORT_ROWS }),
    ) as Promise<ImportEmployeesPayload>;
  }
}
