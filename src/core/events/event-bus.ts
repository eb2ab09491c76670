import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { SlidingBuffer } from '@repeaterjs/repeater';
import Redis from 'ioredis';
import { type Logger } from 'pino';

/** What changed, as small references: subscribers reload the object under their own policy. */
export enum Topic {
  FEEDBACK_RECEIVED = 'FEEDBACK_RECEIVED',
  APPRAISAL_CHANGED = 'APPRAISAL_CHANGED',
  ACTIVITY_REVIEWED = 'ACTIVITY_REVIEWED',
}

export interface TopicPayloads {
  [Topic.FEEDBACK_RECEIVED]: { feedbackId: number; recipientId: number };
  [Topic.APPRAISAL_CHANGED]: { appraisalId: number; change: string };
  [Topic.ACTIVITY_REVIEWED]: { activityId: number; employeeId: number };
}

type PublishArgs = { [T in Topic]: [TopicPayloads[T]] };

export type EventBus = PubSub<PublishArgs>;

/** Publishes one event; the generic signature of the pub/sub cannot tie a topic to its payload by itself. */
export function publishEvent<T extends Topic>(bus: EventBus, topic: T, payload: TopicPayloads[T]): void {
  (bus.publish as (topic: string, payload: unknown) => void)(topic, payload);
}

export interface EventBusHandle {
  bus: EventBus;
  /** `redis` when events cross instances through Redis, `memory` within this process. */
  transport: 'redis' | 'memory';
  close(): Promise<void>;
}

/**
 * Events to subscribers: in this process, or across every instance through Redis when `REDIS_URL` is set. A slow
 * subscriber keeps only the latest 256 events rather than blocking publishers.
 */
export function createEventBus(redisUrl: string | undefined, log?: Logger): EventBusHandle {
  const repeaterBuffer = new SlidingBuffer(256);
  if (!redisUrl) return { bus: createPubSub<PublishArgs>({ repeaterBuffer }), transport: 'memory', close: async () => {} };
  const options = { maxRetriesPerRequest: null, lazyConnect: false } as const;
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  for (const client of [publishClient, subscribeClient]) client.on('error', (err) => log?.warn({ err }, 'redis connection error'));
  const eventTarget = createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient });
  return {
    bus: createPubSub<PublishArgs>({ eventTarget, repeaterBuffer }),
    transport: 'redis',
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
