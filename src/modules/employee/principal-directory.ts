import { type PrincipalDirectory } from '../../core/auth/authenticate';
import { type Database } from '../../core/database/database';
import { Unit } from '../unit/unit.entity';
import { normaliseUnitCode } from '../unit/unit.loaders';
import { Employee } from './employee.entity';

/** What authentication looks up per request: an active employee by NIP, an HR scope unit by code. */
export function createPrincipalDirectory(db: Database): PrincipalDirectory<Employee> {
  return {
    async findActiveEmployeeByNip(nip) {
      return (await db.manager.getRepository(Employee).findOneBy({ nip, active: true })) ?? undefined;
    },
    async findUnitIdByCode(code) {
      const row = await db.manager.getRepository(Unit).findOne({ select: { id: true }, where: { code: normaliseUnitCode(code) } });
      return row?.id;
    },
  };
}
