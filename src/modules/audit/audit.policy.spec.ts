import { Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type AuditOwner, decideReadAuditTrail } from './audit.policy';

const actors = {
  person: Actor.employee(10, '199001012015032001'),
  colleague: Actor.employee(11, '199001012015032002'),
  supervisor: Actor.employee(12, '198001012005011001'),
  hrRegion: Actor.employee(20, '198505052010011001', [Role.HR_ADMIN]),
  hrScoped: Actor.employee(21, '198505052010011002', [Role.HR_ADMIN], 7),
  hrClient: Actor.client('hr-portal', [Role.HR_ADMIN]),
  analyst: Actor.client('dasbor-kinerja', [Role.ANALYST]),
  integration: Actor.client('simpeg-bkn', [Role.INTEGRATION]),
  anonymous: Actor.anonymous(),
} satisfies Record<string, Actor>;

const owners = {
  /** Employee 10's record or plan, in a unit inside hrScoped's subtree. */
  personsRecord: { unitId: 8, employeeId: 10 },
  /** A unit (or its rating): nobody's personal record. */
  unit: { unitId: 8, employeeId: null },
} satisfies Record<string, AuditOwner>;

/** Who reads a record's audit trail, by actor × owner × whether the unit lies in the caller's HR scope. */
describe('decideReadAuditTrail', () => {
  it.each<[keyof typeof actors, keyof typeof owners, boolean, boolean]>([
    ['person', 'personsRecord', false, true],
    ['person', 'unit', false, false],
    ['colleague', 'personsRecord', false, false],
    ['supervisor', 'personsRecord', false, false],
    ['hrRegion', 'personsRecord', false, true],
    ['hrRegion', 'unit', false, true],
    ['hrScoped', 'personsRecord', true, true],
    ['hrScoped', 'unit', true, true],
    ['hrScoped', 'personsRecord', false, false],
    ['hrScoped', 'unit', false, false],
    ['hrClient', 'personsRecord', false, true],
    ['analyst', 'personsRecord', true, false],
    ['integration', 'unit', true, false],
    ['anonymous', 'personsRecord', true, false],
  ])('%s on %s (unit in scope: %s) → %s', (actor, owner, unitInScope, allowed) => {
    expect(decideReadAuditTrail({ actor: actors[actor], owner: owners[owner], unitInScope })).toBe(allowed);
  });
});
