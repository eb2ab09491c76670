import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/graphql/connection';
import { runMutation } from '../../core/graphql/mutation';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { siasnService } from './siasn.service';
import { MarkSiasnSyncedInput, MarkSiasnSyncedPayload, SiasnRecordConnection } from './siasn.types';

@Resolver()
export class SiasnResolver {
  @Allow(Permission.MANAGE_ORGANISATION)
  @Query(() => SiasnRecordConnection, {
    nullable: true,
    description:
      'Delivered periodic and annual results of a year over a unit subtree that SIASN does not hold yet, or that changed since ' +
      '(`docs/siasn.md`): HR admins whose scope covers the unit. Null for an unknown unit code or year, or a unit outside your scope.',
  })
  async siasnPending(
    @Ctx() ctx: RequestContext,
    @Arg('unitCode', { description: 'The unit (unit code); its whole subtree is included.' }) unitCode: string,
    @Arg('year', () => Int, { description: 'The performance year.' }) year: number,
    @Arg('first', () => Int, {
      nullable: true,
      description: `Return the first n records after \`after\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
    })
    first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to start after.' }) after?: string | null,
  ): Promise<InstanceType<typeof SiasnRecordConnection> | null> {
    const target = await siasnService.target(ctx, unitCode, year);
    if (typeof target === 'string') return null;
    return SiasnRecordConnection.from(await siasnService.pending(ctx, target, { first, after }));
  }

  @Allow(Permission.MANAGE_ORGANISATION)
  @Mutation(() => MarkSiasnSyncedPayload, {
    description:
      'Records that SIASN accepted these records, with its ids: they leave `siasnPending` until they change (HR admins in scope). ' +
      'Marking again is harmless. All or nothing: any unknown or out-of-scope record, or bad id, is reported and nothing is written.',
  })
  async markSiasnSynced(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to record.' }) input: MarkSiasnSyncedInput,
  ): Promise<MarkSiasnSyncedPayload> {
    const mark = () => runMutation(ctx, (tx) => siasnService.markSynced(tx, input));
    try {
      return await mark();
    } catch (error) {
      // Another call marked one of these records first (the sync row's key): once more, now updating its row.
      if (isUniqueViolation(error)) return mark();
      throw error;
    }
  }
}
