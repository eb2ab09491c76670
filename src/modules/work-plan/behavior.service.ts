import { type RequestContext } from '../../core/context/request-context';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { assertExpectedVersion } from '../../core/database/versioned-update';
import { idOfType } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { optionalText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { recordAudit } from '../audit/audit.service';
import { type Appraisal } from '../appraisal/appraisal.entity';
import { areExpectationsEditable } from '../appraisal/appraisal-workflow';
import { requirePlan, touchPlan } from '../appraisal/plan-access';
import { BehaviorExpectation } from './behavior-expectation.entity';
import { CORE_VALUES, type CoreValue } from './core-values';
import { expectationsOf } from './work-plan.loaders';
import { workPlanError, WorkPlanProblem } from './work-plan.errors';
import { type SetBehaviorExpectationInput } from './work-plan.inputs';
import { type BehaviorItem } from './work-plan.types';

const inputPath = (field: string) => ['input', field];

/** The behaviour part of a plan: the seven BerAKHLAK values, and the appraiser's specific expectations. */
export class BehaviorService {
  /** Always all seven values with their guides, in the form's order (`docs/domain.md`, acceptance scenario 6). */
  async behaviorsOf(ctx: RequestContext, appraisal: Appraisal): Promise<BehaviorItem[]> {
    const expectations = new Map(
      (await ctx.loaders.get(expectationsOf).load(appraisal.rowId)).map((e) => [e.coreValue, e.expectation]),
    );
    return CORE_VALUES.map((v) => ({
      coreValue: v.value,
      label: v.label,
      guides: [...v.guides],
      specificExpectation: expectations.get(v.value) ?? null,
    }));
  }

  /** The appraiser writes (or clears) the expectation for one value, until the plan is approved. */
  async setExpectation(
    ctx: RequestContext,
    input: SetBehaviorExpectationInput,
  ): Promise<{ appraisal: Appraisal; behavior: BehaviorItem }> {
    const { appraisal } = await requirePlan(
      ctx,
      idOfType(input.appraisalId, 'Appraisal'),
      Permission.DECIDE_PLAN,
      inputPath('appraisalId'),
    );
    assertExpectedVersion(appraisal.version, input.expectedVersion);
    if (!areExpectationsEditable(appraisal.status))
      throw new UserErrorsException([workPlanError(WorkPlanProblem.EXPECTATIONS_CLOSED, inputPath('appraisalId'))]);
    const errors = new UserErrorList();
    const text = optionalText(errors, input.expectation, inputPath('expectation'), 'The expectation', 2000) ?? null;
    errors.throwIfAny();
    const repo = ctx.em.getRepository(BehaviorExpectation);
    const existing = await repo.findOneBy({ appraisalId: appraisal.rowId, coreValue: input.coreValue });
    const now = ctx.now();
    if (text === null) {
      if (existing) await repo.delete({ id: existing.id });
    } else if (existing) {
      await repo.update({ id: existing.id }, { expectation: text, authorSubject: ctx.actor.subject, updatedAt: now });
    } else {
      await repo.insert(
        repo.create({
          appraisalId: appraisal.rowId,
          coreValue: input.coreValue,
          expectation: text,
          authorSubject: ctx.actor.subject,
          createdAt: now,
          updatedAt: now,
        }),
      );
    }
    const after = await touchPlan(ctx, appraisal, input.expectedVersion);
    await recordAudit(ctx, {
      action: AuditAction.BEHAVIOR_EXPECTATION_SET,
      entityType: 'Appraisal',
      entityId: appraisal.rowId,
      before: { coreValue: input.coreValue, expectation: existing?.expectation ?? null },
      after: { coreValue: input.coreValue, expectation: text },
    });
    return { appraisal: after, behavior: this.item(input.coreValue, text) };
  }

  private item(value: CoreValue, expectation: string | null): BehaviorItem {
    const definition = CORE_VALUES.find((v) => v.value === value)!;
    return {
      coreValue: value,
      label: definition.label,
      guides: [...definition.guides],
      specificExpectation: expectation,
    };
  }
}

export const behaviorService = new BehaviorService();
