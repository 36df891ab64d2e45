import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CLI, makeTree } from "./cli-utils.js";

const FILES = 3000;
const app = (n: number) => `from flask import Flask\n\napp = Flask("svc-${n}")\napp.run(port=${n})\n`;
const fixed = (n: number) => `from flask import Flask\n\napp = Flask("svc-${n}")\nif __name__ == "__main__":\n    app.run(port=${n})\n`;

async function interruptedWrite(signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string; root: string }> {
  const files: Record<string, string> = {};
  for (let n = 0; n < FILES; n++) files[`pkg${String(n % 30).padStart(2, "0")}/svc_${String(n).padStart(4, "0")}.py`] = app(n);
  const root = makeTree(files);
  const child = spawn(process.execPath, [CLI, "--write", "--jobs", "2", "."], { cwd: root, env: { ...process.env, NO_COLOR: "1" } });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  // Wait until the run has written some files, then interrupt it.
  const first = join(root, "pkg00/svc_0000.py");
  const deadline = Date.now() + 60_000;
  while (readFileSync(first, "utf8") === app(0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  child.kill(signal);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (status) => resolve(status)));
  return { code, stderr, root };
}

function checkEveryFile(root: string): { fixedCount: number; untouched: number } {
  let fixedCount = 0;
  let untouched = 0;
  for (const dir of readdirSync(root)) {
    for (const name of readdirSync(join(root, dir))) {
      // Nothing but the files themselves: no temporary file is left behind.
      expect(name, `${dir}/${name}`).toMatch(/^svc_\d{4}\.py$/);
      const n = Number(name.slice(4, 8));
      const text = readFileSync(join(root, dir, name), "utf8");
      if (text === fixed(n)) fixedCount++;
      else {
        expect(text, `${dir}/${name} is half-written`).toBe(app(n));
        untouched++;
      }
    }
  }
  return { fixedCount, untouched };
}

it.each([
  ["SIGTERM", 143],
  ["SIGINT", 130],
] as const)("%s in the middle of a bulk --write leaves every file old or new, no temporary file, and a summary", async (signal, exit) => {
  const { code, stderr, root } = await interruptedWrite(signal);
  expect(code).toBe(exit);
  expect(stderr).toMatch(new RegExp(`fixed in \\d+ files?.* Stopped by ${signal} after \\d+ of ${FILES} files; every file is as it was or fully fixed\\.\\n$`));
  const { fixedCount, untouched } = checkEveryFile(root);
  expect(fixedCount).toBeGreaterThan(0);
  expect(untouched).toBeGreaterThan(0);
  expect(stderr).toContain(`${fixedCount} fixed in ${fixedCount} file`);
}, 120_000);
