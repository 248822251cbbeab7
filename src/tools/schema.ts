import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { schema } from "../schema/index.js";
import { printContract, unacknowledgedBreakingChanges, undocumented } from "./schema-contract.js";

/**
 * `npm run schema:print`   writes schema/schema.graphql from the code.
 * `npm run schema:check`   fails when the code and that file disagree, when anything lacks a description,
 *                          or when the file breaks the last released schema without acknowledgement.
 * `npm run schema:release` records the current schema as the released one.
 */
const FILE = "schema/schema.graphql";
const RELEASED = "schema/released.graphql";
const ACKNOWLEDGED = "schema/acknowledged-breaking-changes.json";

const printed = printContract(schema);
const command = process.argv[2];
const fail = (lines: string[]) => {
  process.stderr.write(`${lines.join("\n")}\n`);
  process.exit(1);
};

if (command === "print") {
  writeFileSync(FILE, printed);
} else if (command === "release") {
  writeFileSync(RELEASED, readFileSync(FILE, "utf8"));
  writeFileSync(ACKNOWLEDGED, "[]\n");
} else if (command === "check") {
  const committed = existsSync(FILE) ? readFileSync(FILE, "utf8") : "";
  if (committed !== printed)
    fail([`${FILE} is out of date with the code: run \`npm run schema:print\` and commit it.`]);
  const missing = undocumented(schema);
  if (missing.length > 0) fail(["These have no description:", ...missing.map((m) => `  ${m}`)]);
  const acknowledged = JSON.parse(readFileSync(ACKNOWLEDGED, "utf8")) as string[];
  const breaking = unacknowledgedBreakingChanges(readFileSync(RELEASED, "utf8"), committed, acknowledged);
  if (breaking.length > 0) {
    fail([
      `${FILE} breaks the released schema (${RELEASED}):`,
      ...breaking.map((b) => `  ${b}`),
      `If that is intended, add these lines to ${ACKNOWLEDGED} and say so in the changelog.`,
    ]);
  }
  process.stdout.write(`${FILE} matches the code and keeps the released contract.\n`);
} else {
  fail(["usage: schema.ts print | check | release"]);
}
