import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { idOfType } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { UserError, UserErrorCode, UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { requiredText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { ExternalOfficial } from './external-official.entity';
import { type CreateExternalOfficialInput, type UpdateExternalOfficialInput } from './external-official.inputs';
import { externalOfficialById } from './external-official.loaders';

const TEXT_MAX = 191;

/** Officials outside the civil service (the Bupati): read like the directory, managed by region-wide HR admins. */
export class ExternalOfficialService {
  async get(ctx: RequestContext, id: number): Promise<ExternalOfficial | null> {
    return (await this.getMany(ctx, [id]))[0] ?? null;
  }

  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<(ExternalOfficial | null)[]> {
    if (!(await ctx.policy.can(Permission.READ_DIRECTORY))) return ids.map(() => null);
    return loadAll(ctx.loaders.get(externalOfficialById), ids);
  }

  /**
   * An official to name as someone's supervisor, for those who place people in the tree: HR admins and imports
   * (IMPORT_ORGANISATION), integration clients included, who do not read the directory.
   */
  async getToAssign(ctx: RequestContext, id: number): Promise<ExternalOfficial | null> {
    if (!(await ctx.policy.can(Permission.IMPORT_ORGANISATION))) return null;
    return ctx.loaders.get(externalOfficialById).load(id);
  }

  async list(ctx: RequestContext): Promise<ExternalOfficial[]> {
    if (!(await ctx.policy.can(Permission.READ_DIRECTORY))) return [];
    return ctx.em.getRepository(ExternalOfficial).find({ order: { name: 'ASC', rowId: 'ASC' }, take: 500 });
  }

  async create(
    ctx: RequestContext,
    input: CreateExternalOfficialInput,
  ): Promise<{ externalOfficial: ExternalOfficial }> {
    await this.assertRegionAdmin(ctx);
    const errors = new UserErrorList();
    const name = requiredText(errors, input.name, ['input', 'name'], 'The name', TEXT_MAX);
    const positionTitle = requiredText(
      errors,
      input.positionTitle,
      ['input', 'positionTitle'],
      'The position title',
      TEXT_MAX,
    );
    errors.throwIfAny();
    const now = ctx.now();
    const official = ctx.em
      .getRepository(ExternalOfficial)
      .create({ name: name!, positionTitle: positionTitle!, active: true, version: 1, createdAt: now, updatedAt: now });
    await ctx.em.getRepository(ExternalOfficial).insert(official);
    await recordAudit(ctx, {
      action: AuditAction.OFFICIAL_CREATED,
      entityType: ExternalOfficial.typeName,
      entityId: official.rowId,
      after: auditSnapshot(official),
    });
    return { externalOfficial: official };
  }

  async update(
    ctx: RequestContext,
    input: UpdateExternalOfficialInput,
  ): Promise<{ externalOfficial: ExternalOfficial }> {
    await this.assertRegionAdmin(ctx);
    const id = idOfType(input.id, ExternalOfficial.typeName);
    const current = id === null ? null : await ctx.loaders.get(externalOfficialById).load(id);
    if (!current)
      throw new UserErrorsException([
        UserError.of(UserErrorCode.NOT_FOUND, 'No such external official.', ['input', 'id']),
      ]);
    const errors = new UserErrorList();
    const changes: Partial<ExternalOfficial> = {};
    if (input.name != null) changes.name = requiredText(errors, input.name, ['input', 'name'], 'The name', TEXT_MAX);
    if (input.positionTitle != null)
      changes.positionTitle = requiredText(
        errors,
        input.positionTitle,
        ['input', 'positionTitle'],
        'The position title',
        TEXT_MAX,
      );
    if (input.active != null) changes.active = input.active;
    errors.throwIfAny();
    for (const key of Object.keys(changes) as Array<keyof typeof changes>)
      if (changes[key] === current[key]) delete changes[key];
    if (Object.keys(changes).length === 0) {
      assertExpectedVersion(current.version, input.expectedVersion);
      return { externalOfficial: current };
    }
    const after = Object.assign(new ExternalOfficial(), current, changes, {
      version: current.version + 1,
      updatedAt: ctx.now(),
    });
    await updateVersioned(ctx.em, ExternalOfficial, current.rowId, input.expectedVersion, {
      ...changes,
      updatedAt: after.updatedAt,
    });
    await recordAudit(ctx, {
      action: AuditAction.OFFICIAL_UPDATED,
      entityType: ExternalOfficial.typeName,
      entityId: current.rowId,
      before: auditSnapshot(current),
      after: auditSnapshot(after),
    });
    return { externalOfficial: after };
  }

  private async assertRegionAdmin(ctx: RequestContext): Promise<void> {
    if (!(await ctx.policy.can(Permission.ADMINISTER_REGION))) {
      throw new UserErrorsException([
        UserError.of(UserErrorCode.OUT_OF_SCOPE, 'Only a region-wide HR admin manages external officials.', ['input']),
      ]);
    }
  }
}

export const externalOfficialService = new ExternalOfficialService();
