export interface DependencyOrder {
  /** Row indices, each after the row it refers to; rows in a cycle are left out. */
  order: number[];
  /** Rows whose references loop back to themselves within the batch. */
  cyclic: Set<number>;
}

/**
 * Orders rows so that a row referring to another row of the same batch (its parent unit, its supervisor) comes
 * after it, and finds the rows caught in a reference cycle inside the batch.
 */
export function dependencyOrder<T>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  refOf: (row: T) => string | null | undefined,
): DependencyOrder {
  const indexByKey = new Map<string, number>();
  rows.forEach((row, i) => {
    if (!indexByKey.has(keyOf(row))) indexByKey.set(keyOf(row), i);
  });
  const state = new Array<'new' | 'visiting' | 'done'>(rows.length).fill('new');
  const order: number[] = [];
  const cyclic = new Set<number>();
  for (let start = 0; start < rows.length; start++) {
    // Walk up the chain of references iteratively (chains can be thousands deep in a generated region).
    const chain: number[] = [];
    let current: number | undefined = start;
    while (current !== undefined && state[current] === 'new') {
      state[current] = 'visiting';
      chain.push(current);
      const ref = refOf(rows[current]!);
      const next = ref ? indexByKey.get(ref) : undefined;
      if (next !== undefined && state[next] === 'visiting') {
        for (const i of chain.slice(chain.indexOf(next))) cyclic.add(i);
        break;
      }
      current = next;
    }
    for (const i of chain.reverse()) {
      state[i] = 'done';
      if (!cyclic.has(i)) order.push(i);
    }
  }
  return { order, cyclic };
}
