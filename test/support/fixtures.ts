import { Actor } from '../../src/core/auth/actor';
import { Role } from '../../src/core/auth/role';
import { RequestContext } from '../../src/core/context/request-context';
import { type Database } from '../../src/core/database/database';
import { Permission } from '../../src/core/policy/permission';
import { createLogger } from '../../src/core/server/logger';
import { policyTable } from '../../src/app/policy-table';
import { EmploymentType, Gender, PositionKind } from '../../src/modules/employee/employee-enums';
import { type Employee } from '../../src/modules/employee/employee.entity';
import { employeeService } from '../../src/modules/employee/employee.service';
import { ExternalOfficial } from '../../src/modules/official/external-official.entity';
import { UnitKind } from '../../src/modules/unit/unit-kind';
import { type Unit } from '../../src/modules/unit/unit.entity';
import { unitService } from '../../src/modules/unit/unit.service';
import { NipFactory } from '../../src/seed/nip-factory';
import { Random } from '../../src/seed/random';
import { Unit as UnitEntity } from '../../src/modules/unit/unit.entity';

let sequence = 0;

export interface EmployeeSpec {
  unit: Unit;
  supervisor?: Employee | null;
  externalSupervisor?: ExternalOfficial | null;
  name?: string;
  positionKind?: PositionKind;
  positionTitle?: string;
  employmentType?: EmploymentType;
  grade?: string;
  email?: string | null;
  gender?: Gender;
}

/**
 * Named builders for test data: `unit()`, `employee()`, `supervisorWithTeam()`. They write
 * through the services, as a region-wide HR admin, so that trees and audit rows are as the service keeps them.
 */
export class Fixtures {
  private readonly nips = new NipFactory(new Random(7));
  private readonly log = createLogger('silent');

  constructor(private readonly db: Database) {}

  private run<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const ctx = new RequestContext({
      requestId: 'fixtures',
      actor: Actor.client('test-fixtures', [Role.HR_ADMIN]),
      db: this.db,
      log: this.log,
      policyTable,
      timeZone: 'Asia/Jayapura',
    });
    return ctx.transaction(work);
  }

  nip(gender: Gender = Gender.FEMALE): string {
    return this.nips.next(gender);
  }

  unit(spec: { code?: string; name?: string; kind?: UnitKind; parent?: Unit | null } = {}): Promise<Unit> {
    const n = ++sequence;
    const code = spec.code ?? `T-${n}`;
    return this.run((ctx) =>
      unitService.insert(
        ctx,
        { code, name: spec.name ?? `Test unit ${n}`, kind: spec.kind ?? UnitKind.HEALTH_CENTRE },
        spec.parent ?? null,
        Permission.ADMINISTER_UNIT,
        (f) => [f],
      ),
    );
  }

  employee(spec: EmployeeSpec): Promise<Employee> {
    const n = ++sequence;
    const gender = spec.gender ?? (n % 2 ? Gender.FEMALE : Gender.MALE);
    const employmentType = spec.employmentType ?? EmploymentType.PNS;
    return this.run((ctx) =>
      employeeService.insert(
        ctx,
        {
          nip: this.nip(gender),
          name: spec.name ?? `Pegawai ${String(n).padStart(4, '0')}`,
          titlePrefix: null,
          titleSuffix: null,
          employmentType,
          grade: spec.grade ?? (employmentType === EmploymentType.PNS ? 'III/a' : 'VII'),
          gender,
          positionTitle: spec.positionTitle ?? 'Perawat Ahli Pertama',
          positionKind: spec.positionKind ?? PositionKind.FUNGSIONAL,
          email: spec.email === undefined ? `pegawai${n}@jayawijayakab.go.id` : spec.email,
        },
        spec.unit.rowId,
        { supervisorId: spec.supervisor?.rowId ?? null, externalSupervisorId: spec.externalSupervisor?.rowId ?? null },
        ['nip'],
      ),
    );
  }

  async supervisorWithTeam(
    unit: Unit,
    size: number,
    supervisor?: Employee,
  ): Promise<{ supervisor: Employee; team: Employee[] }> {
    const head =
      supervisor ??
      (await this.employee({ unit, positionKind: PositionKind.PENGAWAS, positionTitle: `Kepala ${unit.name}` }));
    const team: Employee[] = [];
    for (let i = 0; i < size; i++) team.push(await this.employee({ unit, supervisor: head }));
    return { supervisor: head, team };
  }

  async official(name = 'Markus Lokobal, S.H.', positionTitle = 'Bupati Jayawijaya'): Promise<ExternalOfficial> {
    const repo = this.db.manager.getRepository(ExternalOfficial);
    const now = new Date();
    now.setUTCMilliseconds(0);
    const official = repo.create({ name, positionTitle, active: true, version: 1, createdAt: now, updatedAt: now });
    await repo.insert(official);
    return official;
  }

  async setHead(unit: Unit, head: Employee): Promise<void> {
    await this.db.manager.getRepository(UnitEntity).update({ rowId: unit.rowId }, { headId: head.rowId });
  }

  /** Every row of the organisation and audit tables, to assert that a refused write changed nothing. */
  async snapshot(): Promise<Record<string, unknown[]>> {
    const tables = ['unit', 'unit_closure', 'external_official', 'employee', 'employee_closure', 'audit_entry'];
    const result: Record<string, unknown[]> = {};
    for (const table of tables) {
      const order = table.endsWith('_closure') ? 'ancestor_id, descendant_id' : 'id';
      result[table] = await this.db.manager.query(
        `SELECT * FROM ${this.db.dataSource.driver.escape(table)} ORDER BY ${order}`,
      );
    }
    return result;
  }
}
