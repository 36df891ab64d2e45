import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { CLI, makeTree } from "./cli-utils.js";
import { createMainguard } from "../src/index.js";
import { parserRequested } from "../src/node/python-parser.js";

it("loads the grammar only when a file holds a candidate", async () => {
  const mainguard = await createMainguard();
  expect(await mainguard.check("import os\nprint(os.getcwd())\n")).toEqual([]);
  expect(parserRequested()).toBe(false);
  expect(await mainguard.check("from flask import Flask\napp = Flask(__name__)\napp.run()\n")).toHaveLength(1);
  expect(parserRequested()).toBe(true);
});

/** The built-in modules a CLI run loaded, as Node lists them at exit. */
function builtinsLoaded(args: string[], cwd: string): string[] {
  const hook = join(mkdtempSync(join(tmpdir(), "mainguard-hook-")), "hook.mjs");
  writeFileSync(hook, 'process.on("exit", () => process._rawDebug("LOADED " + process.moduleLoadList.join(",")));\n');
  const result = spawnSync(process.execPath, ["--import", pathToFileURL(hook).href, CLI, ...args], { cwd, encoding: "utf8" });
  const line = result.stderr.split("\n").find((text) => text.startsWith("LOADED "));
  return line!.slice("LOADED ".length).split(",").filter((name) => name.startsWith("NativeModule ")).map((name) => name.slice("NativeModule ".length));
}

it("loads the atomic writer (and the crypto it needs) only when it writes", () => {
  const root = makeTree({ "app.py": "from flask import Flask\napp = Flask(__name__)\napp.run()\n" });
  expect(builtinsLoaded(["app.py"], root)).not.toContain("crypto");
  expect(builtinsLoaded(["--write", "app.py"], root)).toContain("crypto");
  expect(readFileSync(join(root, "app.py"), "utf8")).toContain('if __name__ == "__main__":');
});
