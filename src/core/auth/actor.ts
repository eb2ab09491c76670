import { Role } from './role';

export type Principal =
  { kind: 'anonymous' } | { kind: 'employee'; employeeId: number; nip: string } | { kind: 'client'; clientId: string };

/**
 * Who is asking: a signed-in employee, an integration/analytics client, or nobody. Built once per request
 * from the verified token and the employee table; supervisor rights are looked up in the tree, never stored here.
 */
export class Actor {
  private constructor(
    readonly principal: Principal,
    readonly roles: ReadonlySet<Role>,
    /** For HR admins: the root of the unit subtree they administer; `null` means the whole region. */
    readonly hrScopeUnitId: number | null,
  ) {}

  static anonymous(): Actor {
    return new Actor({ kind: 'anonymous' }, new Set(), null);
  }

  static employee(
    employeeId: number,
    nip: string,
    roles: Iterable<Role> = [],
    hrScopeUnitId: number | null = null,
  ): Actor {
    return new Actor({ kind: 'employee', employeeId, nip }, new Set(roles), hrScopeUnitId);
  }

  static client(clientId: string, roles: Iterable<Role>, hrScopeUnitId: number | null = null): Actor {
    return new Actor({ kind: 'client', clientId }, new Set(roles), hrScopeUnitId);
  }

  get isAuthenticated(): boolean {
    return this.principal.kind !== 'anonymous';
  }

  /** The employee id of a signed-in person, or undefined for clients and anonymous callers. */
  get employeeId(): number | undefined {
    return this.principal.kind === 'employee' ? this.principal.employeeId : undefined;
  }

  /** A stable label for logs and audit rows: the NIP of a person or the client id. */
  get subject(): string {
    switch (this.principal.kind) {
      case 'employee':
        return this.principal.nip;
      case 'client':
        return this.principal.clientId;
      case 'anonymous':
        return 'anonymous';
    }
  }

  has(role: Role): boolean {
    return this.roles.has(role);
  }

  get isHrAdmin(): boolean {
    return this.roles.has(Role.HR_ADMIN);
  }

  /** An HR admin of the whole region (no unit scope). */
  get isRegionHrAdmin(): boolean {
    return this.isHrAdmin && this.hrScopeUnitId === null;
  }
}
