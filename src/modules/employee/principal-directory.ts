import { type PrincipalDirectory } from '../../core/auth/authenticate';
import { type Database } from '../../core/database/database';
import { Unit } from '../unit/unit.entity';
import { Employee } from './employee.entity';

/** What authentication looks up per request: an active employee by NIP, an HR scope unit by code. */
export function createPrincipalDirectory(db: Database): PrincipalDirectory {
  return {
    async findActiveEmployeeIdByNip(nip) {
      const row = await db.manager.getRepository(Employee).findOne({ select: { id: true }, where: { nip, active: true } });
      return row?.id;
    },
    async findUnitIdByCode(code) {
      const row = await db.manager.getRepository(Unit).findOne({ select: { id: true }, where: { code } });
      return row?.id;
    },
  };
}
