import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const DEPCRUISE = join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

/** What `npm run check-imports` says about `root`: its exit code and, per violation, the rule and the importing file. */
function check(root: string): { code: number | null; violations: string[] } {
  const result = spawnSync(process.execPath, [DEPCRUISE, "src", "transforms", "playground", "--config", ".dependency-cruiser.cjs"], { cwd: root, encoding: "utf8" });
  const violations = [...result.stdout.matchAll(/^ {2}error ([\w-]+): (\S+) →/gm)].map((match) => `${match[1]}: ${match[2]}`);
  return { code: result.status, violations: violations.sort() };
}

describe("the import rules (.dependency-cruiser.cjs)", () => {
  it("hold for the code as it is", () => {
    expect(check(ROOT)).toEqual({ code: 0, violations: [] });
  });

  it("catch a planted cycle and each forbidden import, and fail the check", () => {
    const root = mkdtempSync(join(tmpdir(), "mainguard-imports-"));
    for (const entry of ["src", "transforms", "playground", "tsconfig.json", ".dependency-cruiser.cjs"]) cpSync(join(ROOT, entry), join(root, entry), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
    const plant = (file: string, line: string) => appendFileSync(join(root, file), `\n${line}\n`);
    // catalog-words.ts imports word-set.ts; a type import back closes a cycle. The other imports planted
    // reach modules that import nothing of the importer's, so each breaks one rule and closes no cycle.
    plant("src/prefilter/word-set.ts", 'export type { CatalogWords } from "./catalog-words.js";');
    plant("transforms/server-start.ts", 'export { parse } from "smol-toml";');
    plant("transforms/exposed-debugger.ts", 'export { firstLoneCr } from "../src/engine/positions.js";');
    plant("src/output/json.ts", 'export { reviewChanges } from "../cli/review.js";');
    plant("src/python/module-scope.ts", 'export { wordSet } from "../prefilter/word-set.js";');
    plant("src/read/encoding.ts", 'export { colorsFor } from "../output/colors.js";');
    plant("src/output/text.ts", 'export { Command } from "commander";');
    plant("src/git/git.ts", 'export { DEFAULT_CATALOG } from "../catalog.js";');
    plant("src/report/rule-table.ts", 'export { colorsFor } from "../output/colors.js";');
    plant("src/engine/guard-plan.ts", 'export { readFileSync } from "node:fs";');
    plant("src/line-index.ts", 'export { nodePythonParser } from "./node/python-parser.js";');
    plant("src/server/hover.ts", 'export { readBytes } from "../read/read-source.js";');
    plant("src/output/sarif.ts", 'export { ResponseError } from "vscode-languageserver";');
    plant("playground/share.ts", 'export { unifiedPatch } from "../src/output/patch.js";');
    plant("playground/protocol.ts", 'export { readFileSync } from "node:fs";');
    const { code, violations } = check(root);
    expect(violations).toEqual([
      "core-is-host-free: src/engine/guard-plan.ts",
      "core-knows-no-host: src/line-index.ts",
      "git-only-runs-git: src/git/git.ts",
      "no-cycles: src/prefilter/catalog-words.ts",
      "only-the-cli-talks-to-the-terminal: src/output/text.ts",
      "only-the-server-speaks-lsp: src/output/sarif.ts",
      "output-is-not-interactive: src/output/json.ts",
      "playground-is-a-browser-host: playground/share.ts",
      "playground-uses-no-node: playground/protocol.ts",
      "python-is-pure: src/python/module-scope.ts",
      "reports-are-read-not-run: src/report/rule-table.ts",
      "server-is-an-editor-host: src/server/hover.ts",
      "stages-do-not-reach-up: src/read/encoding.ts",
      "transforms-see-rules-only: transforms/exposed-debugger.ts",
      "transforms-use-no-io: transforms/server-start.ts",
    ]);
    expect(code).toBe(violations.length);
  });

  it("type-check the core without Node's types (tsconfig.core.json): a Buffer there fails", () => {
    const root = mkdtempSync(join(tmpdir(), "mainguard-core-"));
    for (const entry of ["src", "transforms", "tsconfig.json", "tsconfig.core.json"]) cpSync(join(ROOT, entry), join(root, entry), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
    const tsc = () => spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.core.json"], { cwd: root, encoding: "utf8" });
    expect(tsc().status).toBe(0);
    appendFileSync(join(root, "src/engine/verify.ts"), '\nexport const planted = Buffer.from("x");\n');
    const planted = tsc();
    expect(planted.status).not.toBe(0);
    expect(planted.stdout).toContain("src/engine/verify.ts");
    expect(planted.stdout).toContain("Cannot find name 'Buffer'");
  });
});
