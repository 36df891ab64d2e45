import type { Finding, SiteVerdict, TextEdit } from "./types.js";

/** One file's outcome, as the run hands it to the summary and the output formats. */
export interface FileResult {
  path: string;
  findings: Finding[];
  /**
   * Findings a fix would resolve: what the verified rewrite applied when one was made, else (in
   * report mode, where nothing is rewritten) the findings that carry an applicable fix.
   */
  fixable: number;
  /** Findings silenced by `# mainguard: ignore`. */
  suppressed: number;
  /** Why the file was not checked or not fixed; `fatal` problems (unreadable) make the exit code 2. */
  problem?: { message: string; fatal: boolean };
  /**
   * Set when fixes were applied: the bytes read and the fixed bytes, the edits between their texts,
   * and the findings the fixed text still holds (at its positions).
   */
  change?: { original: Uint8Array; output: Uint8Array; applied: number; edits: TextEdit[]; remaining: Finding[] };
  /** `--from-report`: the verdict on each line the report names in this file, in the order given. */
  verdicts?: SiteVerdict[];
}

/** A file with nothing to report: no finding, no fix, no problem, nothing suppressed. */
export function isClean(file: FileResult): boolean {
  return file.findings.length === 0 && !file.problem && !file.change && file.suppressed === 0 && file.verdicts === undefined;
}

export function cleanResult(path: string): FileResult {
  return { path, findings: [], fixable: 0, suppressed: 0 };
}
