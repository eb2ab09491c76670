import { NOT_LOADED, PeekableLoader } from './peekable-loader';

describe('PeekableLoader', () => {
  const counting = () => {
    const batches: number[][] = [];
    const loader = new PeekableLoader<number, string | null>(async (keys) => {
      batches.push([...keys]);
      return keys.map((k) => (k < 0 ? null : `v${k}`));
    });
    return { loader, batches };
  };

  it('answers a loaded or primed key at once (null included), and an unknown one with a batched promise', async () => {
    const { loader, batches } = counting();
    expect(loader.peek(1)).toBe(NOT_LOADED);
    const pending = [loader.peekOrLoad(1), loader.peekOrLoad(-1)];
    expect(pending.every((p) => p instanceof Promise)).toBe(true);
    expect(await Promise.all(pending)).toEqual(['v1', null]);
    expect(loader.peekOrLoad(1)).toBe('v1');
    expect(loader.peekOrLoad(-1)).toBeNull();
    loader.prime(7, 'primed');
    expect(loader.peekOrLoad(7)).toBe('primed');
    expect(await loader.load(7)).toBe('primed');
    expect(batches).toEqual([[1, -1]]);
  });

  it('keeps DataLoader’s order: prime does not replace a known value, clear then prime does, clear forgets', async () => {
    const { loader, batches } = counting();
    await loader.load(2);
    loader.prime(2, 'ignored');
    expect(loader.peek(2)).toBe('v2');
    loader.clear(2).prime(2, 'replaced');
    expect(loader.peek(2)).toBe('replaced');
    loader.clear(2);
    expect(loader.peek(2)).toBe(NOT_LOADED);
    expect(await loader.load(2)).toBe('v2');
    loader.clearAll();
    expect(loader.peek(2)).toBe(NOT_LOADED);
    expect(batches).toEqual([[2], [2]]);
  });

  it('does not record what a batch read across a clear (that read may be older than the clear)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const loader = new PeekableLoader<number, string>(async (keys) => {
      started = true;
      await gate;
      return keys.map((k) => `v${k}`);
    });
    const pending = loader.load(3);
    while (!started) await new Promise((resolve) => setImmediate(resolve));
    loader.clear(4);
    release();
    expect(await pending).toBe('v3');
    expect(loader.peek(3)).toBe(NOT_LOADED);
    expect(await loader.peekOrLoad(3)).toBe('v3');
  });

  it('keys by cacheKeyFn', () => {
    const loader = new PeekableLoader<{ id: number; version: number }, string, string>(
      async (keys) => keys.map((k) => `${k.id}`),
      { cacheKeyFn: (k) => `${k.id}:${k.version}` },
    );
    loader.prime({ id: 1, version: 1 }, 'one');
    expect(loader.peek({ id: 1, version: 1 })).toBe('one');
    expect(loader.peek({ id: 1, version: 2 })).toBe(NOT_LOADED);
  });
});
