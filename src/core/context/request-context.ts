import { type EntityManager } from 'typeorm';
import { type Logger } from 'pino';
import { type Actor } from '../auth/actor';
import { type Database } from '../database/database';
import { Policy, type PolicyTable } from '../policy/policy';
import { LoaderRegistry } from './loader-registry';
import { localDateOf, type LocalDate } from '../time/local-date';

export interface RequestContextInit {
  requestId: string;
  actor: Actor;
  db: Database;
  log: Logger;
  policyTable: PolicyTable;
  timeZone: string;
  em?: EntityManager;
  /** The clock of the request (tests set it); defaults to the system clock. */
  clock?: () => Date;
}

/**
 * Passed first to every service method (Vendure's RequestContext): who is asking, the request's loaders and
 * policy engine, the entity manager to use (the transaction's, inside a mutation) and the request id.
 */
export class RequestContext {
  readonly requestId: string;
  readonly actor: Actor;
  readonly db: Database;
  readonly log: Logger;
  readonly em: EntityManager;
  readonly timeZone: string;
  readonly loaders: LoaderRegistry;
  readonly policy: Policy;
  readonly inTransaction: boolean;
  private readonly policyTable: PolicyTable;
  private readonly clock: () => Date;

  constructor(init: RequestContextInit, inTransaction = false) {
    this.requestId = init.requestId;
    this.actor = init.actor;
    this.db = init.db;
    this.log = init.log;
    this.em = init.em ?? init.db.manager;
    this.timeZone = init.timeZone;
    this.policyTable = init.policyTable;
    this.clock = init.clock ?? (() => new Date());
    this.inTransaction = inTransaction;
    this.loaders = new LoaderRegistry(this);
    this.policy = new Policy(this, this.policyTable);
  }

  /**
   * Runs `work` in one database transaction with a context bound to it: its own loaders (so nothing read
   * outside leaks in), the transaction's entity manager, the same actor. Nested calls join the outer one.
   */
  async transaction<T>(work: (tx: RequestContext) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.transaction((em) => work(new RequestContext({ ...this.init(), em }, true)));
  }

  /** Now, to the second (what a MySQL `datetime` keeps, so a returned object equals a re-read one). */
  now(): Date {
    const now = new Date(this.clock().getTime());
    now.setUTCMilliseconds(0);
    return now;
  }

  /** Today's calendar day in the region's time zone. */
  today(): LocalDate {
    return localDateOf(this.clock(), this.timeZone);
  }

  /** The same request and transaction with empty loaders: for work that may roll back to a savepoint. */
  withFreshLoaders(): RequestContext {
    return new RequestContext({ ...this.init(), em: this.em }, this.inTransaction);
  }

  private init(): RequestContextInit {
    return {
      requestId: this.requestId,
      actor: this.actor,
      db: this.db,
      log: this.log,
      policyTable: this.policyTable,
      timeZone: this.timeZone,
      clock: this.clock,
    };
  }
}
