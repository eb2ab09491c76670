import { type PrincipalDirectory } from '../../core/auth/authenticate';
import { type Database } from '../../core/database/database';
import { RawEntities } from '../../core/database/raw-entities';
import { Unit } from '../unit/unit.entity';
import { Employee } from './employee.entity';
import { normaliseUnitCode } from '../unit/unit-code';

/** What authentication looks up per request: an active employee by NIP, an HR scope unit by code. */
export function createPrincipalDirectory(db: Database): PrincipalDirectory<Employee> {
  return {
    // Once per request: written out rather than built by the query builder each time.
    async findActiveEmployeeByNip(nip) {
      const e = RawEntities.of(db.manager, Employee, 'e');
      const [found] = await e.query(
        db.manager,
        `SELECT ${e.select()} FROM ${e.from()} WHERE e.nip = ? AND e.active = 1`,
        [nip],
      );
      return found;
    },
    async findUnitIdByCode(code) {
      const row = await db.manager
        .getRepository(Unit)
        .findOne({ select: { rowId: true }, where: { code: normaliseUnitCode(code) } });
      return row?.rowId;
    },
  };
}
