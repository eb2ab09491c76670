import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { forbidden } from '../../core/errors/app-error';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { idOfType } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { isLocalDate } from '../../core/time/local-date';
import { optionalText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { Employee } from '../employee/employee.entity';
import { CompetencyAssessment } from './competency-assessment.entity';
import { AssessmentMethod, METHOD_AUTHORITY } from './competency-enums';
import { competencyError, CompetencyProblem } from './competency.errors';
import { Competency } from './competency.entity';
import { type RecordCompetencyAssessmentInput } from './competency.inputs';
import { assessmentById, assessmentsOfEmployee, competencyById, requirementsOfUnit } from './competency.loaders';
import { currentAssessments, jobMatch, type JobMatch } from './job-match';
import { unitInHrScope } from '../unit/unit.facts';
import { actorIsAbove } from '../employee/employee.facts';
import { employeeService } from '../employee/employee.service';

const inputPath = (field: string) => ['input', field];

/** An employee's competency profile: the requirements of their position against their current levels. */
export interface CompetencyProfileData {
  employee: Employee;
  match: JobMatch;
  current: Map<number, CompetencyAssessment>;
}

/** Competency assessments and the profile derived from them. */
export class AssessmentService {
  /** Assessments the caller may read (those of people whose profile they read). */
  async getMany(ctx: RequestContext, ids: readonly number[]): Promise<(CompetencyAssessment | null)[]> {
    const rows = await loadAll(ctx.loaders.get(assessmentById), ids);
    const owners = await employeeService.getMany(
      ctx,
      rows.map((r) => r?.employeeId ?? -1),
    );
    const readable = await ctx.policy.filter(Permission.READ_COMPETENCY_PROFILE, owners);
    return rows.map((r, i) => (r && readable[i] ? r : null));
  }

  /** The history of an employee whose profile the caller reads (the field's guard checks that). */
  history(ctx: RequestContext, employee: Employee): Promise<CompetencyAssessment[]> {
    return ctx.loaders.get(assessmentsOfEmployee).load(employee.rowId);
  }

  /** Requirements of the employee's position (title in their unit) against their current levels. Batched. */
  async profile(ctx: RequestContext, employee: Employee): Promise<CompetencyProfileData> {
    const [requirements, assessments] = await Promise.all([
      ctx.loaders.get(requirementsOfUnit).load(employee.unitId),
      ctx.loaders.get(assessmentsOfEmployee).load(employee.rowId),
    ]);
    const current = currentAssessments(assessments, ctx.today());
    const ofPosition = requirements.filter((r) => r.positionTitle === employee.positionTitle);
    return { employee, match: jobMatch(ofPosition, current), current };
  }

  /**
   * Records an assessed level. SELF: the employee. SUPERVISOR: someone above them in the tree. TEST and
   * ASSESSMENT_CENTRE: an HR admin whose scope covers them. Anyone else is refused (FORBIDDEN).
   */
  async record(
    ctx: RequestContext,
    input: RecordCompetencyAssessmentInput,
  ): Promise<{ assessment: CompetencyAssessment }> {
    const employeeId = idOfType(input.employeeId, Employee.typeName);
    const employee = employeeId === null ? null : await employeeService.get(ctx, employeeId);
    if (!employee || !(await ctx.policy.can(Permission.READ_COMPETENCY_PROFILE, employee))) {
      throw new UserErrorsException([competencyError(CompetencyProblem.EMPLOYEE_NOT_FOUND, inputPath('employeeId'))]);
    }
    const me = ctx.actor.employeeId;
    const allowed =
      input.method === AssessmentMethod.SELF
        ? me === employee.rowId
        : input.method === AssessmentMethod.SUPERVISOR
          ? me !== undefined && me !== employee.rowId && (await ctx.loaders.get(actorIsAbove).load(employee.rowId))
          : ctx.actor.isHrAdmin && (await ctx.loaders.get(unitInHrScope).load(employee.unitId));
    if (!allowed) throw forbidden(`A ${input.method} assessment is recorded by ${WHO[input.method]}.`);
    const competencyId = idOfType(input.competencyId, Competency.typeName);
    const competency = competencyId === null ? null : await ctx.loaders.get(competencyById).load(competencyId);
    const errors = new UserErrorList();
    if (!competency)
      errors.addError(competencyError(CompetencyProblem.COMPETENCY_NOT_FOUND, inputPath('competencyId')));
    if (!Number.isInteger(input.level) || input.level < 1 || input.level > 5)
      errors.addError(competencyError(CompetencyProblem.LEVEL_INVALID, inputPath('level')));
    if (!isLocalDate(input.assessedOn) || input.assessedOn > ctx.today())
      errors.addError(competencyError(CompetencyProblem.DATE_IN_FUTURE, inputPath('assessedOn')));
    if (input.validUntil != null && input.validUntil < input.assessedOn)
      errors.addError(competencyError(CompetencyProblem.VALID_UNTIL_BEFORE, inputPath('validUntil')));
    const evidence = optionalText(errors, input.evidence, inputPath('evidence'), 'The evidence', 2000) ?? null;
    errors.throwIfAny();
    const repo = ctx.em.getRepository(CompetencyAssessment);
    const assessment = repo.create({
      employeeId: employee.rowId,
      competencyId: competency!.rowId,
      level: input.level,
      method: input.method,
      authority: METHOD_AUTHORITY[input.method],
      assessorSubject: ctx.actor.subject,
      assessorEmployeeId: me ?? null,
      assessedOn: input.assessedOn,
      validUntil: input.validUntil ?? null,
      evidence,
      createdAt: ctx.now(),
    });
    await repo.insert(assessment);
    await recordAudit(ctx, {
      action: AuditAction.COMPETENCY_ASSESSED,
      entityType: CompetencyAssessment.typeName,
      entityId: assessment.rowId,
      after: auditSnapshot(assessment),
    });
    return { assessment };
  }
}

const WHO: Record<AssessmentMethod, string> = {
  [AssessmentMethod.SELF]: 'the employee themself',
  [AssessmentMethod.SUPERVISOR]: 'someone above the employee in the supervisor tree',
  [AssessmentMethod.TEST]: 'an HR admin whose scope covers the employee',
  [AssessmentMethod.ASSESSMENT_CENTRE]: 'an HR admin whose scope covers the employee',
};

export const assessmentService = new AssessmentService();
