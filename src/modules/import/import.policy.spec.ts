import { Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type RequestContext } from '../../core/context/request-context';
import { decideImportOrganisation, importRules } from './import.policy';

const actors = {
  employee: Actor.employee(10, '199001012015032001'),
  employeeWithAnalystRole: Actor.employee(11, '199001012015032002', [Role.ANALYST]),
  hrRegion: Actor.employee(20, '198505052010011001', [Role.HR_ADMIN]),
  hrScoped: Actor.employee(21, '198505052010011002', [Role.HR_ADMIN], 7),
  hrClient: Actor.client('hr-portal', [Role.HR_ADMIN]),
  analyst: Actor.client('dasbor-kinerja', [Role.ANALYST]),
  integration: Actor.client('simpeg-bkn', [Role.INTEGRATION]),
  integrationEmployee: Actor.employee(30, '198001012005011003', [Role.INTEGRATION]),
  anonymous: Actor.anonymous(),
} satisfies Record<string, Actor>;

type ActorName = keyof typeof actors;

/** Who may call the bulk imports at all; each row is then checked with IMPORT_INTO_UNIT (see unit.policy.spec). */
describe('decideImportOrganisation', () => {
  it.each<[ActorName, boolean]>([
    ['integration', true],
    ['integrationEmployee', true],
    ['hrRegion', true],
    ['hrScoped', true],
    ['hrClient', true],
    ['employee', false],
    ['employeeWithAnalystRole', false],
    ['analyst', false],
    ['anonymous', false],
  ])('%s → %s', async (actor, allowed) => {
    expect(decideImportOrganisation({ actor: actors[actor] })).toBe(allowed);
    // The rule is the decision, with nothing looked up.
    const ctx = { actor: actors[actor] } as unknown as RequestContext;
    expect(await importRules.importOrganisation.evaluate(ctx)).toBe(allowed);
  });
});
