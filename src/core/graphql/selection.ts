import { type FieldNode, type FragmentDefinitionNode, Kind, type SelectionSetNode } from 'graphql';

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/**
 * The fields called `name` selected directly under `parents`, looking through fragment spreads and inline
 * fragments, whatever their type condition or directives: for loading ahead, where selecting too much costs a
 * statement and selecting too little only leaves the work to the field's resolver.
 */
export function subfields(parents: readonly FieldNode[], fragments: Fragments, name: string): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(fragments[selection.name.value]?.selectionSet, seen);
      }
    }
  };
  for (const parent of parents) visit(parent.selectionSet, new Set());
  return found;
}

/** The ones among `subfields` written without arguments: the only calls a prefetched answer may stand for. */
export function plainSubfields(parents: readonly FieldNode[], fragments: Fragments, name: string): FieldNode[] {
  return subfields(parents, fragments, name).filter((f) => (f.arguments?.length ?? 0) === 0);
}
