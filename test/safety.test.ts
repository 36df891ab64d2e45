import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";
import { writeIfUnchanged } from "../src/output/write-source.js";

const app = (name: string) => `from flask import Flask\n\n${name} = Flask(__name__)\n${name}.run()\n`;
const fixed = (name: string) => `from flask import Flask\n\n${name} = Flask(__name__)\nif __name__ == "__main__":\n    ${name}.run()\n`;

// End to end, a file edited while -i's prompt waits is skipped (interactive.test.ts); here, the writer itself.
it("writes a file only if it still holds the bytes that were read, and says why not", async () => {
  const root = makeTree({ "a.py": app("a"), "c.py": `${app("c")}# edited by hand\n` });
  const encode = (text: string) => new TextEncoder().encode(text);
  expect(await writeIfUnchanged(join(root, "a.py"), encode(app("a")), encode(fixed("a")))).toEqual({ written: true });
  expect(readFileSync(join(root, "a.py"), "utf8")).toBe(fixed("a"));
  expect(await writeIfUnchanged(join(root, "c.py"), encode(app("c")), encode(fixed("c")))).toEqual({ written: false, reason: "it changed since it was read; not written" });
  expect(readFileSync(join(root, "c.py"), "utf8")).toBe(`${app("c")}# edited by hand\n`);
  expect(readdirSync(root).sort()).toEqual(["a.py", "c.py"]);
});

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
