import DataLoader from 'dataloader';

/** What `peek` answers for a key whose value is not known yet. */
export const NOT_LOADED: unique symbol = Symbol('not loaded');

/**
 * A DataLoader that also keeps the values it has settled (loaded, or primed), so that a field whose value is
 * already in hand can be answered with the value itself rather than a promise of it: graphql-js and graphql-jit
 * skip all promise handling for such a field, which on a dashboard of a thousand fields is most of the cost of
 * reading through loaders (`LoaderRegistry.peekOrLoad`). Otherwise it is a DataLoader: same batching, same cache,
 * same `clear`/`prime` order (whatever happened last to a key wins).
 *
 * `prime` keeps the value only, without the promise DataLoader would make for it: a batch may prime hundreds of
 * keys of which the request reads a few through `load`.
 */
export class PeekableLoader<K, V, C = K> extends DataLoader<K, V, C> {
  private readonly state: { settled: Map<C, V>; generation: number };
  private readonly promises: Map<C, Promise<V>>;
  private readonly keyOf: (key: K) => C;

  constructor(
    batch: DataLoader.BatchLoadFn<K, V>,
    options: Omit<DataLoader.Options<K, V, C>, 'cacheMap' | 'cache'> = {},
  ) {
    const promises = new Map<C, Promise<V>>();
    const keyOf = options.cacheKeyFn ?? ((key: K) => key as unknown as C);
    // `generation` is bumped by every clear: a batch that was in flight across one does not record what it read.
    const state = { settled: new Map<C, V>(), generation: 0 };
    super(
      async (keys) => {
        const generation = state.generation;
        const values = await batch(keys);
        if (generation === state.generation) {
          keys.forEach((key, n) => {
            const value = values[n];
            if (!(value instanceof Error)) state.settled.set(keyOf(key), value as V);
          });
        }
        return values;
      },
      { ...options, cacheMap: promises },
    );
    this.state = state;
    this.promises = promises;
    this.keyOf = keyOf;
  }

  /** The key's value if it is settled, else `NOT_LOADED` (without loading it). */
  peek(key: K): V | typeof NOT_LOADED {
    const value = this.state.settled.get(this.keyOf(key));
    return value !== undefined || this.state.settled.has(this.keyOf(key)) ? (value as V) : NOT_LOADED;
  }

  /** The value at once when settled, else the promise of it. */
  peekOrLoad(key: K): V | Promise<V> {
    const value = this.peek(key);
    return value === NOT_LOADED ? super.load(key) : value;
  }

  override load(key: K): Promise<V> {
    const value = this.peek(key);
    return value === NOT_LOADED ? super.load(key) : Promise.resolve(value);
  }

  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    const cacheKey = this.keyOf(key);
    if (value instanceof Error || typeof (value as PromiseLike<V>)?.then === 'function') return super.prime(key, value);
    if (!this.state.settled.has(cacheKey) && !this.promises.has(cacheKey)) this.state.settled.set(cacheKey, value as V);
    return this;
  }

  override clear(key: K): this {
    this.state.generation++;
    this.state.settled.delete(this.keyOf(key));
    return super.clear(key);
  }

  override clearAll(): this {
    this.state.generation++;
    this.state.settled.clear();
    return super.clearAll();
  }
}
