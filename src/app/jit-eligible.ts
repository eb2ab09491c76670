import {
  type DocumentNode,
  getNamedType,
  type GraphQLSchema,
  isAbstractType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  type ASTNode,
} from 'graphql';

/**
 * Why a document must run on graphql-js rather than graphql-jit, or null when graphql-jit answers it as graphql-js
 * would. graphql-jit departs from graphql-js in these places (found in review, each shown in
 * `compiled-executor.spec.ts`), so documents that reach them stay on the interpreter:
 * - `@skip` / `@include`: the compiled conditions of a fragment used in two places bleed into each other;
 * - a variable inside an object or list literal (`input: { id: $id, headId: $head }`): omitted, it becomes null
 *   instead of absent, which a mutation reads as "clear the head";
 * - a field of interface or union type: a `resolveType` that throws leaves the request hanging;
 * The hot paths (the team dashboard, one's own plan, analytics) need none of them.
 */
export function jitIneligibility(schema: GraphQLSchema, document: DocumentNode): string | null {
  let reason: string | null = null;
  const typeInfo = new TypeInfo(schema);
  const insideLiteral: ASTNode[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Directive(node) {
        if (node.name.value === 'skip' || node.name.value === 'include') {
          reason = `@${node.name.value}`;
          return BREAK;
        }
        return undefined;
      },
      ObjectValue: { enter: (node) => void insideLiteral.push(node), leave: () => void insideLiteral.pop() },
      ListValue: { enter: (node) => void insideLiteral.push(node), leave: () => void insideLiteral.pop() },
      Variable(node, _key, parent) {
        // A variable's own definition (`$x: Int`) is not a use.
        if (parent && !Array.isArray(parent) && (parent as ASTNode).kind === Kind.VARIABLE_DEFINITION) return undefined;
        if (insideLiteral.length > 0) {
          reason = `$${node.name.value} inside a literal`;
          return BREAK;
        }
        return undefined;
      },
      Field(node) {
        const type = typeInfo.getType();
        if (type && isAbstractType(getNamedType(type))) {
          reason = `${node.name.value}: an interface or union`;
          return BREAK;
        }
        return undefined;
      },
    }),
  );
  return reason;
}

/**
 * A copy of a document for graphql-jit to compile: it writes its skip/include bookkeeping onto the field nodes,
 * and Apollo shares one parsed document among every request with the same text. Source locations are shared
 * (read only), so error locations stay right.
 */
export function cloneDocument<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item: unknown) => cloneDocument(item)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>))
    out[key] = key === 'loc' ? value : cloneDocument(value);
  return out as T;
}
