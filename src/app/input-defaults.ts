import {
  astFromValue,
  getNullableType,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  typeFromAST,
  valueFromASTUntyped,
  type VariableDefinitionNode,
} from 'graphql';

type Variables = Record<string, unknown>;

/**
 * The request's variables with every omitted variable and input-object field that has a default written out, in the form a
 * client would send it (the default printed as a literal, then read back untyped: an enum by name, a custom
 * scalar in its wire form). The caller's object is not changed. Values of the wrong shape are left for the
 * executor's own coercion, which the caller has already run through graphql-js. Null when a default has no literal
 * form: the caller then runs the request on graphql-js.
 */
export function withInputDefaults(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  variables: Variables,
): Variables | null {
  try {
    return withDefaults(schema, definitions, variables);
  } catch (error) {
    if (error instanceof Unwritable) return null;
    throw error;
  }
}

/** A default that has no literal form (a scalar whose serialize does not give JSON): the caller runs graphql-js. */
class Unwritable extends Error {}

function withDefaults(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  variables: Variables,
): Variables {
  let out: Variables | undefined;
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue;
    if (variables[name] === undefined) {
      // An omitted variable with a default (`$sub: Boolean! = true`): graphql-jit refuses a non-null one.
      if (definition.defaultValue)
        (out ??= { ...variables })[name] = fill(type, valueFromASTUntyped(definition.defaultValue));
      continue;
    }
    const value = variables[name];
    const next = fill(type, value);
    if (next !== value) (out ??= { ...variables })[name] = next;
  }
  return out ?? variables;
}

function fill(type: GraphQLInputType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return fill(nullable.ofType, value);
    let changed = false;
    const items = value.map((item: unknown) => {
      const next = fill(nullable.ofType, item);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? items : value;
  }
  if (!isInputObjectType(nullable) || typeof value !== 'object' || Array.isArray(value)) return value;
  const source = value as Variables;
  let out: Variables | undefined;
  for (const field of Object.values(nullable.getFields())) {
    const current = source[field.name];
    if (current === undefined) {
      if (field.defaultValue === undefined) continue;
      let literal;
      try {
        literal = astFromValue(field.defaultValue, field.type);
      } catch {
        throw new Unwritable(field.name);
      }
      // The default may be an input object with defaults of its own.
      if (literal) (out ??= { ...source })[field.name] = fill(field.type, valueFromASTUntyped(literal));
    } else {
      const next = fill(field.type, current);
      if (next !== current) (out ??= { ...source })[field.name] = next;
    }
  }
  return out ?? value;
}
