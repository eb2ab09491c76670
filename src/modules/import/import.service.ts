import { type Text } from '../../core/i18n/text';
import { type EntityManager } from 'typeorm';
import { type RequestContext } from '../../core/context/request-context';
import { UserError, UserErrorCode, UserErrorList, UserErrorsException } from '../../core/errors/user-error';
import { Permission } from '../../core/policy/permission';
import { EmploymentType, Gender, PositionKind } from '../employee/employee-enums';
import { type EmployeeDraft, validateEmployeeDraft } from '../employee/employee-draft';
import { employeeError, EmployeeProblem } from '../employee/employee.errors';
import { employeeService, supervisorTree, type SupervisorChoice } from '../employee/employee.service';
import { UnitKind } from '../unit/unit-kind';
import { unitError, UnitProblem } from '../unit/unit.errors';
import { unitService, unitTree, validateUnitValues } from '../unit/unit.service';
import { dependencyOrder } from './dependency-order';
import { IMPORT_MESSAGES } from './import.messages';
import { announceImport } from './import-event';
import { type ImportEmployeeRow, type ImportUnitRow } from './import.inputs';
import { type ImportOutcome, type ImportRowResult, ImportRowStatus } from './import.types';

/** Rows the service takes in one transaction: a chunk of a file (`npm run import`, `POST /imports/…`). */
export const MAX_IMPORT_ROWS = 500;

/**
 * Rows one GraphQL import call may send: as many rows of realistic worst-case length as fit `BODY_LIMIT_BYTES`'s
 * default with room to spare (`docs/api.md`, Imports). Bigger batches go to the HTTP routes.
 */
export const MAX_GRAPHQL_IMPORT_ROWS = 150;

export interface ImportCallOptions {
  /** At most this many rows (default `MAX_IMPORT_ROWS`). */
  maxRows?: number;
  /** `false`: the caller announces the import itself (a CSV file, once over its chunks). */
  announce?: boolean;
}

type RowPath = (field: string) => string[];

/** How one kind of row is keyed, refers to another, and names its columns. */
interface RowKind<R> {
  name: 'units' | 'employees';
  keyOf(row: R): string;
  refOf(row: R): string | null;
  /** The row's key column (named by a DUPLICATE error), the column that refers to another row, and renamed inputs. */
  fields: { key: string; ref: string; rename: Record<string, string> };
  cycle: Text;
  /** Rows may add to a tree: its lock comes before any row lock (one order, no deadlock). */
  lockTree(em: EntityManager): Promise<void>;
  importRow(rowCtx: RequestContext, row: R, path: RowPath): Promise<ImportRowStatus>;
}

const UNIT_ROW_FIELDS = {
  key: 'code',
  ref: 'parentCode',
  rename: { parentId: 'parentCode', id: 'code', expectedVersion: 'code' },
};
const EMPLOYEE_ROW_FIELDS = {
  key: 'nip',
  ref: 'supervisorNip',
  rename: {
    unitId: 'unitCode',
    supervisorId: 'supervisorNip',
    externalSupervisorId: 'supervisorNip',
    id: 'nip',
    employeeId: 'nip',
    expectedVersion: 'nip',
  },
};

function parseEnum<E extends string>(
  values: Record<string, E>,
  raw: string | null | undefined,
  errors: UserErrorList,
  field: string[],
  label: string,
): E | undefined {
  const value = raw?.trim().toUpperCase();
  if (value && (Object.values(values) as string[]).includes(value)) return value as E;
  const allowed = Object.values(values).join(', ');
  errors.add(
    UserErrorCode.INVALID,
    { id: `${label} harus salah satu dari ${allowed}.`, en: `${label} must be one of ${allowed}.` },
    field,
  );
  return undefined;
}

const blankToNull = (value: string | null | undefined): string | null | undefined =>
  value === undefined ? undefined : value?.trim() ? value.trim() : null;

/**
 * Bulk upserts from the national HR system's export (`docs/api.md`, Mutations): idempotent on the natural key (unit
 * code, NIP), at most `maxRows` rows a call, one savepoint per row so that a bad row is reported and skipped while
 * the valid rows are written, all in one transaction. Rows that refer to each other are ordered first.
 */
export class ImportService {
  importUnits(ctx: RequestContext, rows: ImportUnitRow[], options: ImportCallOptions = {}): Promise<ImportOutcome> {
    return this.run(ctx, rows, options, {
      name: 'units',
      keyOf: (row) => row.code.trim().toUpperCase(),
      refOf: (row) => blankToNull(row.parentCode)?.toUpperCase() ?? null,
      fields: UNIT_ROW_FIELDS,
      cycle: {
        id: 'Unit kerja tidak dapat ditempatkan di bawah dirinya sendiri atau salah satu sub-unitnya (baris-baris kiriman ini membentuk lingkaran).',
        en: 'A unit cannot be placed under itself or one of its own sub-units (the rows of this call form a loop).',
      },
      lockTree: (em) => unitTree.lock(em),
      importRow: (rowCtx, row, path) => this.importUnit(rowCtx, row, path),
    });
  }

  importEmployees(
    ctx: RequestContext,
    rows: ImportEmployeeRow[],
    options: ImportCallOptions = {},
  ): Promise<ImportOutcome> {
    return this.run(ctx, rows, options, {
      name: 'employees',
      keyOf: (row) => row.nip.trim(),
      refOf: (row) => blankToNull(row.supervisorNip) ?? null,
      fields: EMPLOYEE_ROW_FIELDS,
      cycle: {
        id: 'Atasan langsung seorang pegawai tidak boleh dirinya sendiri atau bawahannya (baris-baris kiriman ini membentuk lingkaran).',
        en: 'An employee cannot be supervised by themselves or by someone below them (the rows of this call form a loop).',
      },
      lockTree: (em) => supervisorTree.lock(em),
      importRow: (rowCtx, row, path) => this.importEmployee(rowCtx, row, path),
    });
  }

  private async run<R>(
    ctx: RequestContext,
    rows: R[],
    { maxRows = MAX_IMPORT_ROWS, announce = true }: ImportCallOptions,
    kind: RowKind<R>,
  ): Promise<ImportOutcome> {
    const { keyOf, refOf, importRow } = kind;
    if (rows.length > maxRows)
      throw new UserErrorsException([
        UserError.of(UserErrorCode.INVALID, IMPORT_MESSAGES.tooManyRows(maxRows, rows.length), ['input', 'rows']),
      ]);
    const results: (ImportRowResult | undefined)[] = new Array(rows.length);
    const fail = (index: number, errors: UserError[]) => {
      results[index] = { index, key: keyOf(rows[index]!), status: ImportRowStatus.FAILED, errors };
    };
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const key = keyOf(row);
      if (seen.has(key))
        fail(index, [
          UserError.of(
            UserErrorCode.DUPLICATE,
            {
              id: `"${key}" muncul lebih dari sekali dalam kiriman ini.`,
              en: `"${key}" appears more than once in this call.`,
            },
            ['input', 'rows', String(index), kind.fields.key],
          ),
        ]);
      seen.add(key);
    });
    const { order, cyclic } = dependencyOrder(rows, keyOf, refOf);
    for (const index of cyclic) {
      if (!results[index])
        fail(index, [UserError.of(UserErrorCode.CYCLE, kind.cycle, ['input', 'rows', String(index), kind.fields.ref])]);
    }
    await ctx.transaction(async (tx) => {
      await kind.lockTree(tx.em);
      for (const index of order) {
        if (results[index]) continue;
        // Shared services name their inputs (unitId, supervisorId…); a row names its own columns.
        const path: RowPath = (field) => ['input', 'rows', String(index), kind.fields.rename[field] ?? field];
        try {
          // A savepoint per row: a refused row rolls back alone, with its audit rows; fresh loaders forget it.
          const status = await tx.em.transaction(() => importRow(tx.withFreshLoaders(), rows[index]!, path));
          results[index] = { index, key: keyOf(rows[index]!), status, errors: [] };
        } catch (error) {
          if (!(error instanceof UserErrorsException)) throw error;
          fail(index, error.errors);
        }
      }
    });
    const done = results as ImportRowResult[];
    const count = (status: ImportRowStatus) => done.filter((r) => r.status === status).length;
    const summary = {
      received: rows.length,
      created: count(ImportRowStatus.CREATED),
      updated: count(ImportRowStatus.UPDATED),
      unchanged: count(ImportRowStatus.UNCHANGED),
      failed: count(ImportRowStatus.FAILED),
    };
    // Inside the caller's transaction (the mutation's): the event commits with the rows.
    if (announce) await ctx.transaction((tx) => announceImport(tx, kind.name, 'MUTATION', summary));
    return { rows: done, summary };
  }

  private async importUnit(ctx: RequestContext, row: ImportUnitRow, path: RowPath): Promise<ImportRowStatus> {
    const errors = new UserErrorList();
    const kind = parseEnum(UnitKind, row.kind, errors, path('kind'), 'kind');
    const values = kind && validateUnitValues(errors, { code: row.code, name: row.name, kind }, path);
    const parentCode = blankToNull(row.parentCode);
    const parent = parentCode ? await unitService.getByCode(ctx, parentCode) : null;
    if (parentCode && !parent) errors.addError(unitError(UnitProblem.PARENT_NOT_FOUND, path('parentCode')));
    errors.throwIfAny();
    const existing = await unitService.getByCode(ctx, values!.code);
    if (!existing) {
      await unitService.insert(ctx, values!, parent, Permission.IMPORT_INTO_UNIT, path);
      return ImportRowStatus.CREATED;
    }
    if (!(await ctx.policy.can(Permission.IMPORT_INTO_UNIT, existing.rowId)))
      throw new UserErrorsException([unitError(UnitProblem.OUT_OF_SCOPE, path('code'))]);
    let unit = await unitService.applyChanges(
      ctx,
      existing,
      { ...values!, headId: existing.headId },
      existing.version,
      path,
    );
    if (parentCode !== undefined)
      unit = await unitService.moveUnder(ctx, unit, parent, unit.version, Permission.IMPORT_INTO_UNIT, path);
    return unit.version === existing.version ? ImportRowStatus.UNCHANGED : ImportRowStatus.UPDATED;
  }

  private async importEmployee(ctx: RequestContext, row: ImportEmployeeRow, path: RowPath): Promise<ImportRowStatus> {
    const errors = new UserErrorList();
    const employmentType = parseEnum(
      EmploymentType,
      row.employmentType,
      errors,
      path('employmentType'),
      'employmentType',
    );
    const positionKind = parseEnum(PositionKind, row.positionKind, errors, path('positionKind'), 'positionKind');
    const genderText = blankToNull(row.gender);
    const gender: Gender | null | undefined = genderText
      ? parseEnum(Gender, genderText, errors, path('gender'), 'gender')
      : (genderText as null | undefined);
    const unit = await unitService.getByCode(ctx, row.unitCode.trim());
    if (!unit) errors.addError(employeeError(EmployeeProblem.UNIT_NOT_FOUND, path('unitCode')));
    const supervisorNip = blankToNull(row.supervisorNip);
    const supervisor = supervisorNip ? await employeeService.getByNipToImport(ctx, supervisorNip) : null;
    if (supervisorNip && !supervisor)
      errors.addError(employeeError(EmployeeProblem.SUPERVISOR_NOT_FOUND, path('supervisorNip')));
    errors.throwIfAny();

    const found = await employeeService.getByNipToImport(ctx, row.nip.trim());
    const existing = found && (await employeeService.lockForChange(ctx, found.rowId));
    const draft: EmployeeDraft = {
      nip: row.nip,
      name: row.name,
      titlePrefix: row.titlePrefix === undefined ? existing?.titlePrefix : row.titlePrefix,
      titleSuffix: row.titleSuffix === undefined ? existing?.titleSuffix : row.titleSuffix,
      employmentType: employmentType!,
      grade: row.grade,
      gender: gender === undefined ? existing?.gender : gender,
      positionTitle: row.positionTitle,
      positionKind: positionKind!,
      email: row.email === undefined ? existing?.email : row.email,
      siasnId: row.siasnId,
    };
    const values = validateEmployeeDraft(errors, draft, path);
    errors.throwIfAny();

    if (!existing) {
      if (!(await ctx.policy.can(Permission.IMPORT_INTO_UNIT, unit!.rowId)))
        throw new UserErrorsException([employeeError(EmployeeProblem.OUT_OF_SCOPE, path('unitCode'))]);
      const choice: SupervisorChoice = { supervisorId: supervisor?.rowId ?? null, externalSupervisorId: null };
      await employeeService.checkSupervisor(ctx, errors, null, choice, path, Permission.IMPORT_INTO_UNIT);
      errors.throwIfAny();
      const created = await employeeService.insert(ctx, values!, unit!.rowId, choice, path('nip'));
      if (row.active === false) await employeeService.changeActive(ctx, created, false, created.version, path);
      return ImportRowStatus.CREATED;
    }
    if (!(await ctx.policy.can(Permission.IMPORT_INTO_UNIT, existing.unitId)))
      throw new UserErrorsException([employeeError(EmployeeProblem.OUT_OF_SCOPE, path('nip'))]);
    let employee = await employeeService.applyChanges(
      ctx,
      existing,
      values!,
      unit!.rowId,
      existing.version,
      path,
      Permission.IMPORT_INTO_UNIT,
    );
    if (supervisorNip !== undefined) {
      const choice: SupervisorChoice = supervisor
        ? { supervisorId: supervisor.rowId, externalSupervisorId: null }
        : { supervisorId: null, externalSupervisorId: employee.externalSupervisorId };
      employee = await employeeService.changeSupervisor(
        ctx,
        employee,
        choice,
        employee.version,
        path,
        Permission.IMPORT_INTO_UNIT,
      );
    }
    if (row.active != null)
      employee = await employeeService.changeActive(ctx, employee, row.active, employee.version, path);
    return employee.version === existing.version ? ImportRowStatus.UNCHANGED : ImportRowStatus.UPDATED;
  }
}

export const importService = new ImportService();
