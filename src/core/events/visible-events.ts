import { filter, map, pipe } from '@graphql-yoga/subscription';
import { type RequestContext } from '../context/request-context';
import { type Topic, type TopicPayloads } from './event-bus';

/**
 * The events of a topic that the subscriber may see: each is resolved (and so checked by the policy) with a fresh
 * request context, so no loader caches across events; events resolving to null are dropped. Built from pub/sub
 * operators, so unsubscribing ends the source at once.
 */
export function visibleEvents<T extends Topic, R extends object>(
  ctx: RequestContext,
  topic: T,
  resolve: (eventCtx: RequestContext, payload: TopicPayloads[T]) => Promise<R | null>,
): AsyncIterable<R> {
  return pipe(
    ctx.subscribe(topic),
    map((payload: TopicPayloads[T]) => resolve(ctx.withFreshLoaders(), payload)),
    filter((value: R | null): value is R => value !== null),
  );
}
