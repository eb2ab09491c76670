import { unauthenticated } from '../errors/app-error';
import { Actor } from './actor';
import { Role } from './role';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';

/** Lookups authentication needs from the organisation, at the time of the request. */
export interface PrincipalDirectory<E extends { rowId: number }> {
  /** The active employee with this NIP (the whole record, so the request can reuse it). */
  findActiveEmployeeByNip(nip: string): Promise<E | undefined>;
  findUnitIdByCode(code: string): Promise<number | undefined>;
}

export interface Authentication<E> {
  actor: Actor;
  /** The signed-in employee's record, read while authenticating. */
  employee?: E;
  /** When the token expires; absent for an anonymous request. */
  expiresAt?: Date;
}

const NIP_SHAPE = /^\d{18}$/;

/**
 * Turns an `Authorization` header into an Actor. No header: anonymous. A header that does not verify, names an
 * unknown or disabled employee, or gives a unit scope that is not a unit code or names no unit: UNAUTHENTICATED
 * (fail closed).
 */
export async function authenticate<E extends { rowId: number }>(
  authorization: string | undefined,
  verifier: TokenVerifier,
  directory: PrincipalDirectory<E>,
): Promise<Authentication<E>> {
  if (authorization === undefined || authorization === '') return { actor: Actor.anonymous() };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  let claims;
  try {
    claims = await verifier.verify(match[1]!);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(`Invalid token: ${error.message}.`);
    throw error;
  }
  let hrScopeUnitId: number | null = null;
  // Any unit claim must name a unit, whatever the roles: a claim that means nothing is a token that was minted wrong.
  if (claims.unitScope !== undefined) {
    const unitId = await directory.findUnitIdByCode(claims.unitScope);
    if (unitId === undefined) throw unauthenticated('Invalid token: its HR unit scope does not exist.');
    if (claims.roles.includes(Role.HR_ADMIN)) hrScopeUnitId = unitId;
  }
  if (NIP_SHAPE.test(claims.subject)) {
    const employee = await directory.findActiveEmployeeByNip(claims.subject);
    if (employee === undefined) throw unauthenticated('Invalid token: no active employee has this NIP.');
    return {
      actor: Actor.employee(employee.rowId, claims.subject, claims.roles, hrScopeUnitId),
      employee,
      expiresAt: claims.expiresAt,
    };
  }
  // A client principal exists only through the roles it was granted.
  if (claims.roles.length === 0) throw unauthenticated('Invalid token: a client token must grant a role.');
  return { actor: Actor.client(claims.subject, claims.roles, hrScopeUnitId), expiresAt: claims.expiresAt };
}
