import { filter, map, pipe } from '@graphql-yoga/subscription';
import { type RequestContext } from '../context/request-context';
import { type Topic, type TopicPayloads } from './event-bus';

/**
 * The events of a topic that the subscriber may see: each is resolved (and so checked by the policy) with a fresh
 * request context, so no loader caches across events; events resolving to null are dropped. Built from pub/sub
 * operators, so unsubscribing ends the source at once. A read that fails (the database failing over) is tried again
 * for a few seconds rather than ending the subscription: one failed read would otherwise silence it for good.
 */
export function visibleEvents<T extends Topic, R extends object>(
  ctx: RequestContext,
  topic: T,
  resolve: (eventCtx: RequestContext, payload: TopicPayloads[T]) => Promise<R | null>,
): AsyncIterable<R> {
  return pipe(
    ctx.subscribe(topic),
    map((payload: TopicPayloads[T]) => resolveWithRetry(ctx, () => resolve(ctx.withFreshLoaders(), payload))),
    filter((value: R | null): value is R => value !== null),
  );
}

/** Pauses between attempts: about six seconds in all, longer than a cluster takes to drop a failed node. */
export const EVENT_READ_PAUSES_MS = [100, 200, 400, 800, 1600, 3200];

async function resolveWithRetry<R>(ctx: RequestContext, read: () => Promise<R | null>): Promise<R | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (err) {
      const pause = EVENT_READ_PAUSES_MS[attempt];
      if (pause === undefined) {
        ctx.log.error({ err }, 'subscription event dropped: it could not be read');
        return null;
      }
      ctx.log.warn({ err, attempt: attempt + 1 }, 'subscription event read failed; trying again');
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
