import { AuditEntry } from './modules/audit/audit-entry.entity';
import { EmployeeClosure } from './modules/employee/employee-closure.entity';
import { Employee } from './modules/employee/employee.entity';
import { ExternalOfficial } from './modules/official/external-official.entity';
import { UnitClosure } from './modules/unit/unit-closure.entity';
import { Unit } from './modules/unit/unit.entity';
import { TreeLock } from './core/tree/tree-lock.entity';

/** Every TypeORM entity; the schema itself is built only by `migrations/`. */
export const entities = [Unit, UnitClosure, ExternalOfficial, Employee, EmployeeClosure, AuditEntry, TreeLock];
