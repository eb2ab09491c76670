import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { rawByIds } from '../../core/database/raw-entities';
import { byKey, groupByKey, type LoaderFactory } from '../../core/context/loader-registry';
import { UnitClosure } from '../unit/unit-closure.entity';
import { Unit } from '../unit/unit.entity';
import { CompetencyAssessment } from './competency-assessment.entity';
import { Competency } from './competency.entity';
import { DevelopmentSuggestion } from './development-suggestion.entity';
import { PositionRequirement } from './position-requirement.entity';
import { PotentialRating } from './potential-rating.entity';

export const competencyById: LoaderFactory<number, Competency | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, Competency, ids), (c) => c.rowId));

export const requirementById: LoaderFactory<number, PositionRequirement | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, PositionRequirement, ids), (r) => r.rowId));

export const assessmentById: LoaderFactory<number, CompetencyAssessment | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, CompetencyAssessment, ids), (a) => a.rowId));

export const suggestionById: LoaderFactory<number, DevelopmentSuggestion | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, DevelopmentSuggestion, ids), (s) => s.rowId));

export const potentialRatingById: LoaderFactory<number, PotentialRating | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, PotentialRating, ids), (p) => p.rowId));

/** The requirements of each unit (every position in it), by position title then competency. */
export const requirementsOfUnit: LoaderFactory<number, PositionRequirement[]> = (ctx) =>
  new DataLoader(async (unitIds) => {
    const rows = await ctx.em
      .getRepository(PositionRequirement)
      .find({ where: { unitId: In([...unitIds]) }, order: { positionTitle: 'ASC', competencyId: 'ASC' } });
    return groupByKey(unitIds, rows, (r) => r.unitId);
  });

/** Every assessment of each employee, newest first (the history; the current level is derived from it). */
export const assessmentsOfEmployee: LoaderFactory<number, CompetencyAssessment[]> = (ctx) =>
  new DataLoader(async (employeeIds) => {
    const rows = await ctx.em
      .getRepository(CompetencyAssessment)
      .find({ where: { employeeId: In([...employeeIds]) }, order: { assessedOn: 'DESC', rowId: 'DESC' } });
    return groupByKey(employeeIds, rows, (a) => a.employeeId);
  });

export const suggestionsOfEmployee: LoaderFactory<number, DevelopmentSuggestion[]> = (ctx) =>
  new DataLoader(async (employeeIds) => {
    const rows = await ctx.em
      .getRepository(DevelopmentSuggestion)
      .find({ where: { employeeId: In([...employeeIds]) }, order: { rowId: 'DESC' } });
    return groupByKey(employeeIds, rows, (s) => s.employeeId);
  });

/** Each employee's potential rating for one period. */
export const potentialOfEmployee: LoaderFactory<number, PotentialRating | null, { periodId: number }> = (
  ctx,
  { periodId },
) =>
  new DataLoader(async (employeeIds) =>
    byKey(
      employeeIds,
      await ctx.em.getRepository(PotentialRating).findBy({ periodId, employeeId: In([...employeeIds]) }),
      (p) => p.employeeId,
    ),
  );

/** Whether the signed-in employee heads each unit or one of its ancestors (one closure query per batch). */
export const actorHeadsUnitOrAbove: LoaderFactory<number, boolean> = (ctx) =>
  new DataLoader(async (unitIds) => {
    const me = ctx.actor.employeeId;
    if (me === undefined) return unitIds.map(() => false);
    const rows: Array<{ id: number | string }> = await ctx.em
      .getRepository(UnitClosure)
      .createQueryBuilder('c')
      .innerJoin(Unit, 'u', 'u.id = c.ancestorId')
      .select('c.descendantId', 'id')
      .where('u.head_id = :me', { me })
      .andWhere('c.descendantId IN (:...ids)', { ids: [...unitIds] })
      .getRawMany();
    const headed = new Set(rows.map((r) => Number(r.id)));
    return unitIds.map((id) => headed.has(id));
  });
