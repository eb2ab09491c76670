/**
 * Values by id, each valid for one stamp (a row's version, or several versions joined): a reader that has just
 * read the row's current stamp gets the value read at that stamp, or nothing. Whoever changes what a value was
 * built from bumps the stamp in the same transaction, so a value is only ever served to a request that read
 * the very stamp it was built at: nothing stale, whichever process made the change, and no invalidation to
 * forget. Holds at most `limit` ids; the one read least recently goes first.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<number, { stamp: string; value: T }>();

  constructor(private readonly limit: number) {}

  get(id: number, stamp: string): T | undefined {
    const entry = this.entries.get(id);
    if (!entry || entry.stamp !== stamp) return undefined;
    // Most recently read last, so the first key is the one to drop.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.value;
  }

  set(id: number, stamp: string, value: T): void {
    this.entries.delete(id);
    this.entries.set(id, { stamp, value });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * One cache per owner (a database) and kind: a test that rebuilds its database starts empty, and a seed that
 * rewrites rows with the same ids and versions (`forgetReadCaches`) empties it.
 */
export class CachePerOwner<T> {
  private readonly caches = new WeakMap<object, VersionedCache<T>>();

  constructor(private readonly limit: number) {}

  of(owner: object): VersionedCache<T> {
    let cache = this.caches.get(owner);
    if (!cache) this.caches.set(owner, (cache = new VersionedCache<T>(this.limit)));
    return cache;
  }

  forget(owner: object): void {
    this.caches.delete(owner);
  }
}
