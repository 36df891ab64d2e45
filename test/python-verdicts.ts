/** Python's own verdict on sources written to files (test/python/compile_verdicts.py): the reference the engine's syntax checks are held to. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

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
