import { readFileSync } from "node:fs";
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "../../src/schema/index.js";
import { printContract, unacknowledgedBreakingChanges, undocumented } from "../../src/tools/schema-contract.js";

const committed = readFileSync("schema/schema.graphql", "utf8");

describe("the schema as a contract", () => {
  it("is committed exactly as the code prints it", () => {
    expect(printContract(schema)).toBe(committed);
  });

  it("describes every type, field, argument and enum value", () => {
    expect(undocumented(schema)).toEqual([]);
    expect(undocumented(buildSchema('"""A type."""\ntype Query { a(b: Int): Int }'))).toEqual([
      "Query.a",
      "Query.a(b:)",
    ]);
  });

  it("flags a breaking change unless it is acknowledged", () => {
    const removed = committed.replace(/\n {2}"""[^"]*"""\n {2}endAllSessions: Int!\n/, "\n");
    expect(removed).not.toBe(committed);
    const breaking = unacknowledgedBreakingChanges(committed, removed, []);
    expect(breaking).toEqual(["FIELD_REMOVED: Mutation.endAllSessions was removed."]);
    expect(unacknowledgedBreakingChanges(committed, removed, breaking)).toEqual([]);
  });

  it("lets additions through", () => {
    const added = committed.replace("type Query {", 'type Query {\n  """New."""\n  ping: Boolean\n');
    expect(unacknowledgedBreakingChanges(committed, added, [])).toEqual([]);
  });
});
