import DataLoader from 'dataloader';
import { offer, offeringLoader } from './offered-cache';

/** A loader whose batch answers `loaded:<key>` and records what it was asked. */
function loaderWithLog() {
  const asked: string[][] = [];
  const loader = offeringLoader<string, string>(async (keys) => {
    asked.push([...keys]);
    return keys.map((k) => `loaded:${k}`);
  });
  return { loader, asked };
}

describe('offering loaders', () => {
  it('answer offered keys without a batch, and read the offer only when a key is first asked for', async () => {
    const { loader, asked } = loaderWithLog();
    let read = 0;
    offer(loader, () => {
      read++;
      return [['a', 'offered:a'] as const, ['b', 'offered:b'] as const];
    });
    expect(read).toBe(0);
    expect(await loader.loadMany(['a', 'b', 'c'])).toEqual(['offered:a', 'offered:b', 'loaded:c']);
    expect(asked).toEqual([['c']]);
    expect(read).toBe(1);
    expect(await loader.load('a')).toBe('offered:a');
    expect(read).toBe(1);
  });

  it('keep the order of events per key, as clear-then-prime would: the last offer, load, prime or clear wins', async () => {
    const { loader, asked } = loaderWithLog();
    expect(await loader.load('a')).toBe('loaded:a');
    offer(loader, () => [['a', 'newer:a'] as const]);
    expect(await loader.load('a')).toBe('newer:a');

    loader.clear('a');
    expect(await loader.load('a')).toBe('loaded:a');
    expect(asked).toEqual([['a'], ['a']]);

    loader.clear('a').prime('a', 'primed:a');
    expect(await loader.load('a')).toBe('primed:a');
    offer(loader, () => [['a', 'newest:a'] as const]);
    expect(await loader.load('a')).toBe('newest:a');

    loader.clearAll();
    expect(await loader.load('a')).toBe('loaded:a');
  });

  it('of two offers of a key, take the later', async () => {
    const { loader } = loaderWithLog();
    offer(loader, () => [['a', 'first'] as const]);
    offer(loader, () => [['a', 'second'] as const]);
    expect(await loader.load('a')).toBe('second');
  });

  it('refuse an offer to a loader that cannot take one', () => {
    const plain = new DataLoader<string, string>(async (keys) => keys.map((k) => k));
    expect(() => offer(plain, () => [])).toThrow(/not made by offeringLoader/);
  });
});
