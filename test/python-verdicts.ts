/** Python's own verdict on sources written to files (test/python/compile_verdicts.py): the reference the engine's syntax checks are held to. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import { TRANSFORMS } from "../transforms/index.js";

export interface Verdict {
  ok: boolean;
  line: number;
  column: number;
  message: string;
}

/** Writes each source to a file of its own and asks Python's `compile()` about each: the paths and the verdicts, in order. */
export function compileVerdicts(sources: readonly string[], prefix: string): { paths: string[]; verdicts: Verdict[] } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const paths = sources.map((source, i) => {
    const path = join(dir, `${i}.py`);
    writeFileSync(path, source);
    return path;
  });
  const script = resolve(import.meta.dirname, "python/compile_verdicts.py");
  const verdicts = execFileSync("python3", [script, ...paths], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Verdict);
  return { paths, verdicts };
}

/**
 * Fixes each source (one start each) with every transform and holds the result to Python's
 * verdict: a file `compile()` accepts gets its one fix; a file it rejects is left as it is, with
 * Python's line, column and message as the skip reason. Returns how many Python rejected.
 */
export async function expectPythonsVerdicts(sources: readonly string[], labels: readonly string[], prefix: string): Promise<number> {
  const { paths, verdicts } = compileVerdicts(sources, prefix);
  const engine = Engine.create({ parser: nodePythonParser, transforms: TRANSFORMS });
  let rejected = 0;
  for (const [i, source] of sources.entries()) {
    const result = await engine.run(source, paths[i]!, { fix: true });
    const verdict = verdicts[i]!;
    if (verdict.ok) {
      expect(result.skipped, labels[i]).toBeUndefined();
      expect(result.applied, labels[i]).toBe(1);
      continue;
    }
    rejected++;
    expect(result.skipped, labels[i]).toEqual({ kind: "syntax-error", line: verdict.line, column: verdict.column, message: verdict.message });
    expect(result.output, labels[i]).toBe(source);
  }
  return rejected;
}
