import DataLoader from 'dataloader';

/**
 * A DataLoader's cache that can be offered many values at once and takes each only when it is asked for:
 * `offer` is `clear(key).prime(key, value)` for every key it gives, without the promise and map entry per key
 * up front. Plan content served from the cross-request cache is offered this way: a dashboard offers some 400
 * RHK and indicators a request, and nothing else in that request usually reads them.
 *
 * Order is kept as with priming: whatever happened last to a key wins, an offer or a load, prime or clear.
 */
export class OfferedCache<K, V> {
  private readonly own = new Map<K, { promise: Promise<V> | undefined; at: number }>();
  private readonly pending: Array<{ entries: () => Iterable<readonly [K, V]>; at: number }> = [];
  private readonly offered = new Map<K, { value: V; at: number }>();
  private clock = 0;

  /** Values for keys, read from `entries` the first time any key is asked for. */
  offer(entries: () => Iterable<readonly [K, V]>): void {
    this.pending.push({ entries, at: ++this.clock });
  }

  get(key: K): Promise<V> | undefined {
    if (this.pending.length > 0) this.takeOffers();
    const own = this.own.get(key);
    const offer = this.offered.get(key);
    if (offer === undefined || (own !== undefined && own.at > offer.at)) return own?.promise;
    const promise = Promise.resolve(offer.value);
    this.own.set(key, { promise, at: offer.at });
    return promise;
  }

  set(key: K, promise: Promise<V>): void {
    this.own.set(key, { promise, at: ++this.clock });
  }

  /** Forgets the key, offered values included (a later offer gives it again). */
  delete(key: K): void {
    this.own.set(key, { promise: undefined, at: ++this.clock });
  }

  clear(): void {
    this.own.clear();
    this.offered.clear();
    this.pending.length = 0;
  }

  private takeOffers(): void {
    for (const { entries, at } of this.pending) for (const [key, value] of entries()) this.offered.set(key, { value, at });
    this.pending.length = 0;
  }
}

const caches = new WeakMap<DataLoader<unknown, unknown>, OfferedCache<unknown, unknown>>();

/** A DataLoader on an `OfferedCache`, so that `offer` can give it values. */
export function offeringLoader<K, V>(batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V> {
  const cache = new OfferedCache<K, V>();
  const loader = new DataLoader<K, V>(batch, { cacheMap: cache });
  caches.set(loader as DataLoader<unknown, unknown>, cache as OfferedCache<unknown, unknown>);
  return loader;
}

/** Offers values to a loader made by `offeringLoader` (see `OfferedCache.offer`). */
export function offer<K, V>(loader: DataLoader<K, V>, entries: () => Iterable<readonly [K, V]>): void {
  const cache = caches.get(loader as DataLoader<unknown, unknown>) as OfferedCache<K, V> | undefined;
  if (!cache) throw new Error('offer: this loader was not made by offeringLoader');
  cache.offer(entries);
}
