import { type RequestContext } from '../../core/context/request-context';
import { emptyPage, type Page } from '../../core/graphql/connection';
import { type DecodedGlobalId, toGlobalId } from '../../core/graphql/global-id';
import { paginate } from '../../core/graphql/pagination';
import { Permission } from '../../core/policy/permission';
import { type Json, visibleSnapshot } from '../employee/person-subject';
import { employeeService } from '../employee/employee.service';
import { AuditEntry } from './audit-entry.entity';
import { type AuditOwner } from './audit.policy';
import { AuditActorKind, type AuditFieldChange, type AuditTrailEntry } from './audit-trail.types';

/** How to find a record's unit and person from its row (`x`), joining what it hangs off. */
interface OwnerSource {
  table: string;
  joins?: Array<[table: string, alias: string, on: string]>;
  unit: string;
  employee: string | null;
}

const THROUGH_APPRAISAL = (on: string): Pick<OwnerSource, 'joins' | 'unit' | 'employee'> => ({
  joins: [['appraisal', 'a', on]],
  unit: 'a.unit_id',
  employee: 'a.employee_id',
});
const THROUGH_EMPLOYEE: Pick<OwnerSource, 'joins' | 'unit' | 'employee'> = {
  joins: [['employee', 'e', 'e.id = x.employee_id']],
  unit: 'e.unit_id',
  employee: 'e.id',
};

/**
 * The records whose trail can be read, by GraphQL type (the audit entry's `entity_type`). A plan and what hangs off
 * it belong to the plan's unit and person; a person's other records to the person and their current unit.
 */
const OWNERS: Record<string, OwnerSource> = {
  Unit: { table: 'unit', unit: 'x.id', employee: null },
  UnitRating: { table: 'unit_rating', unit: 'x.unit_id', employee: null },
  Employee: { table: 'employee', unit: 'x.unit_id', employee: 'x.id' },
  Appraisal: { table: 'appraisal', unit: 'x.unit_id', employee: 'x.employee_id' },
  WorkResultPlan: { table: 'work_result_plan', ...THROUGH_APPRAISAL('a.id = x.appraisal_id') },
  Indicator: {
    table: 'indicator',
    joins: [
      ['work_result_plan', 'w', 'w.id = x.work_result_plan_id'],
      ['appraisal', 'a', 'a.id = w.appraisal_id'],
    ],
    unit: 'a.unit_id',
    employee: 'a.employee_id',
  },
  Realization: { table: 'realization', ...THROUGH_APPRAISAL('a.id = x.appraisal_id') },
  Evaluation: { table: 'evaluation', ...THROUGH_APPRAISAL('a.id = x.appraisal_id') },
  Objection: { table: 'objection', ...THROUGH_APPRAISAL('a.id = x.appraisal_id') },
  DailyActivity: { table: 'daily_activity', ...THROUGH_EMPLOYEE },
  CompetencyAssessment: { table: 'competency_assessment', ...THROUGH_EMPLOYEE },
  DevelopmentSuggestion: { table: 'development_suggestion', ...THROUGH_EMPLOYEE },
  PotentialRating: { table: 'potential_rating', ...THROUGH_EMPLOYEE },
};

/**
 * Fields a change's list leaves out: the key, the version (given as versionBefore/versionAfter) and the times of
 * the row's own bookkeeping (the entry's `occurredAt` says when).
 */
const NOT_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt']);

type Snapshot = Record<string, unknown> | null;

const parse = (text: string | null): Snapshot => (text === null ? null : (JSON.parse(text) as Snapshot));
const versionOf = (snapshot: Snapshot) => (typeof snapshot?.version === 'number' ? snapshot.version : null);

function changedFields(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...names].filter(
    (name) => !NOT_FIELDS.has(name) && JSON.stringify(before?.[name]) !== JSON.stringify(after?.[name]),
  );
}

const ACTOR_KINDS: Record<string, AuditActorKind> = {
  employee: AuditActorKind.EMPLOYEE,
  client: AuditActorKind.CLIENT,
};

export class AuditTrailService {
  /** The record's unit and person, or null for a record that is gone or of a kind without a trail here. */
  async ownerOf(ctx: RequestContext, subject: DecodedGlobalId): Promise<AuditOwner | null> {
    const source = OWNERS[subject.typeName];
    if (!source) return null;
    const qb = ctx.em
      .createQueryBuilder()
      .select(source.unit, 'unitId')
      .addSelect(source.employee ?? 'NULL', 'employeeId')
      .from(source.table, 'x')
      .where('x.id = :id', { id: subject.id });
    for (const [table, alias, on] of source.joins ?? []) qb.innerJoin(table, alias, on);
    const row = await qb.getRawOne<{ unitId: number | string; employeeId: number | string | null }>();
    if (!row) return null;
    return { unitId: Number(row.unitId), employeeId: row.employeeId === null ? null : Number(row.employeeId) };
  }

  /**
   * One page of a record's trail, newest first; empty when the caller may not read it (`docs/api.md`, Refusals: a
   * query about a record answers as if there were nothing). The caller must already read the record itself.
   */
  async page(
    ctx: RequestContext,
    subject: DecodedGlobalId,
    args: { first?: number | null; after?: string | null },
  ): Promise<Page<AuditTrailEntry>> {
    const owner = await this.ownerOf(ctx, subject);
    if (!owner || !(await ctx.policy.can(Permission.READ_AUDIT_TRAIL, owner))) return emptyPage();
    const qb = ctx.em
      .getRepository(AuditEntry)
      .createQueryBuilder('ae')
      .where('ae.entity_type = :type', { type: subject.typeName })
      .andWhere('ae.entity_id = :id', { id: subject.id });
    const page = await paginate(
      qb,
      { column: 'ae.id', idColumn: 'ae.id', direction: 'DESC', valueOf: (r) => r.id, idOf: (r) => r.id },
      { first: args.first, after: args.after },
    );
    const showValues = await this.readsInFull(ctx, owner);
    const entries = await Promise.all(page.edges.map((edge) => this.entryOf(ctx, edge.node, showValues)));
    return {
      edges: page.edges.map((edge, i) => ({ cursor: edge.cursor, node: entries[i]! })),
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
    };
  }

  /** Values are for whoever reads the person's personal fields (as `Employee.nip`); a unit's for every reader. */
  private async readsInFull(ctx: RequestContext, owner: AuditOwner): Promise<boolean> {
    if (owner.employeeId === null) return true;
    const person = await employeeService.get(ctx, owner.employeeId);
    return person !== null && (await ctx.policy.can(Permission.READ_EMPLOYEE_PERSONAL, person));
  }

  private async entryOf(ctx: RequestContext, row: AuditEntry, showValues: boolean): Promise<AuditTrailEntry> {
    const before = parse(row.before);
    const after = parse(row.after);
    const fields = changedFields(before, after);
    const actorKind = ACTOR_KINDS[row.actorKind] ?? AuditActorKind.SYSTEM;
    const [actorName, changes] = await Promise.all([
      actorKind === AuditActorKind.EMPLOYEE ? this.actorName(ctx, row) : Promise.resolve(row.actorSubject),
      showValues ? this.changesOf(ctx, fields, before, after) : Promise.resolve(null),
    ]);
    return {
      id: toGlobalId('AuditEntry', row.id),
      occurredAt: row.occurredAt,
      action: row.action,
      actorKind,
      actorName,
      actorSubject: row.actorSubject,
      versionBefore: versionOf(before),
      versionAfter: versionOf(after),
      changedFields: fields,
      changes,
    };
  }

  /** An employee actor's name, shown exactly when their NIP would be (`Employee.nip`'s rule). */
  private async actorName(ctx: RequestContext, row: AuditEntry): Promise<string | null> {
    if (row.actorEmployeeId === null) return null;
    const actor = await employeeService.get(ctx, row.actorEmployeeId);
    if (!actor) return null;
    const visible =
      actor.rowId === ctx.actor.employeeId || (await ctx.policy.can(Permission.READ_EMPLOYEE_PERSONAL, actor));
    return visible ? actor.displayName : null;
  }

  private changesOf(
    ctx: RequestContext,
    fields: string[],
    before: Snapshot,
    after: Snapshot,
  ): Promise<AuditFieldChange[]> {
    const asJson = async (snapshot: Snapshot, field: string) =>
      snapshot && field in snapshot ? JSON.stringify(await visibleSnapshot(ctx, snapshot[field] as Json)) : null;
    return Promise.all(
      fields.map(async (field) => ({ field, before: await asJson(before, field), after: await asJson(after, field) })),
    );
  }
}

export const auditTrailService = new AuditTrailService();
