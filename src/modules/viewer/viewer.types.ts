import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { type Actor } from '../../core/auth/actor';
import { Role } from '../../core/auth/role';

export enum PrincipalKind {
  EMPLOYEE = 'EMPLOYEE',
  CLIENT = 'CLIENT',
}

registerEnumType(PrincipalKind, {
  name: 'PrincipalKind',
  description: 'Who signed the request.',
  valuesConfig: {
    EMPLOYEE: { description: 'A civil servant, identified by NIP.' },
    CLIENT: { description: 'An integrating system or analytics client, identified by client id.' },
  },
});

@ObjectType({
  description: 'The caller: the signed-in employee (their record and team) or client, and what they were granted.',
})
export class Viewer {
  constructor(readonly actor: Actor) {}

  @Field(() => PrincipalKind, { description: 'Whether the caller is an employee or a client.' })
  get kind(): PrincipalKind {
    return this.actor.principal.kind === 'employee' ? PrincipalKind.EMPLOYEE : PrincipalKind.CLIENT;
  }

  @Field({ description: 'The token subject: the NIP of an employee or the client id.' })
  get subject(): string {
    return this.actor.subject;
  }

  @Field(() => [Role], { description: 'Roles granted by the token. Supervisor rights are not a role: see `team`.' })
  get roles(): Role[] {
    return [...this.actor.roles];
  }
}
