import { Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';
import { decideManageWebhooks, decideSeeEndpoint, ownerScopeOf } from './webhook.policy';

const UNIT_A = 10;
const hrEndpoint = { ownerKind: 'employee' as const, ownerSubject: '199001012020122001', scopeUnitId: UNIT_A };
const portalEndpoint = { ownerKind: 'client' as const, ownerSubject: 'portal', scopeUnitId: null };

const actors = {
  owner: Actor.employee(1, '199001012020122001', [Role.HR_ADMIN], UNIT_A),
  hrRegion: Actor.client('hr-region', [Role.HR_ADMIN]),
  hrAbove: Actor.client('hr-above', [Role.HR_ADMIN], 1),
  hrOther: Actor.client('hr-other', [Role.HR_ADMIN], 20),
  portal: Actor.client('portal', [Role.INTEGRATION]),
  otherPortal: Actor.client('other-portal', [Role.INTEGRATION]),
  employee: Actor.employee(2, '199001012020122002'),
  analyst: Actor.client('dasbor', [Role.ANALYST]),
  anonymous: Actor.anonymous(),
};

describe('webhook policy', () => {
  it.each([
    ['owner', true],
    ['hrRegion', true],
    ['portal', true],
    ['employee', false],
    ['analyst', false],
    ['anonymous', false],
  ] as const)('%s may manage webhooks: %s', (actor, expected) => {
    expect(decideManageWebhooks({ actor: actors[actor] })).toBe(expected);
  });

  // scopeCovers: whether the actor's HR subtree holds the endpoint's scope unit (A lies under 1, not under 20).
  it.each([
    ['owner', hrEndpoint, true, true],
    ['hrRegion', hrEndpoint, true, true],
    ['hrAbove', hrEndpoint, true, true],
    ['hrOther', hrEndpoint, false, false],
    ['portal', hrEndpoint, false, false],
    ['portal', portalEndpoint, false, true],
    ['otherPortal', portalEndpoint, false, false],
    ['hrRegion', portalEndpoint, true, true],
    ['hrAbove', portalEndpoint, false, false],
    ['employee', hrEndpoint, false, false],
    ['analyst', portalEndpoint, false, false],
  ] as const)('%s sees %o: %s', (actor, endpoint, scopeCovers, expected) => {
    expect(decideSeeEndpoint({ actor: actors[actor], endpoint, scopeCovers })).toBe(expected);
  });

  it('gives an integration client the region and an HR admin their scope', () => {
    expect(ownerScopeOf(actors.portal)).toBeNull();
    expect(ownerScopeOf(actors.hrRegion)).toBeNull();
    expect(ownerScopeOf(actors.owner)).toBe(UNIT_A);
  });
});
