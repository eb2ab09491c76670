import { UserError, UserErrorList } from '../../core/errors/user-error';
import { optionalText, requiredText } from '../../core/validation/text';
import { joinTexts } from '../../core/i18n/text';
import { AppraisalForm, PlanApproach } from '../appraisal/appraisal-enums';
import { type Indicator } from './indicator.entity';
import { type IndicatorAspect, type Perspective, WorkResultKind } from './work-plan-enums';
import { workPlanError, WorkPlanProblem } from './work-plan.errors';
import { PLAN_TEXT_MAX, type WorkResultPlan } from './work-result-plan.entity';

export interface IndicatorValues {
  text: string;
  aspect: IndicatorAspect | null;
  targetValue: number | null;
  targetUnit: string | null;
  targetText: string | null;
  perspective: Perspective | null;
}

export interface PlanShape {
  approach: PlanApproach;
  form: AppraisalForm;
}

/**
 * Checks an indicator against the plan's approach and form (`docs/domain.md`, The SKP): quantitative → aspect, numeric
 * target ≥ 0 and unit; qualitative → a target statement; JPT → a perspective, others → none. Records problems.
 */
export function validateIndicator(
  errors: UserErrorList,
  draft: IndicatorValues,
  plan: PlanShape,
  path: (f: string) => string[],
): IndicatorValues | undefined {
  const before = errors.all().length;
  const text = requiredText(errors, draft.text, path('text'), 'The indicator', PLAN_TEXT_MAX);
  // undefined: given but refused (already reported); null: not given.
  const unitResult = optionalText(errors, draft.targetUnit, path('targetUnit'), 'The unit', 64);
  const textResult = optionalText(errors, draft.targetText, path('targetText'), 'The target statement', PLAN_TEXT_MAX);
  const targetUnit = unitResult ?? null;
  const targetText = textResult ?? null;
  if (draft.targetValue !== null && (!Number.isFinite(draft.targetValue) || draft.targetValue < 0)) {
    errors.addError(workPlanError(WorkPlanProblem.TARGET_VALUE_NEGATIVE, path('targetValue')));
  }
  if (plan.approach === PlanApproach.QUANTITATIVE) {
    if (draft.aspect === null) errors.addError(workPlanError(WorkPlanProblem.ASPECT_REQUIRED, path('aspect')));
    if (draft.targetValue === null)
      errors.addError(workPlanError(WorkPlanProblem.TARGET_VALUE_REQUIRED, path('targetValue')));
    else if (unitResult === null)
      errors.addError(workPlanError(WorkPlanProblem.TARGET_UNIT_REQUIRED, path('targetUnit')));
  } else if (textResult === null) {
    errors.addError(workPlanError(WorkPlanProblem.TARGET_TEXT_REQUIRED, path('targetText')));
  }
  if (plan.form === AppraisalForm.JPT && draft.perspective === null)
    errors.addError(workPlanError(WorkPlanProblem.PERSPECTIVE_REQUIRED, path('perspective')));
  if (plan.form !== AppraisalForm.JPT && draft.perspective !== null)
    errors.addError(workPlanError(WorkPlanProblem.PERSPECTIVE_NOT_ALLOWED, path('perspective')));
  if (errors.all().length > before) return undefined;
  return { ...draft, text: text!, targetUnit, targetText };
}

/**
 * What stops a plan from being submitted, all at once: no main RHK, an RHK without indicators, a main RHK not
 * cascaded from the appraiser's plan, an indicator that no longer fits the approach or form (they can change).
 * `supportable` holds the ids of the appraiser's RHK (null when the appraiser is not an employee).
 */
export function submitProblems(
  plan: PlanShape,
  rhks: WorkResultPlan[],
  indicatorsOf: (rhk: WorkResultPlan) => Indicator[],
  supportable: ReadonlySet<number> | null,
): UserError[] {
  const problems: UserError[] = [];
  const field = ['input', 'id'];
  if (!rhks.some((r) => r.kind === WorkResultKind.MAIN))
    problems.push(workPlanError(WorkPlanProblem.NO_MAIN_RESULT, field));
  for (const rhk of rhks) {
    const label = `RHK ${rhk.kind === WorkResultKind.MAIN ? 'utama' : 'tambahan'} ${rhk.position}`;
    const indicators = indicatorsOf(rhk);
    if (indicators.length === 0) problems.push(workPlanError(WorkPlanProblem.NO_INDICATOR, field, label));
    if (plan.form === AppraisalForm.JPT && rhk.supportsId !== null)
      problems.push(workPlanError(WorkPlanProblem.SUPPORTS_NOT_ALLOWED_JPT, field, label));
    if (plan.form === AppraisalForm.JA_JF && supportable !== null) {
      if (rhk.kind === WorkResultKind.MAIN && rhk.supportsId === null)
        problems.push(workPlanError(WorkPlanProblem.SUPPORTS_REQUIRED, field, label));
      else if (rhk.supportsId !== null && !supportable.has(rhk.supportsId))
        problems.push(workPlanError(WorkPlanProblem.SUPPORTS_NOT_APPRAISERS, field, label));
    }
    for (const indicator of indicators) {
      const errors = new UserErrorList();
      validateIndicator(errors, indicator, plan, () => field);
      for (const e of errors.all())
        problems.push(
          Object.assign(new UserError(), e, {
            text: joinTexts(
              { id: `${label}, IKI ${indicator.position}`, en: `${label}, IKI ${indicator.position}` },
              ': ',
              e.text,
            ),
          }),
        );
    }
  }
  return problems;
}
