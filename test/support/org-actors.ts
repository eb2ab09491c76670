/**
 * The actors of the organisation the plan, follow-through and competency authorization specs each build: the
 * person, her appraiser and his supervisor, a peer, a subordinate, a head elsewhere, HR of the region, of her
 * unit and of another, an analyst, an integration client, and no one.
 */
export const ORG_ACTORS = [
  'self',
  'head',
  'kadinkes',
  'peer',
  'sub',
  'otherHead',
  'hrRegion',
  'hrOfA',
  'hrOfB',
  'analyst',
  'integration',
  'anonymous',
] as const;

export type OrgActor = (typeof ORG_ACTORS)[number];
