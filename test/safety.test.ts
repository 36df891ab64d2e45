import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, makeTree, runCli } from "./cli-utils.js";

const app = (name: string) => `from flask import Flask\n\n${name} = Flask(__name__)\n${name}.run()\n`;
const fixed = (name: string) => `from flask import Flask\n\n${name} = Flask(__name__)\nif __name__ == "__main__":\n    ${name}.run()\n`;

it("--write skips, with a message, a file edited after it was read and before it was written", async () => {
  const root = makeTree({ "a.py": app("a"), "b.py": app("b"), "c.py": app("c") });
  const child = spawn(process.execPath, [CLI, "--write", "."], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1", MAINGUARD_TEST_WRITE_DELAY_MS: "1500" },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  // Files are read and written in order; once b.py is written, c.py is read and waiting to be
  // written: edit it then.
  while (readFileSync(join(root, "b.py"), "utf8") !== fixed("b")) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 400));
  writeFileSync(join(root, "c.py"), `${app("c")}# edited by hand\n`);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(readFileSync(join(root, "c.py"), "utf8")).toBe(`${app("c")}# edited by hand\n`);
  expect(readFileSync(join(root, "a.py"), "utf8")).toBe(fixed("a"));
  expect(stderr).toBe("mainguard: c.py: it changed since it was read; not written\n3 files scanned, 3 findings, 2 fixed in 2 files, 1 not written.\n");
  expect(code).toBe(1);
}, 60_000);

describe("a 5 MB module, read in slices and fixed through a condensed view", () => {
  const route = (n: number) => `@app.route("/r${n}")\ndef r${n}():\n    """Route ${n}."""\n    return {"n": ${n}, "s": "${"x".repeat(40)}"}\n\n\n`;
  let body = "from flask import Flask\n\napp = Flask(__name__)\n\n\n";
  for (let n = 0; body.length < 5_000_000; n++) body += route(n);
  const lines = body.split("\n").length - 1;

  it("is fixed by --write, byte for byte", () => {
    const root = makeTree({ "big.py": `${body}app.run()\n` });
    const result = runCli(["--write", "big.py"], root);
    expect(result.stderr).toBe("1 file scanned, 1 finding, 1 fixed in 1 file.\n");
    expect(readFileSync(join(root, "big.py"), "utf8")).toBe(`${body}if __name__ == "__main__":\n    app.run()\n`);
  }, 120_000);

  it("is left as it was, with Python's line, when a line near its end is indented by one space too many", () => {
    const broken = `${body}x = 1\n y = 2\napp.run()\n`;
    const root = makeTree({ "big.py": broken });
    const result = runCli(["--write", "big.py"], root);
    expect(result.stderr).toBe(`mainguard: big.py: skipped: syntax error on line ${lines + 2}, column 1: unexpected indent\n1 file scanned, 0 findings, 0 fixed in 0 files, 1 skipped.\n`);
    expect(readFileSync(join(root, "big.py"), "utf8")).toBe(broken);
  }, 120_000);
});
