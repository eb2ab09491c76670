import fs from 'node:fs';
import path from 'node:path';
import { ERROR_MESSAGES } from '../src/core/errors/error-messages';
import { LOCALES } from '../src/core/i18n/locale';
import { type Text } from '../src/core/i18n/text';
import { TEXT_LABELS, TEXT_MESSAGES } from '../src/core/validation/text-labels';
import { activityError, ActivityProblem } from '../src/modules/activity/activity.errors';
import { appraisalError, AppraisalProblem } from '../src/modules/appraisal/appraisal.errors';
import { competencyError, CompetencyProblem } from '../src/modules/competency/competency.errors';
import { employeeError, EmployeeProblem, nipError } from '../src/modules/employee/employee.errors';
import { NIP_PROBLEM_MESSAGES, type NipProblem } from '../src/modules/employee/nip';
import { DISTRIBUTION_CURVE } from '../src/modules/evaluation/distribution-curve';
import { curveRuleText, evaluationError, EvaluationProblem } from '../src/modules/evaluation/evaluation.errors';
import { IMPORT_MESSAGES } from '../src/modules/import/import.messages';
import { periodError, PeriodProblem } from '../src/modules/period/period.errors';
import { realizationError, RealizationProblem } from '../src/modules/realization/realization.errors';
import { unitError, UnitProblem } from '../src/modules/unit/unit.errors';
import { workPlanError, WorkPlanProblem } from '../src/modules/work-plan/work-plan.errors';
import { analyticsMessages } from '../src/modules/analytics/analytics.messages';
import { personalDataMessages } from '../src/modules/personal-data/personal-data.messages';
import { siasnError, siasnMessages, SiasnProblem } from '../src/modules/siasn/siasn.errors';
import { webhookError, WebhookProblem } from '../src/modules/webhook/webhook.errors';

/**
 * Every catalogue of texts a person reads, walked: each text has every language, none is empty, and no two
 * languages are the same text (a sign that one was copied, not translated). A catalogue without a language does
 * not compile (`Text`); this catches what the compiler cannot.
 */

/** A stand-in for any parameter: a string, a number, or an object whose every property is one again. */
const sample: unknown = new Proxy(() => undefined, {
  get: (_target, property) => (property === Symbol.toPrimitive ? () => '7' : sample),
});

/** The texts of a catalogue object: its `Text` values, and what its functions give for sample parameters. */
function textsOf(catalogue: Record<string, unknown>): Array<[string, Text]> {
  return Object.entries(catalogue).map(([key, value]) => {
    const text =
      typeof value === 'function' ? (value as (...args: unknown[]) => unknown)(sample, sample, sample) : value;
    return [key, text as Text];
  });
}

const problems = <P extends string>(values: Record<string, P>, make: (p: P) => { text: Text }): Array<[string, Text]> =>
  Object.values(values).map((p) => [p, make(p).text]);

const CATALOGUES: Record<string, Array<[string, Text]>> = {
  'src/modules/activity/activity.errors.ts': problems(ActivityProblem, (p) => activityError(p, [])),
  'src/modules/appraisal/appraisal.errors.ts': problems(AppraisalProblem, (p) => appraisalError(p, [])),
  'src/modules/competency/competency.errors.ts': problems(CompetencyProblem, (p) => competencyError(p, [])),
  'src/modules/employee/employee.errors.ts': [
    ...problems(EmployeeProblem, (p) => employeeError(p, [])),
    ...(Object.keys(NIP_PROBLEM_MESSAGES) as NipProblem[]).map((p): [string, Text] => [p, nipError(p, []).text]),
  ],
  'src/modules/evaluation/evaluation.errors.ts': [
    ...problems(EvaluationProblem, (p) => evaluationError(p, [])),
    ...Object.values(DISTRIBUTION_CURVE)
      .flat()
      .map((bound): [string, Text] => [bound.description, curveRuleText(bound)]),
  ],
  'src/modules/period/period.errors.ts': problems(PeriodProblem, (p) => periodError(p, [])),
  'src/modules/realization/realization.errors.ts': problems(RealizationProblem, (p) => realizationError(p, [])),
  'src/modules/unit/unit.errors.ts': problems(UnitProblem, (p) => unitError(p, [])),
  'src/modules/work-plan/work-plan.errors.ts': problems(WorkPlanProblem, (p) => workPlanError(p, [])),
  'src/core/errors/error-messages.ts': textsOf(ERROR_MESSAGES),
  'src/core/validation/text-labels.ts': [
    ...textsOf(TEXT_LABELS),
    ['empty', TEXT_MESSAGES.empty(TEXT_LABELS['The name'])],
    ['tooLong', TEXT_MESSAGES.tooLong(TEXT_LABELS['The name'], 200)],
  ],
  'src/modules/import/import.messages.ts': textsOf(IMPORT_MESSAGES),
  'src/modules/analytics/analytics.messages.ts': textsOf(analyticsMessages),
  'src/modules/personal-data/personal-data.messages.ts': textsOf(personalDataMessages),
  'src/modules/siasn/siasn.errors.ts': [...problems(SiasnProblem, (p) => siasnError(p, [])), ...textsOf(siasnMessages)],
  'src/modules/webhook/webhook.errors.ts': problems(WebhookProblem, (p) => webhookError(p, [])),
};

describe('the catalogues of texts', () => {
  it('lists every catalogue file of the source tree (a new one is walked too)', () => {
    const root = path.join(__dirname, '..');
    const found = (fs.readdirSync(path.join(root, 'src'), { recursive: true }) as string[])
      .map((file) => `src/${file.split(path.sep).join('/')}`)
      .filter((file) => /(\.errors|[.-]messages|text-labels)\.ts$/.test(file))
      .sort();
    expect(found).toEqual(Object.keys(CATALOGUES).sort());
  });

  const cases = Object.entries(CATALOGUES).flatMap(([file, texts]) =>
    texts.map(([key, text]) => [`${file}: ${key}`, text] as const),
  );

  it.each(cases)('%s is written in every language', (_name, text) => {
    for (const locale of LOCALES) {
      expect(typeof text[locale]).toBe('string');
      expect(text[locale].trim()).not.toBe('');
    }
    expect(Object.keys(text).sort()).toEqual([...LOCALES].sort());
    expect(text.id).not.toBe(text.en);
  });
});
