import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';

@ObjectType({ description: 'Where a page of a connection sits in the whole list (Relay).' })
export class PageInfo {
  @Field({ description: 'More items follow the last edge.' })
  hasNextPage!: boolean;

  @Field({ description: 'Items precede the first edge.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge.' })
  endCursor!: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Return the first n items after \`after\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Return the last n items before \`before\` (at most ${MAX_PAGE_SIZE}).`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to end before.' })
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** One page of a connection, as services return it; `totalCount` runs only when the field is asked for. */
export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * Makes the `<Name>Connection` and `<Name>Edge` types for a node type. `totalCount` counts the whole filtered
 * list (not the page) and only what the caller may see.
 */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name} connection.` })
  class EdgeType implements Edge<T> {
    @Field({ description: 'Opaque cursor of this edge, for `after`/`before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: 'The item at the end of the edge.' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionClass implements ConnectionShape<T> {
    @Field(() => [EdgeType], { description: 'The edges of this page.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Pagination state.' })
    pageInfo!: PageInfo;

    private count!: () => Promise<number>;

    @Field(() => [nodeType], { description: 'The items of this page, without cursors.' })
    get nodes(): T[] {
      return this.edges.map((e) => e.node);
    }

    @Field(() => Int, {
      description: 'How many items the whole list holds (all pages), counting only what you may see.',
    })
    totalCount(): Promise<number> {
      return this.count();
    }

    static from(page: Page<T>): ConnectionClass {
      const connection = new ConnectionClass();
      connection.edges = page.edges;
      connection.pageInfo = page.pageInfo;
      connection.count = page.totalCount;
      return connection;
    }
  }
  return ConnectionClass;
}

export function emptyPage<T>(): Page<T> {
  return {
    edges: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    totalCount: async () => 0,
  };
}
