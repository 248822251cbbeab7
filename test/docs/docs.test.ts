import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { SETTING_NAMES } from "../../src/runtime/config.js";

// The docs stay honest: links lead somewhere, the settings table is the configuration's, and every
// command they name exists.
const pages = ["README.md", ...readdirSync("docs").map((f) => join("docs", f))].filter((f) => f.endsWith(".md"));
const text = (file: string) => readFileSync(file, "utf8");
/** Markdown outside fenced code blocks: examples may show what is not a link. */
const prose = (file: string) => text(file).replace(/```[\s\S]*?```/g, "");

/** A heading's anchor as GitHub makes it. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

describe("the docs", () => {
  it("link only to files and headings that exist", () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const [, target] of prose(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!target || /^[a-z]+:/.test(target)) continue; // https:, mailto:
        const [path = "", anchor] = target.split("#");
        const file = path ? join(dirname(page), path) : page;
        if (!existsSync(file)) broken.push(`${page}: ${target}`);
        else if (anchor && file.endsWith(".md")) {
          const anchors = [...text(file).matchAll(/^#+ (.+)$/gm)].map(([, h]) => anchorOf(h ?? ""));
          if (!anchors.includes(anchor)) broken.push(`${page}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("list every setting the configuration reads in one table, and none it does not", () => {
    const table =
      text("docs/deployment-and-configuration.md")
        .split(/^## Every setting$/m)[1]
        ?.split(/^## /m)[0] ?? "";
    // A row's first cell names one setting or several (`A`, `B`).
    const firstCells = [...table.matchAll(/^\| ([^|]+) \|/gm)].map(([, cell]) => cell ?? "");
    const documented = [
      ...new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map(([, n]) => n))),
    ].sort();
    // The zod schema's keys, and the OpenTelemetry variables tracing reads itself.
    const tracing = [...text("src/telemetry/tracing.ts").matchAll(/env\.(OTEL_[A-Z_]+)/g)].map(([, name]) => name);
    const read = [...new Set([...SETTING_NAMES, ...tracing])].sort();
    expect(documented).toEqual(read);
  });

  it("name only npm scripts that exist", () => {
    const scripts = Object.keys((JSON.parse(text("package.json")) as { scripts: Record<string, string> }).scripts);
    const named = pages.flatMap((page) => [...text(page).matchAll(/npm run ([a-z][a-z0-9:-]*)/g)].map(([, s]) => s));
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((s) => !scripts.includes(s as string))).toEqual([]);
  });

  it("keep the README a front door that reaches each reader's question in one click", () => {
    const readme = text("README.md");
    expect(readme.split("\n").length).toBeLessThanOrEqual(200);
    // Every page of the manual, one click from the front door.
    for (const page of pages.filter((p) => p.startsWith("docs/"))) expect(readme).toContain(`(${page}`);
  });
});
