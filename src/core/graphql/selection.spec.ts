import { type FieldNode, type FragmentDefinitionNode, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { plainSubfields, subfields } from './selection';

function documentOf(source: string): { root: FieldNode[]; fragments: Record<string, FragmentDefinitionNode> } {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  return { root: operation.selectionSet.selections as FieldNode[], fragments };
}

describe('subfields: what a list resolver’s items will be asked for', () => {
  it('finds a field written directly, in an inline fragment, in a named fragment and in a fragment within it', () => {
    const { root, fragments } = documentOf(`{ team { nodes { a: currentAppraisal { id } ... on Employee { currentAppraisal { status } } ...F } } }
      fragment F on Employee { ...G }
      fragment G on Employee { currentAppraisal(periodId: "x") { id } }`);
    const nodes = subfields(root, fragments, 'nodes');
    expect(nodes).toHaveLength(1);
    expect(subfields(nodes, fragments, 'currentAppraisal').map((f) => f.alias?.value ?? f.name.value)).toEqual(['a', 'currentAppraisal', 'currentAppraisal']);
  });

  it('plainSubfields keeps only the calls without arguments', () => {
    const { root, fragments } = documentOf(`{ team { nodes { currentAppraisal { id } other: currentAppraisal(periodId: "x") { id } } } }`);
    const plans = plainSubfields(subfields(root, fragments, 'nodes'), fragments, 'currentAppraisal');
    expect(plans.map((f) => f.alias?.value ?? f.name.value)).toEqual(['currentAppraisal']);
  });

  it('a fragment that spreads itself is visited once, and a field not selected is not found', () => {
    const { root, fragments } = documentOf(`{ team { nodes { ...F } } } fragment F on Employee { id ...F }`);
    expect(subfields(subfields(root, fragments, 'nodes'), fragments, 'currentAppraisal')).toEqual([]);
  });
});
