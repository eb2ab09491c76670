import type DataLoader from 'dataloader';
import { NOT_LOADED, PeekableLoader } from './peekable-loader';
import { type RequestContext } from './request-context';

/**
 * Builds one loader for one request. Modules define these in their `*.loaders.ts`, one factory per loader.
 * `params` (e.g. a nested connection's arguments) make variants: each distinct value batches on its own.
 */
export type LoaderFactory<K, V, P = undefined> = (ctx: RequestContext, params: P) => DataLoader<K, V>;

type AnyFactory = LoaderFactory<unknown, unknown, unknown>;

/** The request's loaders, made on first use and dropped with the request. */
export class LoaderRegistry {
  // Holds loaders of many key/value types; each is only ever read back through its own factory.
  private readonly loaders = new Map<AnyFactory, Map<string, DataLoader<unknown, unknown>>>();
  // The loaders made without params, by factory alone: fields read through these, a lookup each.
  private readonly plain = new Map<AnyFactory, DataLoader<unknown, unknown>>();

  constructor(private readonly ctx: RequestContext) {}

  get<K, V>(factory: LoaderFactory<K, V, undefined>): DataLoader<K, V>;
  get<K, V, P>(factory: LoaderFactory<K, V, P>, params: P): DataLoader<K, V>;
  get<K, V, P>(factory: LoaderFactory<K, V, P>, params?: P): DataLoader<K, V> {
    const key = factory as AnyFactory;
    if (params === undefined) {
      let loader = this.plain.get(key);
      if (!loader) this.plain.set(key, (loader = key(this.ctx, undefined)));
      return loader as DataLoader<K, V>;
    }
    const variant = JSON.stringify(params);
    let variants = this.loaders.get(key);
    if (!variants) {
      variants = new Map();
      this.loaders.set(key, variants);
    }
    let loader = variants.get(variant);
    if (!loader) {
      loader = factory(this.ctx, params) as DataLoader<unknown, unknown>;
      variants.set(variant, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /** Drops every loader: what they read before a committed write may be older than it. */
  forget(): void {
    this.loaders.clear();
    this.plain.clear();
  }

  /**
   * The key's value through its loader: the value itself when the loader has it settled (`PeekableLoader`),
   * else the promise of it. Field resolvers read through here, so that a field whose value a batch already
   * read answers without a promise.
   */
  peekOrLoad<K, V>(factory: LoaderFactory<K, V, undefined>, key: K): V | Promise<V>;
  peekOrLoad<K, V, P>(factory: LoaderFactory<K, V, P>, key: K, params: P): V | Promise<V>;
  peekOrLoad<K, V, P>(factory: LoaderFactory<K, V, P>, key: K, params?: P): V | Promise<V> {
    const loader = this.get(factory, params as P);
    return loader instanceof PeekableLoader
      ? (loader as PeekableLoader<K, V, unknown>).peekOrLoad(key)
      : loader.load(key);
  }

  /** `peekOrLoad` for many keys: the values at once when every one is settled, else `loadAll`'s promise. */
  peekOrLoadMany<K, V>(factory: LoaderFactory<K, V, undefined>, keys: readonly K[]): V[] | Promise<V[]>;
  peekOrLoadMany<K, V, P>(factory: LoaderFactory<K, V, P>, keys: readonly K[], params: P): V[] | Promise<V[]>;
  peekOrLoadMany<K, V, P>(factory: LoaderFactory<K, V, P>, keys: readonly K[], params?: P): V[] | Promise<V[]> {
    const loader = this.get(factory, params as P);
    if (!(loader instanceof PeekableLoader)) return loadAll(loader, keys);
    const values: V[] = [];
    for (const key of keys) {
      const value = (loader as PeekableLoader<K, V, unknown>).peek(key);
      if (value === NOT_LOADED) return loadAll(loader, keys);
      values.push(value);
    }
    return values;
  }
}

/** Orders batch results by key through a Map (the DataLoader contract: one result per key, same order). */
export function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups batch results by key, keeping row order within each group. */
export function groupByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** `loadMany` that fails loudly: a batch error is a bug or an outage, never a missing row. */
export async function loadAll<K, V>(loader: DataLoader<K, V>, keys: readonly K[]): Promise<V[]> {
  const results = await loader.loadMany(keys);
  return results.map((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
}
