import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { type RequestContext } from '../core/context/request-context';
import { emptyPage } from '../core/graphql/connection';
import { fromGlobalId } from '../core/graphql/global-id';
import { Allow } from '../core/policy/allow';
import { Permission } from '../core/policy/permission';
import { auditTrailService } from '../modules/audit/audit-trail.service';
import { AuditTrailArgs, AuditTrailConnection } from '../modules/audit/audit-trail.types';
import { nodeRegistry } from './node.resolver';

/**
 * `auditTrail` spans every module, as `node` does: the record is first loaded through its own service (its read
 * policy), then its trail is read under READ_AUDIT_TRAIL.
 */
@Resolver()
export class AuditTrailResolver {
  @Allow(Permission.SIGNED_IN)
  @Query(() => AuditTrailConnection, {
    description:
      'Who changed a record, what and when, newest first: for the person it is about and HR admins whose scope ' +
      'covers its unit (`docs/api.md`, Audit trail). Empty for anyone else, and for an unknown or unreadable id.',
  })
  async auditTrail(@Ctx() ctx: RequestContext, @Args() args: AuditTrailArgs): Promise<AuditTrailConnection> {
    const subject = fromGlobalId(args.subjectId);
    const readable = subject && (await nodeRegistry.resolve(ctx, [args.subjectId]))[0];
    if (!subject || !readable) return AuditTrailConnection.from(emptyPage());
    return AuditTrailConnection.from(await auditTrailService.page(ctx, subject, args));
  }
}
