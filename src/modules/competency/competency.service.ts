import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { lockedRow } from '../../core/database/row-locks';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { type ConnectionArgs, type Page } from '../../core/graphql/connection';
import { idOfType } from '../../core/graphql/global-id';
import { paginate } from '../../core/graphql/pagination';
import { Permission } from '../../core/policy/permission';
import { optionalText, requiredText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { Unit } from '../unit/unit.entity';
import { competencyError, CompetencyProblem } from './competency.errors';
import { Competency, type CompetencyLevel } from './competency.entity';
import { CompetencyType } from './competency-enums';
import {
  type CompetencyLevelInput,
  type CreateCompetencyInput,
  type RemovePositionRequirementInput,
  type SetPositionRequirementInput,
  type UpdateCompetencyInput,
} from './competency.inputs';
import { competencyById, requirementById, requirementsOfUnit } from './competency.loaders';
import { PositionRequirement } from './position-requirement.entity';
import { unitService } from '../unit/unit.service';

const inputPath = (...field: string[]) => ['input', ...field];
const CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

/** Validates the five levels 1–5, each with a description and 1 to 10 indicators. */
function validLevels(errors: UserErrorList, levels: readonly CompetencyLevelInput[]): CompetencyLevel[] | undefined {
  const sorted = [...levels].sort((a, b) => a.level - b.level);
  const shapeOk =
    sorted.length === 5 &&
    sorted.every(
      (l, i) =>
        l.level === i + 1 &&
        l.description.trim().length > 0 &&
        l.description.length <= 1000 &&
        l.indicators.length >= 1 &&
        l.indicators.length <= 10 &&
        l.indicators.every((t) => t.trim().length > 0 && t.length <= 500),
    );
  if (!shapeOk) {
    errors.addError(competencyError(CompetencyProblem.LEVELS_INVALID, inputPath('levels')));
    return undefined;
  }
  return sorted.map((l) => ({
    level: l.level,
    description: l.description.trim(),
    indicators: l.indicators.map((t) => t.trim()),
  }));
}

/** The competency dictionary and the positions' required levels. */
export class CompetencyService {
  /** Reference data: every signed-in principal reads the dictionary. */
  getMany(ctx: RequestContext, ids: readonly number[]): Promise<(Competency | null)[]> {
    return loadAll(ctx.loaders.get(competencyById), ids);
  }

  list(
    ctx: RequestContext,
    filter: { type?: CompetencyType | null; field?: string | null },
    args: ConnectionArgs,
  ): Promise<Page<Competency>> {
    const qb = ctx.em.getRepository(Competency).createQueryBuilder('c');
    if (filter.type) qb.andWhere('c.type = :type', { type: filter.type });
    if (filter.field) qb.andWhere('c.field = :field', { field: filter.field });
    return paginate(
      qb,
      { column: 'c.code', idColumn: 'c.id', direction: 'ASC', valueOf: (c) => c.code, idOf: (c) => c.rowId },
      args,
    );
  }

  async create(ctx: RequestContext, input: CreateCompetencyInput): Promise<{ competency: Competency }> {
    await ctx.policy.assert(Permission.ADMINISTER_REGION);
    const errors = new UserErrorList();
    const code = input.code.trim().toUpperCase();
    if (!CODE.test(code)) errors.addError(competencyError(CompetencyProblem.CODE_INVALID, inputPath('code')));
    const name = requiredText(errors, input.name, inputPath('name'), 'The name', 200);
    const description = requiredText(errors, input.description, inputPath('description'), 'The definition', 2000);
    if (input.type !== CompetencyType.TECHNICAL)
      errors.addError(competencyError(CompetencyProblem.TYPE_RESERVED, inputPath('type')));
    const field = optionalText(errors, input.field, inputPath('field'), 'The field', 100) ?? null;
    if (field === null) errors.addError(competencyError(CompetencyProblem.FIELD_REQUIRED, inputPath('field')));
    const levels = validLevels(errors, input.levels);
    errors.throwIfAny();
    if (await ctx.em.getRepository(Competency).existsBy({ code }))
      throw new UserErrorsException([competencyError(CompetencyProblem.CODE_TAKEN, inputPath('code'))]);
    const now = ctx.now();
    const competency = ctx.em.getRepository(Competency).create({
      code,
      name: name!,
      type: CompetencyType.TECHNICAL,
      field,
      description: description!,
      levelsJson: JSON.stringify(levels),
      reference: false,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.em.getRepository(Competency).insert(competency);
    await recordAudit(ctx, {
      action: AuditAction.COMPETENCY_CREATED,
      entityType: Competency.typeName,
      entityId: competency.rowId,
      after: auditSnapshot(competency),
    });
    return { competency };
  }

  async update(ctx: RequestContext, input: UpdateCompetencyInput): Promise<{ competency: Competency }> {
    await ctx.policy.assert(Permission.ADMINISTER_REGION);
    const id = idOfType(input.id, Competency.typeName);
    const competency = id === null ? null : await lockedRow(ctx.em, Competency, id);
    if (!competency)
      throw new UserErrorsException([competencyError(CompetencyProblem.COMPETENCY_NOT_FOUND, inputPath('id'))]);
    if (competency.reference)
      throw new UserErrorsException([competencyError(CompetencyProblem.REFERENCE_READ_ONLY, inputPath('id'))]);
    assertExpectedVersion(competency.version, input.expectedVersion);
    const errors = new UserErrorList();
    const changes: Partial<Competency> = {};
    if (input.name != null) changes.name = requiredText(errors, input.name, inputPath('name'), 'The name', 200);
    if (input.description != null)
      changes.description = requiredText(errors, input.description, inputPath('description'), 'The definition', 2000);
    if (input.field != null) changes.field = requiredText(errors, input.field, inputPath('field'), 'The field', 100);
    if (input.levels != null) {
      const levels = validLevels(errors, input.levels);
      if (levels) changes.levelsJson = JSON.stringify(levels);
    }
    errors.throwIfAny();
    const now = ctx.now();
    await updateVersioned(ctx.em, Competency, competency.rowId, input.expectedVersion, { ...changes, updatedAt: now });
    const after = Object.assign(new Competency(), competency, changes, {
      updatedAt: now,
      version: competency.version + 1,
    });
    await recordAudit(ctx, {
      action: AuditAction.COMPETENCY_UPDATED,
      entityType: Competency.typeName,
      entityId: competency.rowId,
      before: auditSnapshot(competency),
      after: auditSnapshot(after),
    });
    return { competency: after };
  }

  /** Requirements are structure, like units: every signed-in principal who reads units reads them. */
  async requirementsOf(ctx: RequestContext, unit: Unit, positionTitle?: string | null): Promise<PositionRequirement[]> {
    const all = await ctx.loaders.get(requirementsOfUnit).load(unit.rowId);
    return positionTitle == null ? all : all.filter((r) => r.positionTitle === positionTitle);
  }

  getRequirements(ctx: RequestContext, ids: readonly number[]): Promise<(PositionRequirement | null)[]> {
    return loadAll(ctx.loaders.get(requirementById), ids);
  }

  async setRequirement(
    ctx: RequestContext,
    input: SetPositionRequirementInput,
  ): Promise<{ requirement: PositionRequirement }> {
    await ctx.policy.assert(Permission.MANAGE_ORGANISATION);
    const unitId = idOfType(input.unitId, Unit.typeName);
    const unit = unitId === null ? null : await unitService.get(ctx, unitId);
    if (!unit) throw new UserErrorsException([competencyError(CompetencyProblem.UNIT_NOT_FOUND, inputPath('unitId'))]);
    if (!(await ctx.policy.can(Permission.ADMINISTER_UNIT, unit.rowId)))
      throw new UserErrorsException([competencyError(CompetencyProblem.OUT_OF_SCOPE, inputPath('unitId'))]);
    const competencyId = idOfType(input.competencyId, Competency.typeName);
    const competency = competencyId === null ? null : await ctx.loaders.get(competencyById).load(competencyId);
    const errors = new UserErrorList();
    if (!competency)
      errors.addError(competencyError(CompetencyProblem.COMPETENCY_NOT_FOUND, inputPath('competencyId')));
    const positionTitle = requiredText(
      errors,
      input.positionTitle,
      inputPath('positionTitle'),
      'The position title',
      191,
    );
    if (!Number.isInteger(input.requiredLevel) || input.requiredLevel < 1 || input.requiredLevel > 5)
      errors.addError(competencyError(CompetencyProblem.LEVEL_INVALID, inputPath('requiredLevel')));
    errors.throwIfAny();
    const repo = ctx.em.getRepository(PositionRequirement);
    const found = await repo.findOneBy({
      unitId: unit.rowId,
      positionTitle: positionTitle!,
      competencyId: competency!.rowId,
    });
    const existing = found ? await lockedRow(ctx.em, PositionRequirement, found.rowId) : null;
    const now = ctx.now();
    if (existing) {
      if (input.expectedVersion == null)
        throw new UserErrorsException([
          competencyError(CompetencyProblem.VERSION_REQUIRED, inputPath('expectedVersion'), existing.version),
        ]);
      assertExpectedVersion(existing.version, input.expectedVersion);
      const changes = { requiredLevel: input.requiredLevel, positionKind: input.positionKind, updatedAt: now };
      await updateVersioned(ctx.em, PositionRequirement, existing.rowId, input.expectedVersion, changes);
      const after = Object.assign(new PositionRequirement(), existing, changes, { version: existing.version + 1 });
      await recordAudit(ctx, {
        action: AuditAction.POSITION_REQUIREMENT_SET,
        entityType: PositionRequirement.typeName,
        entityId: existing.rowId,
        before: auditSnapshot(existing),
        after: auditSnapshot(after),
      });
      return { requirement: after };
    }
    const requirement = repo.create({
      unitId: unit.rowId,
      positionTitle: positionTitle!,
      positionKind: input.positionKind,
      competencyId: competency!.rowId,
      requiredLevel: input.requiredLevel,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insert(requirement);
    await recordAudit(ctx, {
      action: AuditAction.POSITION_REQUIREMENT_SET,
      entityType: PositionRequirement.typeName,
      entityId: requirement.rowId,
      after: auditSnapshot(requirement),
    });
    return { requirement };
  }

  async removeRequirement(ctx: RequestContext, input: RemovePositionRequirementInput): Promise<{ removedId: string }> {
    await ctx.policy.assert(Permission.MANAGE_ORGANISATION);
    const id = idOfType(input.id, PositionRequirement.typeName);
    const requirement = id === null ? null : await lockedRow(ctx.em, PositionRequirement, id);
    if (!requirement)
      throw new UserErrorsException([competencyError(CompetencyProblem.REQUIREMENT_NOT_FOUND, inputPath('id'))]);
    if (!(await ctx.policy.can(Permission.ADMINISTER_UNIT, requirement.unitId)))
      throw new UserErrorsException([competencyError(CompetencyProblem.OUT_OF_SCOPE, inputPath('id'))]);
    assertExpectedVersion(requirement.version, input.expectedVersion);
    const result = await ctx.em
      .getRepository(PositionRequirement)
      .delete({ rowId: requirement.rowId, version: input.expectedVersion });
    if (result.affected !== 1) assertExpectedVersion(requirement.version + 1, input.expectedVersion);
    await recordAudit(ctx, {
      action: AuditAction.POSITION_REQUIREMENT_REMOVED,
      entityType: PositionRequirement.typeName,
      entityId: requirement.rowId,
      before: auditSnapshot(requirement),
    });
    return { removedId: input.id };
  }
}

export const competencyService = new CompetencyService();
