import { dependencyOrder } from './dependency-order';

const rows = (pairs: Array<[string, string | null]>) => pairs.map(([key, ref]) => ({ key, ref }));
const order = (r: ReturnType<typeof rows>) => {
  const result = dependencyOrder(
    r,
    (x) => x.key,
    (x) => x.ref,
  );
  return [...result.order, ...[...result.cyclic].sort((a, b) => a - b)];
};

describe('dependencyOrder', () => {
  it('puts referenced rows first and keeps independent rows in input order', () => {
    expect(
      order(
        rows([
          ['c', 'b'],
          ['b', 'a'],
          ['a', null],
          ['x', null],
        ]),
      ),
    ).toEqual([2, 1, 0, 3]);
  });

  it('ignores references outside the batch', () => {
    expect(
      order(
        rows([
          ['a', 'zz'],
          ['b', 'a'],
        ]),
      ),
    ).toEqual([0, 1]);
  });

  it('sets rows in a cycle apart', () => {
    const result = dependencyOrder(
      rows([
        ['a', 'b'],
        ['b', 'a'],
        ['c', null],
        ['d', 'a'],
      ]),
      (x) => x.key,
      (x) => x.ref,
    );
    expect(result.order).toEqual([2, 3]);
    expect([...result.cyclic].sort()).toEqual([0, 1]);
  });

  it('handles a self-reference as a cycle', () => {
    expect(
      order(
        rows([
          ['a', 'a'],
          ['b', null],
        ]),
      ),
    ).toEqual([1, 0]);
  });

  it('handles long chains without recursion', () => {
    const n = 20000;
    const chain = rows(
      Array.from({ length: n }, (_, i) => [`k${i}`, i + 1 < n ? `k${i + 1}` : null] as [string, string | null]),
    );
    const result = order(chain);
    expect(result[0]).toBe(n - 1);
    expect(result[n - 1]).toBe(0);
  });
});
