import { type Client, createClient, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface SubscriptionResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** One open subscription: events arrive in `received`; `next` waits for the following one. */
export class OpenSubscription<T> {
  readonly received: Array<SubscriptionResult<T>> = [];
  completed = false;
  error: unknown;
  private waiters: Array<() => void> = [];
  dispose: () => void = () => {};

  push(result: SubscriptionResult<T>): void {
    this.received.push(result);
    this.wake();
  }

  finish(error?: unknown): void {
    this.completed = true;
    this.error = error;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until `count` events have arrived (or the subscription ended, or the timeout passed). */
  async waitFor(count: number, timeoutMs = 3000): Promise<Array<SubscriptionResult<T>>> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count && !this.completed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received;
  }
}

/** A graphql-ws client for tests; `authorization` goes in `connection_init` as the service expects. */
export class SubscriptionClient {
  readonly client: Client;
  /** The close event of the socket, once it closed (code and reason). */
  closed?: { code: number; reason: string };

  constructor(httpUrl: string, token: string | null, connectionParams?: Record<string, unknown>) {
    this.client = createClient({
      url: httpUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: connectionParams ?? (token ? { authorization: `Bearer ${token}` } : {}),
      on: {
        closed: (event) => {
          const e = event as { code: number; reason: string };
          this.closed = { code: e.code, reason: String(e.reason) };
        },
      },
      onNonLazyError: () => {},
    });
  }

  subscribe<T>(query: string, variables: Record<string, unknown> = {}): OpenSubscription<T> {
    const open = new OpenSubscription<T>();
    open.dispose = this.client.subscribe<T>(
      { query, variables },
      {
        next: (result: ExecutionResult<T>) => open.push(result as SubscriptionResult<T>),
        error: (error) => {
          if (Array.isArray(error)) open.push({ errors: error as SubscriptionResult<T>['errors'] });
          open.finish(error);
        },
        complete: () => open.finish(),
      },
    );
    return open;
  }

  /** Resolves when the server acknowledged the connection (or rejects when it closed it). */
  connected(timeoutMs = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not connected in time')), timeoutMs);
      const offConnected = this.client.on('connected', () => {
        clearTimeout(timer);
        offConnected();
        resolve();
      });
      const offClosed = this.client.on('closed', (event) => {
        clearTimeout(timer);
        offClosed();
        reject(Object.assign(new Error('closed'), { event }));
      });
    });
  }

  /** Waits until the socket is closed (by either side). */
  async whenClosed(timeoutMs = 3000): Promise<{ code: number; reason: string } | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.closed;
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}
