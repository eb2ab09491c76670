import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Stable codes of expected failures, returned in a payload's `userErrors` (`docs/api.md`, Mutations). */
export enum UserErrorCode {
  /** The input breaks a validation rule (format, length, range, a required combination). */
  INVALID = 'INVALID',
  /** The transition is not allowed from the record's current state. */
  INVALID_STATE = 'INVALID_STATE',
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
    INVALID_STATE: { description: 'The transition is not allowed from the current state.' },
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

  @Field({ description: 'Human-readable explanation, in English.' })
  message!: string;

  @Field(() => Int, { nullable: true, description: 'With CONFLICT: the version now stored, to reload and retry.' })
  currentVersion?: number | null;

  static of(code: UserErrorCode, message: string, field?: string[], currentVersion?: number): UserError {
    return Object.assign(new UserError(), {
      code,
      message,
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
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }
}

/** Collects validation failures so that one answer lists all of them. */
export class UserErrorList {
  private readonly errors: UserError[] = [];

  add(code: UserErrorCode, message: string, field?: string[]): this {
    this.errors.push(UserError.of(code, message, field));
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
