import { getIntrospectionQuery, Kind, parse, type SelectionSetNode, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { shallowIntrospection } from './introspection';

/** Depth as the server counts it: fields nested in fields, through fragments. */
function depth(document: DocumentNode): number {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const walk = (set: SelectionSetNode | undefined): number => {
    if (!set) return 0;
    return Math.max(
      0,
      ...set.selections.map((s) =>
        s.kind === Kind.FIELD ? 1 + walk(s.selectionSet) : s.kind === Kind.FRAGMENT_SPREAD ? walk(fragments.get(s.name.value)) : walk(s.selectionSet),
      ),
    );
  };
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operation && 'selectionSet' in operation ? walk(operation.selectionSet) : 0;
}

describe('shallowIntrospection', () => {
  it('brings the standard introspection query within the API depth limit of 12', () => {
    const standard = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true });
    expect(depth(parse(standard))).toBeGreaterThan(12);
    const shallow = shallowIntrospection(standard);
    expect(depth(parse(shallow))).toBeLessThanOrEqual(12);
    expect(shallow).toContain('inputFields(includeDeprecated: true)');
  });

  it('leaves every other query alone', () => {
    const query = '{ products(first: 5) { nodes { sku } } }';
    expect(shallowIntrospection(query)).toBe(query);
  });
});
