import type { FileResult } from "../file-result.js";
import type { Finding } from "../types.js";

export type Mode = "report" | "dry-run" | "write" | "interactive";

export interface RunTotals {
  files: number;
  findings: number;
  fixable: number;
  fixed: number;
  fixedFiles: number;
  skipped: number;
  suppressed: number;
  notWritten: number;
  /** Files not written because they hold uncommitted work (the clean-tree guard). */
  uncommitted: number;
  /** Findings whose fix is unsafe and was not enabled (ruff's "hidden fixes"). */
  unsafeHidden: number;
}

/** The findings of a file still pending: all of them, unless its fix was written (then the fixed file's, at its positions). */
export function remainingFindings(file: FileResult, written: ReadonlySet<string>): Finding[] {
  return written.has(file.path) && file.change ? file.change.remaining : file.findings;
}

/** Totals over `files` checked files, of which `results` are those with something to say. */
export function totals(files: number, results: readonly FileResult[], written: ReadonlySet<string>, uncommitted: ReadonlySet<string> = new Set()): RunTotals {
  const sum: RunTotals = { files, findings: 0, fixable: 0, fixed: 0, fixedFiles: 0, skipped: 0, suppressed: 0, notWritten: 0, uncommitted: 0, unsafeHidden: 0 };
  for (const file of results) {
    sum.findings += file.findings.length;
    sum.unsafeHidden += file.findings.filter((finding) => finding.fix?.applicability === "unsafe" && !finding.fix.enabled).length;
    sum.fixable += file.fixable;
    sum.suppressed += file.suppressed;
    if (file.problem) sum.skipped++;
    if (!file.change) continue;
    if (written.has(file.path)) {
      sum.fixed += file.change.applied;
      sum.fixedFiles++;
    } else if (uncommitted.has(file.path)) sum.uncommitted++;
    else sum.notWritten++;
  }
  return sum;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** The one-line end-of-run summary (stderr). */
export function summaryLine(sum: RunTotals, mode: Mode): string {
  const parts = [`${plural(sum.files, "file")} scanned`, plural(sum.findings, "finding")];
  const writes = mode === "write" || mode === "interactive";
  if (writes) parts.push(`${sum.fixed} fixed in ${plural(sum.fixedFiles, "file")}`);
  else if (sum.fixable > 0) parts.push(`${sum.fixable} fixable with --write`);
  if (sum.unsafeHidden > 0) parts.push(`${sum.unsafeHidden} more fixable with --unsafe-fixes`);
  if (sum.suppressed > 0) parts.push(`${sum.suppressed} suppressed`);
  if (sum.skipped > 0) parts.push(`${sum.skipped} skipped`);
  if (writes && sum.notWritten > 0) parts.push(`${sum.notWritten} not written`);
  if (writes && sum.uncommitted > 0) parts.push(`${plural(sum.uncommitted, "file")} with uncommitted work left alone`);
  return parts.join(", ") + ".";
}
