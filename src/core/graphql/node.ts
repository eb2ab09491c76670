import { Field, ID, InterfaceType } from 'type-graphql';
import { type RequestContext } from '../context/request-context';
import { fromGlobalId } from './global-id';

@InterfaceType({
  description: 'An object with a global id (Relay). Fetch any of them with `node(id:)` or `nodes(ids:)`.',
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;
}

/**
 * How a module resolves its type from `node`/`nodes`: load the ids in one batch and apply the same read policy
 * as every other path, so an out-of-scope object reads as null.
 */
export interface NodeSource {
  typeName: string;
  load(ctx: RequestContext, ids: readonly number[]): Promise<(object | null)[]>;
}

export class NodeRegistry {
  private readonly sources = new Map<string, NodeSource>();

  constructor(sources: readonly NodeSource[]) {
    for (const source of sources) this.sources.set(source.typeName, source);
  }

  /** Resolves many global ids at once: one batch per type, results in the order asked. */
  async resolve(ctx: RequestContext, globalIds: readonly string[]): Promise<(object | null)[]> {
    const decoded = globalIds.map(fromGlobalId);
    const byType = new Map<string, number[]>();
    for (const d of decoded) {
      if (!d || !this.sources.has(d.typeName)) continue;
      const ids = byType.get(d.typeName) ?? [];
      ids.push(d.id);
      byType.set(d.typeName, ids);
    }
    const results = new Map<string, object | null>();
    await Promise.all(
      [...byType].map(async ([typeName, ids]) => {
        const objects = await this.sources.get(typeName)!.load(ctx, ids);
        ids.forEach((id, i) => results.set(`${typeName}:${id}`, objects[i] ?? null));
      }),
    );
    return decoded.map((d) => (d ? (results.get(`${d.typeName}:${d.id}`) ?? null) : null));
  }
}
