import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { TRANSFORMS } from "../transforms/index.js";
import { Engine } from "../src/engine/engine.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import { GUARD } from "../src/python/main-guard.js";
import { FIXTURES, fixtureCases } from "./fixture-utils.js";

const PYTHON = resolve(import.meta.dirname, "python");

interface Verdict {
  path: string;
  ok: boolean;
  line: number | null;
  column: number | null;
  message: string;
  unit: string | null;
}

/** Every way of re-indenting one line that the issue names: stray indents, dedents, tabs for spaces and back, form feeds. */
function reindented(line: string): Array<[string, string]> {
  const indent = /^[ \t\f]*/.exec(line)![0];
  const rest = line.slice(indent.length);
  if (rest === "") return [];
  const variants: Array<[string, string]> = [
    ["stray space", ` ${line}`],
    ["stray tab", `\t${line}`],
    ["form feed at the line start", `\f${line}`],
    ["form feed before the code", `${indent}\f${rest}`],
  ];
  if (indent !== "") {
    variants.push(
      ["dedent to column 0", rest],
      ["dedent by one level", indent.replace(/^( {1,4}|\t)/, "") + rest],
      ["dedent by one space", indent.slice(1) + rest],
      ["form feed inside the indentation", `${indent.slice(0, 1)}\f${indent.slice(1)}${rest}`],
    );
  }
  if (indent.startsWith("    ")) variants.push(["a tab for four spaces", `\t${indent.slice(4)}${rest}`]);
  if (indent.startsWith("        ")) variants.push(["a tab for eight spaces", `\t${indent.slice(8)}${rest}`]);
  if (indent.startsWith("\t")) variants.push(["eight spaces for a tab", `        ${indent.slice(1)}${rest}`], ["four spaces for a tab", `    ${indent.slice(1)}${rest}`]);
  return variants;
}

/** The fixtures with something to fix, each line re-indented every way, one line at a time. */
function variants(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const transform of readdirSync(FIXTURES)) {
    for (const fixture of fixtureCases(transform)) {
      if (!fixture.outputPath) continue;
      const text = readFileSync(fixture.inputPath, "utf8");
      const lines = text.split("\n");
      lines.forEach((line, i) => {
        for (const [kind, changed] of reindented(line)) {
          out.push({ name: `${transform}/${fixture.name} line ${i + 1}: ${kind}`, text: [...lines.slice(0, i), changed, ...lines.slice(i + 1)].join("\n") });
        }
      });
    }
  }
  return out;
}

function python(script: string, args: string[]): string[] {
  return execFileSync("python3", [join(PYTHON, script), ...args], { encoding: "utf8", maxBuffer: 1 << 28 }).trim().split("\n");
}

/** The indentation of the line after each guard header mainguard wrote, as Python counts it (from the last form feed). */
function guardBodyIndents(output: string): string[] {
  const lines = output.split(/\r?\n/);
  return lines.flatMap((line, i) => (line === GUARD ? [/^[ \t\f]*/.exec(lines[i + 1] ?? "")![0].replace(/^.*\f/, "")] : []));
}

describe("indentation variants of the fixtures", () => {
  it("leaves every file Python rejects byte-identical with Python's line, and guards every file it accepts faithfully in the file's own unit", async () => {
    const engine = Engine.create({ parser: nodePythonParser,  transforms: TRANSFORMS, unsafeFixes: true, prefilter: false });
    // The way big files are read (in slices, fixed through a condensed view), forced on every file.
    const condensing = Engine.create({ parser: nodePythonParser,  transforms: TRANSFORMS, unsafeFixes: true, prefilter: false, condenseAbove: 0 });
    const all = variants();
    const dir = mkdtempSync(join(tmpdir(), "mainguard-indent-"));
    const inputs = all.map((variant, i) => {
      const path = join(dir, `${i}.py`);
      writeFileSync(path, variant.text);
      return path;
    });
    const verdicts = python("compile_verdicts.py", inputs).map((line) => JSON.parse(line) as Verdict);
    expect(verdicts).toHaveLength(all.length);

    const wrong: string[] = [];
    const pairs: string[] = [];
    let rejected = 0;
    let rewritten = 0;
    for (const [i, variant] of all.entries()) {
      const verdict = verdicts[i]!;
      const result = await engine.run(variant.text, inputs[i]!, { fix: true });
      const condensed = await condensing.run(variant.text, inputs[i]!, { fix: true });
      if (condensed.output !== result.output || JSON.stringify(condensed.skipped) !== JSON.stringify(result.skipped)) {
        wrong.push(`${variant.name}: read in slices, ${JSON.stringify(condensed.skipped ?? "fixed")}; read whole, ${JSON.stringify(result.skipped ?? "fixed")}`);
      }
      if (!verdict.ok) {
        rejected++;
        if (result.output !== variant.text) wrong.push(`${variant.name}: Python rejects it (${verdict.message}, line ${verdict.line}), yet it was rewritten`);
        else if (result.skipped?.kind !== "syntax-error") wrong.push(`${variant.name}: Python rejects it (${verdict.message}, line ${verdict.line}); mainguard reported no syntax error`);
        else if (result.skipped.line !== verdict.line) {
          wrong.push(`${variant.name}: Python rejects line ${verdict.line} (${verdict.message}); mainguard named line ${result.skipped.line} (${result.skipped.message})`);
        }
        continue;
      }
      if (result.output === variant.text) continue;
      rewritten++;
      const output = join(dir, `${i}.out.py`);
      writeFileSync(output, result.output);
      pairs.push(inputs[i]!, output);
      // New guards only: a statement moved into an existing guard takes that guard's indentation.
      if (!variant.text.includes("__main__") && verdict.unit !== null && /^( +|\t)$/.test(verdict.unit)) {
        for (const indent of guardBodyIndents(result.output)) {
          if (indent !== verdict.unit) wrong.push(`${variant.name}: guard body indented ${JSON.stringify(indent)}, the file's unit is ${JSON.stringify(verdict.unit)}`);
        }
      }
    }
    for (const line of pairs.length ? python("guard_equivalence.py", pairs) : []) {
      const check = JSON.parse(line) as { before: string; ok: boolean | null; reason: string };
      if (check.ok !== true) wrong.push(`${all[inputs.indexOf(check.before)]!.name}: ${check.reason}`);
    }
    console.log(`${all.length} indentation variants: ${rejected} rejected by Python and left as they were, ${rewritten} rewritten and confirmed by Python's ast`);
    expect(wrong).toEqual([]);
    expect(rejected).toBeGreaterThan(all.length / 10);
    expect(rewritten).toBeGreaterThan(all.length / 10);
  }, 600_000);
});
