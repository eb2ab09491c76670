import { type RequestContext } from '../../core/context/request-context';
import { loadAll } from '../../core/context/loader-registry';
import { lockedRow } from '../../core/database/row-locks';
import { assertExpectedVersion, updateVersioned } from '../../core/database/versioned-update';
import { forbidden } from '../../core/errors/app-error';
import { UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { idOfType } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { optionalText, requiredText } from '../../core/validation/text';
import { AuditAction } from '../audit/audit-action';
import { auditSnapshot, recordAudit } from '../audit/audit.service';
import { Employee } from '../employee/employee.entity';
import { PerformancePeriod } from '../period/performance-period.entity';
import { PeriodStatus } from '../period/period-enums';
import { DEVELOPMENT_TRANSITIONS, DevelopmentStatus } from './competency-enums';
import { competencyError, CompetencyProblem } from './competency.errors';
import { Competency } from './competency.entity';
import {
  type RatePotentialInput,
  type SuggestDevelopmentInput,
  type UpdateDevelopmentSuggestionInput,
} from './competency.inputs';
import {
  competencyById,
  potentialOfEmployee,
  potentialRatingById,
  suggestionById,
  suggestionsOfEmployee,
} from './competency.loaders';
import { DevelopmentSuggestion } from './development-suggestion.entity';
import { PotentialRating } from './potential-rating.entity';
import { employeeService } from '../employee/employee.service';
import { periodService } from '../period/period.service';

const inputPath = (field: string) => ['input', field];

/** Development suggestions (the supervisor writes, the employee follows) and the supervisor's potential rating. */
export class DevelopmentService {
  /** An employee the caller may develop (everyone above, HR covering), or NOT_FOUND / FORBIDDEN. */
  private async developable(ctx: RequestContext, globalId: string): Promise<Employee> {
    const id = idOfType(globalId, Employee.typeName);
    const employee = id === null ? null : await employeeService.get(ctx, id);
    if (!employee || !(await ctx.policy.can(Permission.READ_COMPETENCY_PROFILE, employee))) {
      throw new UserErrorsException([competencyError(CompetencyProblem.EMPLOYEE_NOT_FOUND, inputPath('employeeId'))]);
    }
    if (!(await ctx.policy.can(Permission.DEVELOP_EMPLOYEE, employee)))
      throw forbidden('Only someone above the employee, or HR covering them, does this.');
    return employee;
  }

  async getSuggestions(ctx: RequestContext, ids: readonly number[]): Promise<(DevelopmentSuggestion | null)[]> {
    const rows = await loadAll(ctx.loaders.get(suggestionById), ids);
    const owners = await employeeService.getMany(
      ctx,
      rows.map((r) => r?.employeeId ?? -1),
    );
    const readable = await ctx.policy.filter(Permission.READ_COMPETENCY_PROFILE, owners);
    return rows.map((r, i) => (r && readable[i] ? r : null));
  }

  suggestionsOf(ctx: RequestContext, employee: Employee): Promise<DevelopmentSuggestion[]> {
    return ctx.loaders.get(suggestionsOfEmployee).load(employee.rowId);
  }

  async suggest(ctx: RequestContext, input: SuggestDevelopmentInput): Promise<{ suggestion: DevelopmentSuggestion }> {
    const employee = await this.developable(ctx, input.employeeId);
    const errors = new UserErrorList();
    let competencyId: number | null = null;
    if (input.competencyId != null) {
      const id = idOfType(input.competencyId, Competency.typeName);
      const competency = id === null ? null : await ctx.loaders.get(competencyById).load(id);
      if (!competency)
        errors.addError(competencyError(CompetencyProblem.COMPETENCY_NOT_FOUND, inputPath('competencyId')));
      else competencyId = competency.rowId;
    }
    const description = requiredText(errors, input.description, inputPath('description'), 'The description', 2000);
    errors.throwIfAny();
    const now = ctx.now();
    const repo = ctx.em.getRepository(DevelopmentSuggestion);
    const suggestion = repo.create({
      employeeId: employee.rowId,
      competencyId,
      kind: input.kind,
      description: description!,
      status: DevelopmentStatus.PLANNED,
      dueDate: input.dueDate ?? null,
      authorSubject: ctx.actor.subject,
      authorEmployeeId: ctx.actor.employeeId ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insert(suggestion);
    await recordAudit(ctx, {
      action: AuditAction.DEVELOPMENT_SUGGESTED,
      entityType: DevelopmentSuggestion.typeName,
      entityId: suggestion.rowId,
      after: auditSnapshot(suggestion),
    });
    return { suggestion };
  }

  /** The employee reports progress on their own suggestions; those who may develop them change any status. */
  async updateSuggestion(
    ctx: RequestContext,
    input: UpdateDevelopmentSuggestionInput,
  ): Promise<{ suggestion: DevelopmentSuggestion }> {
    const id = idOfType(input.id, DevelopmentSuggestion.typeName);
    const suggestion = id === null ? null : await lockedRow(ctx.em, DevelopmentSuggestion, id);
    const owner = suggestion ? await employeeService.get(ctx, suggestion.employeeId) : null;
    if (!suggestion || !owner || !(await ctx.policy.can(Permission.READ_COMPETENCY_PROFILE, owner))) {
      throw new UserErrorsException([competencyError(CompetencyProblem.SUGGESTION_NOT_FOUND, inputPath('id'))]);
    }
    const isOwner = ctx.actor.employeeId === owner.rowId;
    if (!isOwner && !(await ctx.policy.can(Permission.DEVELOP_EMPLOYEE, owner)))
      throw forbidden('Only the employee, someone above them, or HR covering them updates this.');
    assertExpectedVersion(suggestion.version, input.expectedVersion);
    if (!DEVELOPMENT_TRANSITIONS[suggestion.status].includes(input.status)) {
      throw new UserErrorsException([competencyError(CompetencyProblem.SUGGESTION_TRANSITION, inputPath('status'))]);
    }
    const now = ctx.now();
    await updateVersioned(ctx.em, DevelopmentSuggestion, suggestion.rowId, input.expectedVersion, {
      status: input.status,
      updatedAt: now,
    });
    const after = Object.assign(new DevelopmentSuggestion(), suggestion, {
      status: input.status,
      updatedAt: now,
      version: suggestion.version + 1,
    });
    await recordAudit(ctx, {
      action: AuditAction.DEVELOPMENT_UPDATED,
      entityType: DevelopmentSuggestion.typeName,
      entityId: suggestion.rowId,
      before: auditSnapshot(suggestion),
      after: auditSnapshot(after),
    });
    return { suggestion: after };
  }

  async getPotentialRatings(ctx: RequestContext, ids: readonly number[]): Promise<(PotentialRating | null)[]> {
    const rows = await loadAll(ctx.loaders.get(potentialRatingById), ids);
    const owners = await employeeService.getMany(
      ctx,
      rows.map((r) => r?.employeeId ?? -1),
    );
    const readable = await ctx.policy.filter(Permission.READ_TALENT, owners);
    return rows.map((r, i) => (r && readable[i] ? r : null));
  }

  potentialOf(ctx: RequestContext, employee: Employee, periodId: number): Promise<PotentialRating | null> {
    return ctx.loaders.get(potentialOfEmployee, { periodId }).load(employee.rowId);
  }

  /** Sets or changes the supervisor's potential rating for a year (not in a closed one). */
  async ratePotential(ctx: RequestContext, input: RatePotentialInput): Promise<{ potentialRating: PotentialRating }> {
    const employee = await this.developable(ctx, input.employeeId);
    const periodId = idOfType(input.periodId, PerformancePeriod.typeName);
    const period = periodId === null ? null : await periodService.get(ctx, periodId);
    if (!period)
      throw new UserErrorsException([competencyError(CompetencyProblem.PERIOD_NOT_FOUND, inputPath('periodId'))]);
    if (period.status === PeriodStatus.CLOSED)
      throw new UserErrorsException([competencyError(CompetencyProblem.PERIOD_CLOSED, inputPath('periodId'))]);
    const errors = new UserErrorList();
    const note = optionalText(errors, input.note, inputPath('note'), 'The note', 2000) ?? null;
    errors.throwIfAny();
    const repo = ctx.em.getRepository(PotentialRating);
    const found = await repo.findOneBy({ employeeId: employee.rowId, periodId: period.rowId });
    const existing = found ? await lockedRow(ctx.em, PotentialRating, found.rowId) : null;
    const now = ctx.now();
    if (existing) {
      if (input.expectedVersion == null)
        throw new UserErrorsException([
          competencyError(CompetencyProblem.VERSION_REQUIRED, inputPath('expectedVersion'), existing.version),
        ]);
      assertExpectedVersion(existing.version, input.expectedVersion);
      const changes = { rating: input.rating, note, raterSubject: ctx.actor.subject, updatedAt: now };
      await updateVersioned(ctx.em, PotentialRating, existing.rowId, input.expectedVersion, changes);
      const after = Object.assign(new PotentialRating(), existing, changes, { version: existing.version + 1 });
      await recordAudit(ctx, {
        action: AuditAction.POTENTIAL_RATED,
        entityType: PotentialRating.typeName,
        entityId: existing.rowId,
        before: auditSnapshot(existing),
        after: auditSnapshot(after),
      });
      return { potentialRating: after };
    }
    const potentialRating = repo.create({
      employeeId: employee.rowId,
      periodId: period.rowId,
      rating: input.rating,
      note,
      raterSubject: ctx.actor.subject,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insert(potentialRating);
    await recordAudit(ctx, {
      action: AuditAction.POTENTIAL_RATED,
      entityType: PotentialRating.typeName,
      entityId: potentialRating.rowId,
      after: auditSnapshot(potentialRating),
    });
    return { potentialRating };
  }
}

export const developmentService = new DevelopmentService();
