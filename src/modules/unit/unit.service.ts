import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { type ConnectionArgs, emptyPage, type Page } from '../../core/graphql/connection';
import { idOfType } from '../../core/graphql/global-id';
import { paginate } from '../../core/graphql/pagination';
import { Permission } from '../../core/policy/permission';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { lockedRow } from '../../core/database/row-locks';
import { requiredText, searchText } from '../../core/validation/text';
import { ClosureTable } from '../../core/tree/closure-table';
import { containsPattern, LIKE_ESCAPE } from '../../core/database/like';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { Employee } from '../employee/employee.entity';
import { type UnitKind } from './unit-kind';
import { Unit, UNIT_CODE_MAX, UNIT_NAME_MAX } from './unit.entity';
import { unitError, UnitProblem } from './unit.errors';
import {
  DEFAULT_UNIT_ORDER,
  unitSort,
  type CreateUnitInput,
  type MoveUnitInput,
  type UnitFilter,
  type UnitOrder,
  type UpdateUnitInput,
} from './unit.inputs';
import { unitById, unitByCode, unitChildrenPage } from './unit.loaders';
import { normaliseUnitCode } from './unit-code';

/** The unit tree, kept in the same transaction as every unit change. */
export const unitTree = new ClosureTable('unit_closure');

const CODE_PATTERN = /^[A-Za-z0-9._-]+$/;
const inputPath = (field: string) => ['input', field];

/** Who may place units where: HR admins within their scope (GraphQL), or an importer (integration or HR). */
export type UnitScope = Permission.ADMINISTER_UNIT | Permission.IMPORT_INTO_UNIT;

export interface UnitValues {
  code: string;
  name: string;
  kind: UnitKind;
}

/** Validates a unit's code and name, recording problems under `path(field)`. */
export function validateUnitValues(
  errors: UserErrorList,
  draft: UnitValues,
  path: (field: string) => string[],
): UnitValues | undefined {
  const before = errors.all().length;
  const code = normaliseUnitCode(draft.code);
  if (!CODE_PATTERN.test(code) || code.length > UNIT_CODE_MAX)
    errors.addError(unitError(UnitProblem.CODE_INVALID, path('code')));
  const name = requiredText(errors, draft.name, path('name'), 'The unit name', UNIT_NAME_MAX);
  return errors.all().length > before ? undefined : { code, name: name!, kind: draft.kind };
}

/** Units: reading them (everyone signed in) and HR administration of the tree. */
export class UnitService {
  async get(ctx: RequestContext, id: number): Promise<Unit | null> {
    return (await this.getMany(ctx, [id]))[0] ?? null;
  }

  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<(Unit | null)[]> {
    if (!(await ctx.policy.can(Permission.READ_UNITS))) return ids.map(() => null);
    return loadAll(ctx.loaders.get(unitById), ids);
  }

  async getByCode(ctx: RequestContext, code: string): Promise<Unit | null> {
    if (!(await ctx.policy.can(Permission.READ_UNITS))) return null;
    return ctx.loaders.get(unitByCode).load(code);
  }

  async list(
    ctx: RequestContext,
    filter: UnitFilter | undefined,
    order: UnitOrder | undefined,
    args: ConnectionArgs,
  ): Promise<Page<Unit>> {
    if (!(await ctx.policy.can(Permission.READ_UNITS))) return emptyPage();
    const qb = ctx.em.getRepository(Unit).createQueryBuilder('unit');
    if (filter?.parentId != null)
      qb.andWhere('unit.parent_id = :parentId', { parentId: idOfType(filter.parentId, Unit.typeName) ?? 0 });
    if (filter?.rootsOnly) qb.andWhere('unit.parent_id IS NULL');
    if (filter?.withinUnitId != null) {
      qb.innerJoin('unit_closure', 'within', 'within.descendant_id = unit.id AND within.ancestor_id = :withinId', {
        withinId: idOfType(filter.withinUnitId, Unit.typeName) ?? 0,
      });
    }
    if (filter?.kind) qb.andWhere('unit.kind = :kind', { kind: filter.kind });
    const search = searchText(filter?.search);
    if (search) {
      qb.andWhere(`(LOWER(unit.code) LIKE :search ${LIKE_ESCAPE} OR LOWER(unit.name) LIKE :search ${LIKE_ESCAPE})`, {
        search: containsPattern(search),
      });
    }
    return paginate(qb, unitSort(order ?? DEFAULT_UNIT_ORDER), args);
  }

  async children(
    ctx: RequestContext,
    unit: Unit,
    order: UnitOrder | undefined,
    args: ConnectionArgs,
  ): Promise<Page<Unit>> {
    if (!(await ctx.policy.can(Permission.READ_UNITS))) return emptyPage();
    return ctx.loaders
      .get(unitChildrenPage, { args: { ...args }, order: order ?? DEFAULT_UNIT_ORDER })
      .load(unit.rowId);
  }

  async create(ctx: RequestContext, input: CreateUnitInput): Promise<{ unit: Unit }> {
    // Tree lock before any row lock, in every transaction that changes the tree: one order, no deadlock.
    await unitTree.lock(ctx.em);
    const errors = new UserErrorList();
    const values = validateUnitValues(errors, input, inputPath);
    const parentId = input.parentId == null ? null : idOfType(input.parentId, Unit.typeName);
    const parent = parentId === null ? null : await ctx.loaders.get(unitById).load(parentId);
    if (input.parentId != null && !parent)
      errors.addError(unitError(UnitProblem.PARENT_NOT_FOUND, inputPath('parentId')));
    errors.throwIfAny();
    return { unit: await this.insert(ctx, values!, parent, Permission.ADMINISTER_UNIT, inputPath) };
  }

  async update(ctx: RequestContext, input: UpdateUnitInput): Promise<{ unit: Unit }> {
    const unit = await this.requireAdministered(ctx, input.id);
    const errors = new UserErrorList();
    const values = validateUnitValues(
      errors,
      { code: input.code ?? unit.code, name: input.name ?? unit.name, kind: input.kind ?? unit.kind },
      inputPath,
    );
    let headId = unit.headId;
    if (input.headId !== undefined)
      headId = input.headId === null ? null : ((await this.validHead(ctx, errors, unit, input.headId)) ?? null);
    errors.throwIfAny();
    return { unit: await this.applyChanges(ctx, unit, { ...values!, headId }, input.expectedVersion, inputPath) };
  }

  async move(ctx: RequestContext, input: MoveUnitInput): Promise<{ unit: Unit }> {
    await unitTree.lock(ctx.em);
    const unit = await this.requireAdministered(ctx, input.id);
    const parentId = input.parentId == null ? null : idOfType(input.parentId, Unit.typeName);
    const parent = parentId === null ? null : await ctx.loaders.get(unitById).load(parentId);
    if (input.parentId != null && !parent)
      throw new UserErrorsException([unitError(UnitProblem.PARENT_NOT_FOUND, inputPath('parentId'))]);
    return {
      unit: await this.moveUnder(ctx, unit, parent, input.expectedVersion, Permission.ADMINISTER_UNIT, inputPath),
    };
  }

  /** Inserts a validated unit under `parent` (checked against `scope`), with its closure rows and audit row. */
  async insert(
    ctx: RequestContext,
    values: UnitValues,
    parent: Unit | null,
    scope: UnitScope,
    path: (f: string) => string[],
  ): Promise<Unit> {
    await this.assertMayPlaceUnder(ctx, parent, scope, path('parentId'));
    if (await ctx.loaders.get(unitByCode).load(values.code))
      throw new UserErrorsException([unitError(UnitProblem.CODE_TAKEN, path('code'))]);
    const now = ctx.now();
    const unit = ctx.em
      .getRepository(Unit)
      .create({ ...values, parentId: parent?.rowId ?? null, headId: null, version: 1, createdAt: now, updatedAt: now });
    try {
      await ctx.em.getRepository(Unit).insert(unit);
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserErrorsException([unitError(UnitProblem.CODE_TAKEN, path('code'))]);
      throw error;
    }
    await unitTree.insertNode(ctx.em, unit.rowId, unit.parentId);
    await recordAudit(ctx, {
      action: AuditAction.UNIT_CREATED,
      entityType: Unit.typeName,
      entityId: unit.rowId,
      after: auditSnapshot(unit),
    });
    ctx.loaders.get(unitById).prime(unit.rowId, unit);
    ctx.loaders.get(unitByCode).prime(unit.code, unit);
    return unit;
  }

  /** Applies validated values to a stored unit if the version still matches; nothing changed: only checks it. */
  async applyChanges(
    ctx: RequestContext,
    unit: Unit,
    values: UnitValues & { headId: number | null },
    expectedVersion: number,
    path: (f: string) => string[],
  ): Promise<Unit> {
    const changes: Partial<Unit> = {};
    for (const [key, value] of Object.entries(values) as Array<[keyof typeof values, unknown]>) {
      if (unit[key] !== value) Object.assign(changes, { [key]: value });
    }
    if (changes.code !== undefined && (await ctx.loaders.get(unitByCode).load(changes.code))) {
      throw new UserErrorsException([unitError(UnitProblem.CODE_TAKEN, path('code'))]);
    }
    if (Object.keys(changes).length === 0) {
      assertExpectedVersion(unit.version, expectedVersion, path('expectedVersion'));
      return unit;
    }
    const after = Object.assign(new Unit(), unit, changes, { version: unit.version + 1, updatedAt: ctx.now() });
    try {
      await updateVersioned(
        ctx.em,
        Unit,
        unit.rowId,
        expectedVersion,
        { ...changes, updatedAt: after.updatedAt },
        path('expectedVersion'),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserErrorsException([unitError(UnitProblem.CODE_TAKEN, path('code'))]);
      throw error;
    }
    await recordAudit(ctx, {
      action: AuditAction.UNIT_UPDATED,
      entityType: Unit.typeName,
      entityId: unit.rowId,
      before: auditSnapshot(unit),
      after: auditSnapshot(after),
    });
    return after;
  }

  /** Moves a unit with its subtree under `parent` (or to the top), refusing cycles and places outside `scope`. */
  async moveUnder(
    ctx: RequestContext,
    unit: Unit,
    parent: Unit | null,
    expectedVersion: number,
    scope: UnitScope,
    path: (f: string) => string[],
  ): Promise<Unit> {
    await this.assertMayPlaceUnder(ctx, parent, scope, path('parentId'));
    if (parent && (await unitTree.wouldCycle(ctx.em, unit.rowId, parent.rowId)))
      throw new UserErrorsException([unitError(UnitProblem.CYCLE, path('parentId'))]);
    const parentId = parent?.rowId ?? null;
    if (parentId === unit.parentId) {
      assertExpectedVersion(unit.version, expectedVersion, path('expectedVersion'));
      return unit;
    }
    const after = Object.assign(new Unit(), unit, { parentId, version: unit.version + 1, updatedAt: ctx.now() });
    await updateVersioned(
      ctx.em,
      Unit,
      unit.rowId,
      expectedVersion,
      { parentId, updatedAt: after.updatedAt },
      path('expectedVersion'),
    );
    await unitTree.moveSubtree(ctx.em, unit.rowId, parentId);
    await recordAudit(ctx, {
      action: AuditAction.UNIT_MOVED,
      entityType: Unit.typeName,
      entityId: unit.rowId,
      before: auditSnapshot(unit),
      after: auditSnapshot(after),
    });
    return after;
  }

  /** The unit to change, locked and as committed now; refused as NOT_FOUND or OUT_OF_SCOPE. */
  private async requireAdministered(ctx: RequestContext, globalId: string): Promise<Unit> {
    const id = idOfType(globalId, Unit.typeName);
    const unit = id === null ? null : await lockedRow(ctx.em, Unit, id);
    if (!unit) throw new UserErrorsException([unitError(UnitProblem.UNIT_NOT_FOUND, inputPath('id'))]);
    if (!(await ctx.policy.can(Permission.ADMINISTER_UNIT, unit.rowId)))
      throw new UserErrorsException([unitError(UnitProblem.OUT_OF_SCOPE, inputPath('id'))]);
    return unit;
  }

  private async assertMayPlaceUnder(
    ctx: RequestContext,
    parent: Unit | null,
    scope: UnitScope,
    field: string[],
  ): Promise<void> {
    if (parent === null) {
      const allowed =
        scope === Permission.IMPORT_INTO_UNIT
          ? await ctx.policy.can(scope, null)
          : await ctx.policy.can(Permission.ADMINISTER_REGION);
      if (!allowed) throw new UserErrorsException([unitError(UnitProblem.ROOT_NEEDS_REGION_ADMIN, field)]);
    } else if (!(await ctx.policy.can(scope, parent.rowId))) {
      throw new UserErrorsException([unitError(UnitProblem.OUT_OF_SCOPE, field)]);
    }
  }

  private async validHead(
    ctx: RequestContext,
    errors: UserErrorList,
    unit: Unit,
    headGlobalId: string,
  ): Promise<number | undefined> {
    const field = inputPath('headId');
    const headId = idOfType(headGlobalId, Employee.typeName);
    // Locked: a concurrent move or deactivation of this employee waits, then sees that they head the unit.
    const head = headId === null ? null : await lockedRow(ctx.em, Employee, headId);
    if (!head) errors.addError(unitError(UnitProblem.HEAD_NOT_FOUND, field));
    else if (head.unitId !== unit.rowId) errors.addError(unitError(UnitProblem.HEAD_NOT_IN_UNIT, field));
    else if (!head.active) errors.addError(unitError(UnitProblem.HEAD_INACTIVE, field));
    else return head.rowId;
    return undefined;
  }
}

export const unitService = new UnitService();
