import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type Text } from '../i18n/text';

/** Stable codes of expected failures, returned in a payload's `userErrors` (`docs/api.md`, Mutations). */
export enum UserErrorCode {
  /** The input breaks a validation rule (format, length, range, a required combination). */
  INVALID = 'INVALID',
  /** The step is not allowed from the record's current state (a workflow step out of order). */
  INVALID_STATE = 'INVALID_STATE',
  /** The caller sees the record but their relation to it does not allow this action (the appraiser, not the owner). */
  NOT_ALLOWED = 'NOT_ALLOWED',
  /** The performance period is not in the phase this needs (plans while PLANNING/RUNNING, the year once EVALUATING). */
  WRONG_PERIOD_PHASE = 'WRONG_PERIOD_PHASE',
  /** The plan is not approved yet: realizations and evaluations wait for the approval. */
  PLAN_NOT_APPROVED = 'PLAN_NOT_APPROVED',
  /** The plan's content cannot be edited in its state: it has to be returned or reopened first. */
  PLAN_NOT_EDITABLE = 'PLAN_NOT_EDITABLE',
  /** The record was acknowledged, evaluated, finalized or closed, or is reference data: it no longer changes here. */
  LOCKED = 'LOCKED',
  /** The rating is final: it changes only through an objection. */
  ALREADY_FINAL = 'ALREADY_FINAL',
  /** The rating is not final yet: an objection waits for it. */
  NOT_FINAL = 'NOT_FINAL',
  /** The days for filing an objection have passed. */
  OBJECTION_WINDOW_CLOSED = 'OBJECTION_WINDOW_CLOSED',
  /** The objection is decided: the decision is final. */
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  /** The employee (or the person named as supervisor, head or appraiser) is deactivated. */
  EMPLOYEE_INACTIVE = 'EMPLOYEE_INACTIVE',
  /** The employee heads a unit: another head is appointed first. */
  HEADS_UNIT = 'HEADS_UNIT',
  /** The record is already in the state asked for: nothing to do. */
  ALREADY_IN_STATE = 'ALREADY_IN_STATE',
  /** The unit's own rating for the year, which this follows, is not set yet. */
  UNIT_RATING_MISSING = 'UNIT_RATING_MISSING',
  /** A unit head's result rating followed an earlier rating of the unit: the head is re-rated first. */
  HEAD_RATING_OUTDATED = 'HEAD_RATING_OUTDATED',
  /** The spread of predikat breaks the distribution curve. */
  CURVE_VIOLATED = 'CURVE_VIOLATED',
  /** Other records depend on this one (other plans' RHK support it): they change first. */
  IN_USE = 'IN_USE',
  /** `expectedVersion` is stale: someone changed the record first. */
  CONFLICT = 'CONFLICT',
  /** The performance period is closed. */
  PERIOD_CLOSED = 'PERIOD_CLOSED',
  /** A record with the same natural key (NIP, unit code) exists. */
  DUPLICATE = 'DUPLICATE',
  /** A referenced record does not exist, or the caller may not see it. */
  NOT_FOUND = 'NOT_FOUND',
  /** The change would make a tree (supervisors, units) loop back on itself. */
  CYCLE = 'CYCLE',
  /** The caller may not make this change to this record (e.g. outside an HR admin's unit scope). */
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  /** The idempotency key (or a synced entry's client id) was used before for a different mutation or input. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Stable code of an expected failure in a mutation payload.',
  valuesConfig: {
    INVALID: { description: 'The input breaks a validation rule.' },
    INVALID_STATE: { description: 'The step is not allowed from the current state (a workflow step out of order).' },
    NOT_ALLOWED: {
      description:
        'The caller sees the record but may not take this action on it (e.g. the appraiser editing the plan).',
    },
    WRONG_PERIOD_PHASE: { description: 'The performance period is not in the phase this needs.' },
    PLAN_NOT_APPROVED: { description: 'The plan is not approved yet.' },
    PLAN_NOT_EDITABLE: { description: 'The plan cannot be edited in its state: it is returned or reopened first.' },
    LOCKED: { description: 'The record was acknowledged, evaluated, finalized or closed: it no longer changes.' },
    ALREADY_FINAL: { description: 'The rating is final: it changes only through an objection.' },
    NOT_FINAL: { description: 'The rating is not final yet, so it cannot be objected to.' },
    OBJECTION_WINDOW_CLOSED: { description: 'The days for filing an objection have passed.' },
    ALREADY_DECIDED: { description: 'The objection is decided: the decision is final.' },
    EMPLOYEE_INACTIVE: { description: 'The employee (or the person named) is deactivated.' },
    HEADS_UNIT: { description: 'The employee heads a unit: appoint another head first.' },
    ALREADY_IN_STATE: { description: 'The record is already in the state asked for.' },
    UNIT_RATING_MISSING: { description: 'The unit’s own rating for the year is not set yet.' },
    HEAD_RATING_OUTDATED: {
      description: 'A unit head’s result rating followed an earlier unit rating: re-rate the head.',
    },
    CURVE_VIOLATED: { description: 'The spread of predikat breaks the distribution curve.' },
    IN_USE: { description: 'Other records depend on this one: they change first.' },
    CONFLICT: { description: 'The expected version is stale; `currentVersion` holds the stored one.' },
    PERIOD_CLOSED: { description: 'The performance period is closed to changes.' },
    DUPLICATE: { description: 'A record with the same natural key (NIP, unit code) exists.' },
    NOT_FOUND: { description: 'A referenced record does not exist or is not visible to the caller.' },
    CYCLE: { description: 'The change would make a tree (supervisors, units) loop back on itself.' },
    OUT_OF_SCOPE: { description: 'The record is outside what the caller may change (e.g. an HR admin unit scope).' },
    IDEMPOTENCY_KEY_REUSED: {
      description: 'The idempotency key or client id was used before with a different mutation or input.',
    },
  },
});

@ObjectType({ description: 'An expected failure of a mutation. When a payload has any, nothing was changed.' })
export class UserError {
  @Field(() => UserErrorCode, { description: 'Stable, machine-readable code.' })
  code!: UserErrorCode;

  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault, e.g. ["input", "nip"].' })
  field?: string[] | null;

  /** The explanation in every language; the `message` field gives the request's (`user-error.resolver.ts`). */
  text!: Text;

  @Field(() => Int, { nullable: true, description: 'With CONFLICT: the version now stored, to reload and retry.' })
  currentVersion?: number | null;

  static of(code: UserErrorCode, text: Text, field?: string[], currentVersion?: number): UserError {
    return Object.assign(new UserError(), {
      code,
      text,
      field: field ?? null,
      currentVersion: currentVersion ?? null,
    });
  }
}

/**
 * Thrown inside a mutation's transaction to roll it back and answer with `userErrors`.
 * Never escapes to the client as a GraphQL error: the mutation runner converts it into the payload.
 */
export class UserErrorsException extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => `${e.code}: ${e.text.en}`).join('; '));
  }
}

/**
 * The caller sees the record but may not take this action on it: a userError (`docs/api.md`, Refusals), never a
 * top-level error. Only for a record the caller may read; one they may not read is NOT_FOUND, as if absent.
 */
export function notAllowed(text: Text, field: string[]): UserErrorsException {
  return new UserErrorsException([UserError.of(UserErrorCode.NOT_ALLOWED, text, field)]);
}

/** Collects validation failures so that one answer lists all of them. */
export class UserErrorList {
  private readonly errors: UserError[] = [];

  add(code: UserErrorCode, text: Text, field?: string[]): this {
    this.errors.push(UserError.of(code, text, field));
    return this;
  }

  addError(error: UserError): this {
    this.errors.push(error);
    return this;
  }

  get isEmpty(): boolean {
    return this.errors.length === 0;
  }

  all(): UserError[] {
    return [...this.errors];
  }

  throwIfAny(): void {
    if (!this.isEmpty) throw new UserErrorsException(this.all());
  }
}
