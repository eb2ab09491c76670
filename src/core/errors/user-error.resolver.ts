import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../context/request-context';
import { UserError } from './user-error';

/** A userError's message in the language of the request (`docs/api.md`, Language); the code is the same in all. */
@Resolver(() => UserError)
export class UserErrorResolver {
  @FieldResolver(() => String, {
    description:
      'Human-readable explanation, in the language the request asked for (`Accept-Language`: Indonesian or English).',
  })
  message(@Root() error: UserError, @Ctx() ctx: RequestContext): string {
    return error.text[ctx.locale];
  }
}
