import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createMainguard } from "../src/index.js";
import { Engine } from "../src/engine/engine.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import { TRANSFORMS } from "../transforms/index.js";
import { FIXTURES, fixtureCases } from "./fixture-utils.js";
import { makeTree, runCli } from "./cli-utils.js";

// Seeded and bounded: CI runs the default seed; `FUZZ_SEED=7 FUZZ_COUNT=20000 npm test -- fuzz`
// runs longer with another.
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const COUNT = Number(process.env.FUZZ_COUNT ?? 1500);
const CHECKER = resolve(import.meta.dirname, "python/guard_equivalence.py");

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const inputs = readdirSync(FIXTURES).flatMap((transform) => fixtureCases(transform).map((c) => readFileSync(c.inputPath, "utf8")));

/** One random change of the kinds a real file (or a bad edit) has. */
function mutate(text: string, rand: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const at = Math.floor(rand() * (text.length + 1));
  const lines = text.split("\n");
  const line = Math.floor(rand() * (lines.length + 1));
  const insertLine = (inserted: string) => [...lines.slice(0, line), inserted, ...lines.slice(line)].join("\n");
  switch (Math.floor(rand() * 11)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return lines.length ? insertLine(lines[Math.min(line, lines.length - 1)]!) : text;
    case 2:
      return text.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x250)) + text.slice(at);
    case 3:
      return text.slice(0, at) + pick(['"', "'", '"""', "'''", "(", ")", "[", "{", "\\"]) + text.slice(at);
    case 4:
      return text.slice(0, at) + "\r" + text.slice(at);
    case 5:
      return lines.map((l, i) => (i === line ? l.replace(/^ {4}/, "\t") : l)).join("\n");
    case 6:
      return insertLine(pick(["", "    ", "\t", "  "]) + pick(["app.run()", "app.run(debug=True); x = 1", "uvicorn.run(app)", "main()"]));
    case 7:
      return insertLine(pick(['if __name__ == "__main__":', "if __name__ == '__main__': pass", "try:", "def main():", "    pass"]));
    case 8:
      return text.slice(0, at) + pick(["\0", "\uFEFF", "é", "😀", "\u2028"]) + text.slice(at);
    case 9:
      return text.replace(/\n/g, "\r\n");
    default:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + Math.floor(rand() * 40)));
  }
}

describe(`fuzzing (seed ${SEED}, ${COUNT} mutants)`, () => {
  it("the engine never throws, and every output it changes is a faithful guard of its input", async () => {
    const rand = random(SEED);
    const safe = await createMainguard();
    const unsafe = await createMainguard({ unsafeFixes: true });
    // The way big files are read (in slices, fixed through a condensed view) must give the same
    // output on every mutant, and skip the same ones (which line a garbled file is reported at may
    // differ: the indentation variants hold that to Python's line).
    const condensing = Engine.create({ parser: nodePythonParser,  transforms: TRANSFORMS, unsafeFixes: true, condenseAbove: 0 });
    const whole = Engine.create({ parser: nodePythonParser,  transforms: TRANSFORMS, unsafeFixes: true });
    const disagreements: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), "mainguard-fuzz-"));
    const pairs: string[] = [];
    let changed = 0;
    for (let i = 0; i < COUNT; i++) {
      let text = inputs[Math.floor(rand() * inputs.length)]!;
      for (let m = 0, n = 1 + Math.floor(rand() * 3); m < n; m++) text = mutate(text, rand);
      const result = await (rand() < 0.5 ? safe : unsafe).fix(text, `mutant-${i}.py`);
      const [sliced, read] = [await condensing.run(text, "m.py", { fix: true }), await whole.run(text, "m.py", { fix: true })];
      if (sliced.output !== read.output || sliced.skipped?.kind !== read.skipped?.kind) disagreements.push(`mutant ${i}: ${JSON.stringify(text)}`);
      if (result.output === text) continue;
      changed++;
      writeFileSync(join(dir, `${i}.in.py`), text);
      writeFileSync(join(dir, `${i}.out.py`), result.output);
      pairs.push(join(dir, `${i}.in.py`), join(dir, `${i}.out.py`));
    }
    let stdout = "";
    try {
      stdout = execFileSync("python3", [CHECKER, ...pairs], { encoding: "utf8", maxBuffer: 1e8 });
    } catch (error) {
      stdout = String((error as { stdout?: string }).stdout ?? "");
    }
    const verdicts = stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { before: string; ok: boolean | null; reason: string });
    expect(disagreements).toEqual([]);
    expect(verdicts.length).toBe(changed);
    for (const verdict of verdicts) expect(verdict.ok === false ? `${verdict.before}: ${verdict.reason}` : "").toBe("");
    console.log(`${COUNT} mutants, ${changed} rewritten, ${verdicts.filter((v) => v.ok).length} confirmed by Python's ast (Python accepts each input)`);
    expect(changed).toBeGreaterThan(COUNT / 10);
  }, 600_000);

  it("the CLI exits 0, 1 or 2 over byte-level mutants (NUL, invalid UTF-8, stray CR) and keeps every file faithful", () => {
    const rand = random(SEED + 1);
    const files: Record<string, Buffer> = {};
    const originals = new Map<string, Buffer>();
    for (let i = 0; i < Math.min(COUNT, 400); i++) {
      let bytes = Buffer.from(mutate(inputs[Math.floor(rand() * inputs.length)]!, rand), "utf8");
      const at = Math.floor(rand() * (bytes.length + 1));
      const extra = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0]), Buffer.from("\r"), Buffer.alloc(0)][Math.floor(rand() * 5)]!;
      bytes = Buffer.concat([bytes.subarray(0, at), extra, bytes.subarray(at)]);
      files[`m${i}.py`] = bytes;
      originals.set(`m${i}.py`, bytes);
    }
    const root = makeTree(files);
    const result = runCli(["--write", "--unsafe-fixes", "."], root);
    expect([0, 1, 2]).toContain(result.code);
    for (const line of result.stderr.trim().split("\n").slice(0, -1)) expect(line).toMatch(/^mainguard: m\d+\.py: /);
    const pairs: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), "mainguard-fuzz-cli-"));
    for (const [name, before] of originals) {
      const after = readFileSync(join(root, name));
      if (after.equals(before)) continue;
      writeFileSync(join(dir, name), before);
      pairs.push(join(dir, name), join(root, name));
    }
    const stdout = pairs.length ? execFileSync("python3", [CHECKER, ...pairs], { encoding: "utf8", maxBuffer: 1e8 }) : "";
    for (const line of stdout.trim().split("\n").filter(Boolean)) {
      const verdict = JSON.parse(line) as { before: string; ok: boolean | null; reason: string };
      expect(verdict.ok === false ? `${verdict.before}: ${verdict.reason}` : "").toBe("");
    }
  }, 300_000);
});
