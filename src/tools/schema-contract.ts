import { buildSchema, findBreakingChanges, type GraphQLSchema, isIntrospectionType, printSchema } from "graphql";

/** The schema as committed: printed from the Pothos code, types and fields sorted. */
export function printContract(schema: GraphQLSchema): string {
  return `${printSchema(schema)}\n`;
}

/** Every type, field, argument and enum value that has no description, by schema coordinate. */
export function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || ["String", "Boolean", "Int", "Float", "ID"].includes(type.name)) continue;
    if (!type.description) missing.push(type.name);
    if ("getFields" in type) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of "args" in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
        }
      }
    }
    if ("getValues" in type) {
      for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

/** Breaking changes from the released schema to this one that nobody acknowledged. */
export function unacknowledgedBreakingChanges(released: string, current: string, acknowledged: string[]): string[] {
  return findBreakingChanges(buildSchema(released), buildSchema(current))
    .map((change) => `${change.type}: ${change.description}`)
    .filter((change) => !acknowledged.includes(change));
}
