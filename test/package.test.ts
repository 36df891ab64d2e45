import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";
import { makeTree } from "./cli-utils.js";

const ROOT = resolve(import.meta.dirname, "..");

it("npm pack ships the built CLI, types and README only, and the installed package fixes a tree offline", () => {
  const out = mkdtempSync(join(tmpdir(), "mainguard-pack-"));
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", out], { cwd: ROOT, encoding: "utf8" })) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const files = packed[0]!.files.map((file) => file.path);
  for (const path of files) expect(path, path).toMatch(/^(package\.json|README\.md|dist\/.+\.(js|d\.ts)|dist\/tree-sitter-python\.wasm)$/);
  for (const needed of ["dist/cli.js", "dist/worker.js", "dist/tree-sitter-python.wasm", "dist/src/index.js", "dist/src/index.d.ts", "README.md"]) {
    expect(files).toContain(needed);
  }
  expect(files.some((path) => /test|fixture|\.map$|\.ts$/.test(path.replace(/\.d\.ts$/, "")))).toBe(false);

  const project = mkdtempSync(join(tmpdir(), "mainguard-install-"));
  writeFileSync(join(project, "package.json"), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
  execFileSync("npm", ["install", "--no-audit", "--no-fund", join(out, packed[0]!.filename)], { cwd: project, stdio: "ignore" });
  // The grammar ships in the package itself, not fetched at run time nor built on install.
  expect(readFileSync(join(project, "node_modules/mainguard/dist/tree-sitter-python.wasm")).length).toBeGreaterThan(100_000);
  expect(existsSync(join(project, "node_modules/tree-sitter-python"))).toBe(false);

  const tree = makeTree({ "svc/app.py": "from flask import Flask\napp = Flask(__name__)\napp.run()\n" });
  let stdout = "";
  try {
    execFileSync("npx", ["--no-install", "mainguard", "--dry-run", join(tree, "svc")], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", npm_config_offline: "true" },
    });
  } catch (error) {
    // Exit 1: fixes are pending, which is what a dry run reports.
    expect((error as { status?: number }).status).toBe(1);
    stdout = String((error as { stdout?: string }).stdout);
  }
  expect(stdout).toContain('+if __name__ == "__main__":\n+    app.run()\n');
}, 300_000);
