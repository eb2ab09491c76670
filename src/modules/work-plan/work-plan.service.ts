import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { idOfType, toGlobalId } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { requiredText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { type Appraisal } from '../appraisal/appraisal.entity';
import { AppraisalForm, AppraisalStatus } from '../appraisal/appraisal-enums';
import { appraisalService } from '../appraisal/appraisal.service';
import { beginPlanEdit } from '../appraisal/plan-access';
import { changePlanContent } from '../appraisal/plan-stamps';
import { Indicator } from './indicator.entity';
import { planContentOf } from './plan-content.loaders';
import {
  type AddIndicatorInput,
  type AddWorkResultPlanInput,
  type RemovePlanItemInput,
  type UpdateIndicatorInput,
  type UpdateWorkResultPlanInput,
} from './work-plan.inputs';
import {
  appraiserPlanOf,
  indicatorById,
  indicatorsOf,
  supportersOf,
  workResultPlanById,
  workResultPlansOf,
} from './work-plan.loaders';
import { workPlanError, WorkPlanProblem } from './work-plan.errors';
import { type IndicatorValues, validateIndicator } from './work-plan-rules';
import { WorkResultKind } from './work-plan-enums';
import { PLAN_TEXT_MAX, WorkResultPlan } from './work-result-plan.entity';

const inputPath = (field: string) => ['input', field];

/**
 * The content of a plan: its RHK (with the cascade to the appraiser's RHK) and their indicators. Only the
 * employee edits it, while the plan is editable; every change bumps the plan's one version.
 */
export class WorkPlanService {
  /** A plan's RHK, if the caller may read the plan's content (at once when a batch already read them). */
  workResultPlansOf(ctx: RequestContext, appraisal: Appraisal): WorkResultPlan[] | Promise<WorkResultPlan[]> {
    return ctx.loaders.peekOrLoad(planContentOf, appraisal);
  }

  /** RHK by id, each null unless the caller may read its plan's content. */
  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<(WorkResultPlan | null)[]> {
    return this.visible(ctx, await loadAll(ctx.loaders.get(workResultPlanById), ids));
  }

  async getIndicators(ctx: RequestContext, ids: readonly number[]): Promise<(Indicator | null)[]> {
    const indicators = await loadAll(ctx.loaders.get(indicatorById), ids);
    const rhks = await this.getMany(
      ctx,
      indicators.map((i) => i?.workResultPlanId ?? 0),
    );
    return indicators.map((indicator, i) => (indicator && rhks[i] ? indicator : null));
  }

  /** Keeps the RHK whose plan the caller may read (or that belong to someone above them). */
  async visible(ctx: RequestContext, rhks: readonly (WorkResultPlan | null)[]): Promise<(WorkResultPlan | null)[]> {
    const allowed = await appraisalService.getManyFor(
      ctx,
      Permission.READ_WORK_PLAN,
      rhks.map((r) => r?.appraisalId ?? 0),
    );
    return rhks.map((rhk, i) => (rhk && allowed[i] ? rhk : null));
  }

  /** A plan's RHK in order, if the caller may read its content (READ_WORK_PLAN); else none. */
  async rhksOf(ctx: RequestContext, appraisal: Appraisal): Promise<WorkResultPlan[]> {
    if (!(await ctx.policy.can(Permission.READ_WORK_PLAN, appraisal))) return [];
    return ctx.loaders.get(workResultPlansOf).load(appraisal.rowId);
  }

  indicatorsOf(ctx: RequestContext, rhk: WorkResultPlan): Indicator[] | Promise<Indicator[]> {
    return ctx.loaders.peekOrLoad(indicatorsOf, rhk.rowId);
  }

  async supports(ctx: RequestContext, rhk: WorkResultPlan): Promise<WorkResultPlan | null> {
    return rhk.supportsId === null ? null : ((await this.getMany(ctx, [rhk.supportsId]))[0] ?? null);
  }

  /** The RHK of open plans that support this one, as far as the caller may see them. */
  async supporters(ctx: RequestContext, rhk: WorkResultPlan): Promise<WorkResultPlan[]> {
    const children = await ctx.loaders.get(supportersOf).load(rhk.rowId);
    return (await this.visible(ctx, children)).filter((r): r is WorkResultPlan => r !== null);
  }

  /**
   * The whole cascade under an RHK in one statement (a recursive query over `supports_id`), closed plans left
   * out, then pruned to what the caller may see: an RHK hidden from them hides its subtree too.
   */
  async cascade(
    ctx: RequestContext,
    root: WorkResultPlan,
    maxDepth: number,
  ): Promise<Array<{ level: number; workResultPlan: WorkResultPlan }>> {
    const rows: Array<{ id: number | string; level: number | string }> = await ctx.em.query(
      `WITH RECURSIVE cascade_rhk (id, level) AS (
         SELECT id, 0 FROM work_result_plan WHERE id = ?
         UNION ALL
         SELECT child.id, parent.level + 1
           FROM work_result_plan child
           JOIN cascade_rhk parent ON child.supports_id = parent.id
           JOIN appraisal plan ON plan.id = child.appraisal_id AND plan.status <> ?
          WHERE parent.level < ?
       )
       SELECT id, level FROM cascade_rhk ORDER BY level, id`,
      [root.rowId, AppraisalStatus.CLOSED, maxDepth],
    );
    const ids = rows.map((r) => Number(r.id));
    const rhks = await this.getMany(ctx, ids);
    const shown = new Set<number>();
    const entries: Array<{ level: number; workResultPlan: WorkResultPlan }> = [];
    rows.forEach((row, i) => {
      const rhk = rhks[i];
      if (!rhk) return;
      if (Number(row.level) > 0 && (rhk.supportsId === null || !shown.has(rhk.supportsId))) return;
      shown.add(rhk.rowId);
      entries.push({ level: Number(row.level), workResultPlan: rhk });
    });
    return entries;
  }

  /** The RHK of the appraiser's plan in the same period: what this plan's RHK may support. */
  async supportable(ctx: RequestContext, appraisal: Appraisal): Promise<WorkResultPlan[]> {
    if (appraisal.appraiserEmployeeId === null || appraisal.form === AppraisalForm.JPT) return [];
    const plan = await ctx.loaders
      .get(appraiserPlanOf, { periodId: appraisal.periodId })
      .load(appraisal.appraiserEmployeeId);
    return plan ? ctx.loaders.get(workResultPlansOf).load(plan.rowId) : [];
  }

  async addWorkResultPlan(
    ctx: RequestContext,
    input: AddWorkResultPlanInput,
  ): Promise<{ appraisal: Appraisal; workResultPlan: WorkResultPlan }> {
    const { appraisal } = await beginPlanEdit(
      ctx,
      idOfType(input.appraisalId, 'Appraisal'),
      input.expectedVersion,
      inputPath('appraisalId'),
    );
    const errors = new UserErrorList();
    const text = requiredText(errors, input.text, inputPath('text'), 'The RHK', PLAN_TEXT_MAX);
    const supportsId = await this.checkSupports(ctx, errors, appraisal, input.kind, input.supportsId ?? null);
    errors.throwIfAny();
    const siblings = (await ctx.loaders.get(workResultPlansOf).load(appraisal.rowId)).filter(
      (r) => r.kind === input.kind,
    );
    const now = ctx.now();
    const rhk = ctx.em.getRepository(WorkResultPlan).create({
      appraisalId: appraisal.rowId,
      kind: input.kind,
      position: siblings.length + 1,
      text: text!,
      supportsId: supportsId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    const { plan: after } = await changePlanContent(ctx, appraisal, input.expectedVersion, () =>
      ctx.em.getRepository(WorkResultPlan).insert(rhk),
    );
    await recordAudit(ctx, {
      action: AuditAction.WORK_RESULT_PLAN_ADDED,
      entityType: WorkResultPlan.typeName,
      entityId: rhk.rowId,
      after: auditSnapshot(rhk),
    });
    return { appraisal: after, workResultPlan: rhk };
  }

  async updateWorkResultPlan(
    ctx: RequestContext,
    input: UpdateWorkResultPlanInput,
  ): Promise<{ appraisal: Appraisal; workResultPlan: WorkResultPlan }> {
    const rhk = await this.requireRhk(ctx, input.id);
    const { appraisal } = await beginPlanEdit(ctx, rhk.appraisalId, input.expectedVersion, inputPath('id'));
    const errors = new UserErrorList();
    const kind = input.kind ?? rhk.kind;
    const text =
      input.text != null ? requiredText(errors, input.text, inputPath('text'), 'The RHK', PLAN_TEXT_MAX) : rhk.text;
    const supportsGlobal =
      input.supportsId === undefined
        ? rhk.supportsId === null
          ? null
          : toGlobalId(WorkResultPlan.typeName, rhk.supportsId)
        : input.supportsId;
    const supportsId = await this.checkSupports(ctx, errors, appraisal, kind, supportsGlobal);
    errors.throwIfAny();
    const now = ctx.now();
    const all = await ctx.loaders.get(workResultPlansOf).load(appraisal.rowId);
    const after = Object.assign(new WorkResultPlan(), rhk, {
      kind,
      text: text!,
      supportsId: supportsId ?? null,
      updatedAt: now,
    });
    // Renumber both lists the RHK leaves and joins, putting it where asked (default: last when its kind changes).
    const others = (k: WorkResultKind) => all.filter((r) => r.kind === k && r.rowId !== rhk.rowId);
    const target = others(kind);
    const wanted = input.position ?? (kind === rhk.kind ? rhk.position : target.length + 1);
    target.splice(Math.min(Math.max(wanted, 1), target.length + 1) - 1, 0, after);
    const lists = kind === rhk.kind ? [target] : [target, others(rhk.kind)];
    const { plan } = await changePlanContent(ctx, appraisal, input.expectedVersion, async () => {
      for (const list of lists) {
        for (const [index, item] of list.entries()) {
          if (item === after) after.position = index + 1;
          else if (item.position !== index + 1)
            await ctx.em
              .getRepository(WorkResultPlan)
              .update({ rowId: item.rowId }, { position: index + 1, updatedAt: now });
        }
      }
      await ctx.em
        .getRepository(WorkResultPlan)
        .update(
          { rowId: rhk.rowId },
          { kind, text: after.text, supportsId: after.supportsId, position: after.position, updatedAt: now },
        );
    });
    await recordAudit(ctx, {
      action: AuditAction.WORK_RESULT_PLAN_UPDATED,
      entityType: WorkResultPlan.typeName,
      entityId: rhk.rowId,
      before: auditSnapshot(rhk),
      after: auditSnapshot(after),
    });
    return { appraisal: plan, workResultPlan: after };
  }

  async removeWorkResultPlan(
    ctx: RequestContext,
    input: RemovePlanItemInput,
  ): Promise<{ appraisal: Appraisal; removedId: string }> {
    const rhk = await this.requireRhk(ctx, input.id);
    const { appraisal } = await beginPlanEdit(ctx, rhk.appraisalId, input.expectedVersion, inputPath('id'));
    // Any plan's RHK pointing here, closed ones included: the history keeps its link.
    if (await ctx.em.getRepository(WorkResultPlan).existsBy({ supportsId: rhk.rowId })) {
      throw new UserErrorsException([workPlanError(WorkPlanProblem.SUPPORTED_BY_OTHERS, inputPath('id'))]);
    }
    const indicators = await ctx.loaders.get(indicatorsOf).load(rhk.rowId);
    const { plan } = await changePlanContent(ctx, appraisal, input.expectedVersion, async () => {
      await ctx.em.getRepository(WorkResultPlan).delete({ rowId: rhk.rowId });
      const now = ctx.now();
      const rest = (await ctx.loaders.get(workResultPlansOf).load(appraisal.rowId)).filter(
        (r) => r.kind === rhk.kind && r.rowId !== rhk.rowId,
      );
      for (const [index, item] of rest.entries()) {
        if (item.position !== index + 1)
          await ctx.em
            .getRepository(WorkResultPlan)
            .update({ rowId: item.rowId }, { position: index + 1, updatedAt: now });
      }
    });
    await recordAudit(ctx, {
      action: AuditAction.WORK_RESULT_PLAN_REMOVED,
      entityType: WorkResultPlan.typeName,
      entityId: rhk.rowId,
      before: { ...auditSnapshot(rhk), indicators: indicators.map(auditSnapshot) },
    });
    return { appraisal: plan, removedId: toGlobalId(WorkResultPlan.typeName, rhk.rowId) };
  }

  async addIndicator(
    ctx: RequestContext,
    input: AddIndicatorInput,
  ): Promise<{ appraisal: Appraisal; indicator: Indicator }> {
    const rhk = await this.requireRhk(ctx, input.workResultPlanId, inputPath('workResultPlanId'));
    const { appraisal } = await beginPlanEdit(
      ctx,
      rhk.appraisalId,
      input.expectedVersion,
      inputPath('workResultPlanId'),
    );
    const errors = new UserErrorList();
    const values = validateIndicator(errors, draftOf(input), appraisal, inputPath);
    errors.throwIfAny();
    const siblings = await ctx.loaders.get(indicatorsOf).load(rhk.rowId);
    const now = ctx.now();
    const indicator = ctx.em.getRepository(Indicator).create({
      ...values!,
      workResultPlanId: rhk.rowId,
      position: siblings.length + 1,
      createdAt: now,
      updatedAt: now,
    });
    const { plan } = await changePlanContent(ctx, appraisal, input.expectedVersion, () =>
      ctx.em.getRepository(Indicator).insert(indicator),
    );
    await recordAudit(ctx, {
      action: AuditAction.INDICATOR_ADDED,
      entityType: Indicator.typeName,
      entityId: indicator.rowId,
      after: auditSnapshot(indicator),
    });
    return { appraisal: plan, indicator };
  }

  async updateIndicator(
    ctx: RequestContext,
    input: UpdateIndicatorInput,
  ): Promise<{ appraisal: Appraisal; indicator: Indicator }> {
    const indicator = await this.requireIndicator(ctx, input.id);
    const rhk = (await ctx.loaders.get(workResultPlanById).load(indicator.workResultPlanId))!;
    const { appraisal } = await beginPlanEdit(ctx, rhk.appraisalId, input.expectedVersion, inputPath('id'));
    const errors = new UserErrorList();
    const merged: IndicatorValues = {
      text: input.text ?? indicator.text,
      aspect: input.aspect === undefined ? indicator.aspect : input.aspect,
      targetValue: input.targetValue === undefined ? indicator.targetValue : input.targetValue,
      targetUnit: input.targetUnit === undefined ? indicator.targetUnit : input.targetUnit,
      targetText: input.targetText === undefined ? indicator.targetText : input.targetText,
      perspective: input.perspective === undefined ? indicator.perspective : input.perspective,
    };
    const values = validateIndicator(errors, merged, appraisal, inputPath);
    errors.throwIfAny();
    const after = Object.assign(new Indicator(), indicator, values, { updatedAt: ctx.now() });
    const { plan } = await changePlanContent(ctx, appraisal, input.expectedVersion, () =>
      ctx.em.getRepository(Indicator).update({ rowId: indicator.rowId }, { ...values!, updatedAt: after.updatedAt }),
    );
    await recordAudit(ctx, {
      action: AuditAction.INDICATOR_UPDATED,
      entityType: Indicator.typeName,
      entityId: indicator.rowId,
      before: auditSnapshot(indicator),
      after: auditSnapshot(after),
    });
    return { appraisal: plan, indicator: after };
  }

  async removeIndicator(
    ctx: RequestContext,
    input: RemovePlanItemInput,
  ): Promise<{ appraisal: Appraisal; removedId: string }> {
    const indicator = await this.requireIndicator(ctx, input.id);
    const rhk = (await ctx.loaders.get(workResultPlanById).load(indicator.workResultPlanId))!;
    const { appraisal } = await beginPlanEdit(ctx, rhk.appraisalId, input.expectedVersion, inputPath('id'));
    const { plan } = await changePlanContent(ctx, appraisal, input.expectedVersion, async () => {
      await ctx.em.getRepository(Indicator).delete({ rowId: indicator.rowId });
      const now = ctx.now();
      const rest = (await ctx.loaders.get(indicatorsOf).load(rhk.rowId)).filter((i) => i.rowId !== indicator.rowId);
      for (const [index, item] of rest.entries()) {
        if (item.position !== index + 1)
          await ctx.em.getRepository(Indicator).update({ rowId: item.rowId }, { position: index + 1, updatedAt: now });
      }
    });
    await recordAudit(ctx, {
      action: AuditAction.INDICATOR_REMOVED,
      entityType: Indicator.typeName,
      entityId: indicator.rowId,
      before: auditSnapshot(indicator),
    });
    return { appraisal: plan, removedId: toGlobalId(Indicator.typeName, indicator.rowId) };
  }

  /**
   * The cascade rule (`docs/domain.md`): on the staff form a main RHK supports one of the appraiser's RHK in the same
   * period (any RHK given must be one); a JPT's RHK supports none. Returns the supported RHK's id.
   */
  private async checkSupports(
    ctx: RequestContext,
    errors: UserErrorList,
    appraisal: Appraisal,
    kind: WorkResultKind,
    supportsGlobalId: string | null,
  ): Promise<number | null | undefined> {
    const field = inputPath('supportsId');
    if (appraisal.form === AppraisalForm.JPT) {
      if (supportsGlobalId !== null) errors.addError(workPlanError(WorkPlanProblem.SUPPORTS_NOT_ALLOWED_JPT, field));
      return null;
    }
    if (supportsGlobalId === null) {
      if (kind === WorkResultKind.MAIN && appraisal.appraiserEmployeeId !== null)
        errors.addError(workPlanError(WorkPlanProblem.SUPPORTS_REQUIRED, field));
      return null;
    }
    const id = idOfType(supportsGlobalId, WorkResultPlan.typeName);
    const supportable = await this.supportable(ctx, appraisal);
    if (id === null || !supportable.some((r) => r.rowId === id)) {
      errors.addError(workPlanError(WorkPlanProblem.SUPPORTS_NOT_APPRAISERS, field));
      return undefined;
    }
    return id;
  }

  private async requireRhk(ctx: RequestContext, globalId: string, field = inputPath('id')): Promise<WorkResultPlan> {
    const id = idOfType(globalId, WorkResultPlan.typeName);
    const rhk = id === null ? null : (await this.getMany(ctx, [id]))[0];
    if (!rhk) throw new UserErrorsException([workPlanError(WorkPlanProblem.WORK_RESULT_PLAN_NOT_FOUND, field)]);
    return rhk;
  }

  private async requireIndicator(ctx: RequestContext, globalId: string): Promise<Indicator> {
    const id = idOfType(globalId, Indicator.typeName);
    const indicator = id === null ? null : (await this.getIndicators(ctx, [id]))[0];
    if (!indicator)
      throw new UserErrorsException([workPlanError(WorkPlanProblem.INDICATOR_NOT_FOUND, inputPath('id'))]);
    return indicator;
  }
}

function draftOf(input: AddIndicatorInput): IndicatorValues {
  return {
    text: input.text,
    aspect: input.aspect ?? null,
    targetValue: input.targetValue ?? null,
    targetUnit: input.targetUnit ?? null,
    targetText: input.targetText ?? null,
    perspective: input.perspective ?? null,
  };
}

export const workPlanService = new WorkPlanService();
