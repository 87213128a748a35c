import { getIntrospectionQuery } from 'graphql';

const TYPE_REF = 'fragment TypeRef on __Type';

/**
 * The API refuses queries deeper than its limit (GraphQL:MaxDepth, 12 by default), and the standard
 * introspection query nests `ofType` deeper than that. Four levels describe every type the schema has
 * (`[X!]!` needs three), so GraphiQL's introspection is sent with a TypeRef fragment four levels deep.
 */
export function shallowIntrospection(query: string, typeDepth = 4): string {
  const at = query.indexOf(TYPE_REF);
  if (at < 0 || !query.includes('__schema')) return query;
  const shallow = getIntrospectionQuery({ typeDepth });
  return query.slice(0, at) + shallow.slice(shallow.indexOf(TYPE_REF));
}
