import { registerEnumType } from 'type-graphql';

/** Roles a token's `roles` claim may grant (`docs/api.md`, Identity). Being a supervisor is never a role. */
export enum Role {
  HR_ADMIN = 'HR_ADMIN',
  ANALYST = 'ANALYST',
  INTEGRATION = 'INTEGRATION',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'A role granted by the identity provider. Supervisor rights are not a role: they come from the tree.',
  valuesConfig: {
    HR_ADMIN: {
      description: 'Regional HR office (pengelola kinerja, BKPSDM), for the whole region or a unit subtree.',
    },
    ANALYST: { description: 'Analytics team: aggregates only, never an individual record.' },
    INTEGRATION: {
      description: 'An integrating system (e.g. the national HR system export) that imports the organisation.',
    },
  },
});

export function parseRole(value: unknown): Role | undefined {
  return typeof value === 'string' && (Object.values(Role) as string[]).includes(value) ? (value as Role) : undefined;
}
