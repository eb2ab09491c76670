/**
 * Field values worked out ahead of their resolvers, for one request: a list resolver that sees what its items'
 * fields will ask for (the team dashboard) loads them for the whole list at once and leaves the answers here.
 * The field's resolver then returns the answer as it is, with no loader, policy call or promise per item
 * (`prefetchedFields`). A value is only ever set to what the field's own resolver would have answered.
 */
export class Prefetched {
  // One map per field, dropped with the request: cheaper than a WeakMap, which the GC has to visit.
  private readonly fields = new Map<string, Map<object, unknown>>();

  /** `value` is never undefined: a read takes undefined for "not prefetched", in one lookup. */
  set(parent: object, field: string, value: NonNullable<unknown> | null): void {
    let values = this.fields.get(field);
    if (!values) this.fields.set(field, (values = new Map()));
    values.set(parent, value);
  }

  /** The value set for the field of this parent (a prefetched null is an answer), or undefined when none was. */
  get(parent: object, field: string): unknown {
    return this.fields.get(field)?.get(parent);
  }
}
