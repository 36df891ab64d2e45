import type { FileResult } from "./process-file.js";

export interface RunTotals {
  files: number;
  findings: number;
  fixable: number;
  fixed: number;
  fixedFiles: number;
  skipped: number;
  notWritten: number;
}

export function totals(results: readonly FileResult[], written: ReadonlySet<string>): RunTotals {
  const sum: RunTotals = { files: results.length, findings: 0, fixable: 0, fixed: 0, fixedFiles: 0, skipped: 0, notWritten: 0 };
  for (const file of results) {
    sum.findings += file.findings.length;
    if (file.problem) sum.skipped++;
    sum.fixable += file.fixable;
    if (file.change) {
      if (written.has(file.path)) {
        sum.fixed += file.change.applied;
        sum.fixedFiles++;
      } else sum.notWritten++;
    }
  }
  return sum;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** The one-line end-of-run summary (stderr). */
export function summaryLine(sum: RunTotals, mode: "report" | "dry-run" | "write"): string {
  const parts = [`${plural(sum.files, "file")} scanned`, plural(sum.findings, "finding")];
  if (mode === "write") parts.push(`${sum.fixed} fixed in ${plural(sum.fixedFiles, "file")}`);
  else if (sum.fixable > 0) parts.push(`${sum.fixable} fixable with --write`);
  if (sum.skipped > 0) parts.push(`${sum.skipped} skipped`);
  if (mode === "write" && sum.notWritten > 0) parts.push(`${sum.notWritten} not written`);
  return parts.join(", ") + ".";
}
