import { createPubSub, SlidingBuffer } from '@graphql-yoga/subscription';
import type * as RedisEventTargetModule from '@graphql-yoga/redis-event-target';
import { setMaxListeners } from 'node:events';
import type RedisClient from 'ioredis';
import { type Logger } from 'pino';

/** What changed, as small references: subscribers reload the object under their own policy. */
export enum Topic {
  FEEDBACK_RECEIVED = 'FEEDBACK_RECEIVED',
  APPRAISAL_CHANGED = 'APPRAISAL_CHANGED',
  ACTIVITY_REVIEWED = 'ACTIVITY_REVIEWED',
  /** An employee can no longer sign in: every instance closes their open sockets. */
  EMPLOYEE_DEACTIVATED = 'EMPLOYEE_DEACTIVATED',
  /** A scheduler run wrote reminders (outbox rows), announced in chunks with their recipients. */
  REMINDERS_WRITTEN = 'REMINDERS_WRITTEN',
}

export interface TopicPayloads {
  [Topic.FEEDBACK_RECEIVED]: { feedbackId: number; recipientId: number };
  [Topic.APPRAISAL_CHANGED]: { appraisalId: number; change: string };
  [Topic.ACTIVITY_REVIEWED]: { activityId: number; employeeId: number };
  [Topic.EMPLOYEE_DEACTIVATED]: { employeeId: number };
  [Topic.REMINDERS_WRITTEN]: { reminders: Array<{ id: number; employeeId: number }> };
}

/** Where committed changes are announced, and where subscriptions listen. */
export interface EventBus {
  publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): void;
  subscribe<T extends Topic>(topic: T): AsyncIterable<TopicPayloads[T]>;
}

export interface EventBusHandle {
  bus: EventBus;
  /** `redis` when events cross instances through Redis, `memory` within this process. */
  transport: 'redis' | 'memory';
  close(): Promise<void>;
}

export interface EventBusOptions {
  /** Redis URL: events cross every instance that uses it. Without one, events stay in this process. */
  redisUrl?: string;
  /** Prefix of the Redis channels, so that deployments (or test runs) sharing a Redis never hear each other. */
  channelPrefix: string;
  log?: Logger;
}

/**
 * Events to subscribers: in this process, or across every instance through Redis when `REDIS_URL` is set. A slow
 * subscriber keeps only the latest 256 events rather than blocking publishers.
 */
export function createEventBus(options: EventBusOptions): EventBusHandle {
  const channel = (topic: Topic) => `${options.channelPrefix}:${topic}`;
  if (!options.redisUrl) {
    // Node warns past 10 listeners per event type; here every open subscription is one, so no limit applies.
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    return {
      bus: typedBus(eventTarget, channel),
      transport: 'memory',
      close: async () => {},
    };
  }
  const clientOptions = { maxRetriesPerRequest: null } as const;
  // ioredis is heavy once loaded (`CHANGELOG.md`, Performance): only instances that use Redis load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only with REDIS_URL, see above
  const Redis = require('ioredis') as typeof RedisClient;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- idem
  const { createRedisEventTarget } = require('@graphql-yoga/redis-event-target') as typeof RedisEventTargetModule;
  const publishClient = new Redis(options.redisUrl, clientOptions);
  const subscribeClient = new Redis(options.redisUrl, clientOptions);
  for (const client of [publishClient, subscribeClient])
    client.on('error', (err) => options.log?.warn({ err }, 'redis connection error'));
  const eventTarget = createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient });
  return {
    bus: typedBus(eventTarget, channel),
    transport: 'redis',
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

/** The untyped pub/sub behind the topic-to-payload typing (its own generics cannot express that mapping). */
interface RawPubSub {
  publish(channel: string, payload: unknown): void;
  subscribe(channel: string): AsyncIterable<unknown>;
}

function typedBus(eventTarget: EventTarget, channel: (topic: Topic) => string): EventBus {
  const publisher = createPubSub({ eventTarget }) as RawPubSub;
  return {
    publish: (topic, payload) => publisher.publish(channel(topic), payload),
    // A buffer of its own for each subscription: the pub/sub hands the one buffer it is given to every subscription,
    // and a shared one let a fast subscriber take (or see twice) the events queued for a slow one.
    subscribe: <T extends Topic>(topic: T) =>
      (createPubSub({ eventTarget, repeaterBuffer: new SlidingBuffer(256) }) as RawPubSub).subscribe(
        channel(topic),
      ) as AsyncIterable<TopicPayloads[T]>,
  };
}
