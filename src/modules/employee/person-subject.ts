import { type MiddlewareFn, UseMiddleware } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { Permission } from '../../core/policy/permission';
import { employeeByNip } from './employee.loaders';

/** NIP and NI PPPK: 18 digits. A subject of that shape names a person, whether or not we still find them. */
const PERSON_SUBJECT = /^\d{18}$/;

/** What every `*Subject` field says about who it names, for its description. */
export const PERSON_SUBJECT_RULE =
  'A person is shown by NIP under the same rule as `Employee.nip` (the person, everyone above them, HR admins in scope; null to others); ' +
  'an integration client by its client id and the service by "system", to every reader of the record (they name systems, not people).';

/**
 * The stored subject of an actor (a NIP, a client id, "system") as the caller may see it: a NIP only when the
 * caller may read that employee's personal fields (READ_EMPLOYEE_PERSONAL, the rule of `Employee.nip`), else
 * null. A NIP-shaped subject that no employee holds any more (a corrected NIP) is a person we cannot check: null.
 */
export async function visibleSubject(ctx: RequestContext, subject: string | null | undefined): Promise<string | null> {
  if (subject === null || subject === undefined) return null;
  if (subject === ctx.actor.subject && ctx.actor.employeeId !== undefined) return subject;
  const person = await ctx.loaders.get(employeeByNip).load(subject);
  if (person) return (await ctx.policy.can(Permission.READ_EMPLOYEE_PERSONAL, person)) ? subject : null;
  return PERSON_SUBJECT.test(subject) ? null : subject;
}

const personSubject: MiddlewareFn<RequestContext> = async ({ context }, next) =>
  visibleSubject(context, (await next()) as string | null | undefined);

/**
 * Marks a field that holds an actor's subject: it reads through `visibleSubject`, so a NIP is shown exactly when
 * `Employee.nip` would be. The field must be nullable. Being a middleware, it also keeps the schema rewrites
 * (plain, compiled and directly called fields) from reading the property around it.
 */
export function PersonSubject(): MethodDecorator & PropertyDecorator {
  return UseMiddleware(personSubject);
}

/** JSON as stored in an audit entry's before/after. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * A stored snapshot (an audit entry's before/after) as the caller may see it: a NIP anywhere in it reads as
 * `Employee.nip` would (a `*Subject` field or not). Lookups are batched by the request's loaders.
 */
export async function visibleSnapshot(ctx: RequestContext, value: unknown): Promise<Json> {
  if (typeof value === 'string') return PERSON_SUBJECT.test(value) ? visibleSubject(ctx, value) : value;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return Promise.all(value.map((v) => visibleSnapshot(ctx, v)));
  if (typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await visibleSnapshot(ctx, v)] as const),
    );
    return Object.fromEntries(entries);
  }
  return null;
}
