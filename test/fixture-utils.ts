import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TRANSFORMS } from "../transforms/index.js";
import { createMainguard, type MainguardOptions } from "../src/index.js";

export const FIXTURES = resolve(import.meta.dirname, "../__testfixtures__");

export interface FixtureCase {
  name: string;
  inputPath: string;
  /** Absent for negative cases: the input must come out byte-identical. */
  outputPath?: string;
  /** `<case>.findings.txt`: the expected findings, one `line:col: CODE message` per line; none when absent. */
  findingsPath?: string;
  /** `unsafe-<case>`: its fix is unsafe, so the output is what `--unsafe-fixes` makes (safe mode changes nothing). */
  unsafe: boolean;
}

/** The cases of a transform: `<case>.input.py`, with `<case>.output.py` unless nothing may change. */
export function fixtureCases(transform: string): FixtureCase[] {
  const directory = join(FIXTURES, transform);
  return readdirSync(directory)
    .filter((file) => file.endsWith(".input.py"))
    .sort()
    .map((file) => {
      const name = file.slice(0, -".input.py".length);
      const outputPath = join(directory, `${name}.output.py`);
      const findingsPath = join(directory, `${name}.findings.txt`);
      return {
        name,
        unsafe: name.startsWith("unsafe-"),
        inputPath: join(directory, file),
        ...(existsSync(outputPath) ? { outputPath } : {}),
        ...(existsSync(findingsPath) ? { findingsPath } : {}),
      };
    });
}

interface PythonVerdict {
  ok: boolean;
  reason: string;
  newly_guarded: number;
}

/** Python's own verdict on each pair: the output parses and is the input with guards spliced in. */
function pythonVerdicts(cases: FixtureCase[]): Map<string, PythonVerdict> {
  const pairs = cases.flatMap((c) => (c.outputPath ? [c.inputPath, c.outputPath] : []));
  if (pairs.length === 0) return new Map();
  let stdout: string;
  try {
    stdout = execFileSync("python3", [join(import.meta.dirname, "python/guard_equivalence.py"), ...pairs], { encoding: "utf8" });
  } catch (error) {
    stdout = String((error as { stdout?: string }).stdout ?? "");
  }
  const verdicts = new Map<string, PythonVerdict>();
  for (const line of stdout.trim().split("\n").filter(Boolean)) {
    const verdict = JSON.parse(line) as PythonVerdict & { before: string };
    verdicts.set(verdict.before, verdict);
  }
  return verdicts;
}

/**
 * One test per fixture case, as jscodeshift's defineTest: the transform alone on each input gives
 * exactly the output, Python's ast agrees, and a second pass changes nothing.
 */
export function defineFixtureTests(transform: string, options: MainguardOptions = {}): void {
  const cases = fixtureCases(transform);
  const only = TRANSFORMS.filter((candidate) => candidate.name === transform);
  if (only.length !== 1) throw new Error(`no transform named ${transform}`);
  describe(`${transform} fixtures`, () => {
    let verdicts: Map<string, PythonVerdict>;
    beforeAll(() => {
      verdicts = pythonVerdicts(cases);
    });

    it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, fixture) => {
      const mainguard = await createMainguard({ transforms: only, ...options, ...(fixture.unsafe ? { unsafeFixes: true } : {}) });
      if (fixture.unsafe && !options.unsafeFixes) {
        // Without --unsafe-fixes, an unsafe- case is reported, marked unsafe, and left as it is.
        const input = readFileSync(fixture.inputPath, "utf8");
        const safe = await (await createMainguard({ transforms: only, ...options })).fix(input, fixture.inputPath);
        expect(safe.output).toBe(input);
        expect(safe.findings.map((finding) => finding.fix?.applicability)).toContain("unsafe");
      }
      const input = readFileSync(fixture.inputPath, "utf8");
      const result = await mainguard.fix(input, fixture.inputPath);
      // A case without a findings file expects none: a report-only rule's negative cases mean it.
      const shown = result.findings.map((f) => `${f.start.line}:${f.start.column}: ${f.rule} ${f.message}\n`).join("");
      expect(shown).toBe(fixture.findingsPath ? readFileSync(fixture.findingsPath, "utf8") : "");
      if (!fixture.outputPath) {
        expect(result.output).toBe(input);
        expect(result.applied).toBe(0);
        expect(result.findings.filter((finding) => finding.fix)).toEqual([]);
        return;
      }
      const expected = readFileSync(fixture.outputPath, "utf8");
      expect(result.skipped).toBeUndefined();
      expect(result.output).toBe(expected);
      expect(result.applied).toBeGreaterThan(0);

      const verdict = verdicts.get(fixture.inputPath);
      expect(verdict, "python3 gave no verdict").toBeDefined();
      expect(verdict!.reason).toBe("");
      expect(verdict!.ok).toBe(true);
      expect(verdict!.newly_guarded).toBe(result.guarded);

      const second = await mainguard.fix(result.output, fixture.outputPath);
      expect(second.findings).toEqual([]);
      expect(second.output).toBe(result.output);
    });
  });
}
