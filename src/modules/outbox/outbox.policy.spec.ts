import { Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { type RequestContext } from '../../core/context/request-context';
import { changesScope, decideReadChanges, outboxRules } from './outbox.policy';

const actors = {
  employee: Actor.employee(10, '199001012015032001'),
  employeeWithAnalystRole: Actor.employee(11, '199001012015032002', [Role.ANALYST]),
  hrRegion: Actor.employee(20, '198505052010011001', [Role.HR_ADMIN]),
  hrScoped: Actor.employee(21, '198505052010011002', [Role.HR_ADMIN], 7),
  hrClientScoped: Actor.client('hr-portal', [Role.HR_ADMIN], 9),
  analyst: Actor.client('dasbor-kinerja', [Role.ANALYST]),
  integration: Actor.client('simpeg-bkn', [Role.INTEGRATION]),
  integrationAndScopedHr: Actor.client('portal', [Role.INTEGRATION, Role.HR_ADMIN], 7),
  anonymous: Actor.anonymous(),
} satisfies Record<string, Actor>;

type ActorName = keyof typeof actors;

/** Who reads the changes feed at all (the role decides), and which events: the region, or an HR subtree. */
describe('decideReadChanges and changesScope', () => {
  it.each<[ActorName, boolean, ReturnType<typeof changesScope> | null]>([
    ['integration', true, { kind: 'region' }],
    ['integrationAndScopedHr', true, { kind: 'region' }],
    ['hrRegion', true, { kind: 'region' }],
    ['hrScoped', true, { kind: 'subtree', unitId: 7 }],
    ['hrClientScoped', true, { kind: 'subtree', unitId: 9 }],
    ['employee', false, null],
    ['employeeWithAnalystRole', false, null],
    ['analyst', false, null],
    ['anonymous', false, null],
  ])('%s → %s', async (actor, allowed, scope) => {
    expect(decideReadChanges({ actor: actors[actor] })).toBe(allowed);
    const ctx = { actor: actors[actor] } as unknown as RequestContext;
    expect(await outboxRules.readChanges.evaluate(ctx)).toBe(allowed);
    if (scope) expect(changesScope(actors[actor])).toEqual(scope);
  });
});
