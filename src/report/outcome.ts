import type { FileResult } from "../file-result.js";
import type { SiteVerdict, Site } from "../types.js";
import { shownPath } from "./read-report.js";
import type { Report, ReportedResult } from "./reported.js";

/**
 * What became of a fixable result: written; in the `--dry-run` patch; fixable with `--write`
 * (report mode); needing `--unsafe-fixes`; or left as it was (uncommitted work, declined in
 * review, or a fix that could not be verified: the run says which, per file).
 */
export type FixStatus = "fixed" | "in-patch" | "pending" | "needs-unsafe-fixes" | "left";

/** A reported result, with the path the run shows and mainguard's verdict on it. */
export interface JudgedResult {
  result: ReportedResult;
  path: string;
  verdict: SiteVerdict;
  /** For `fixable` results. */
  status?: FixStatus;
}

export type RunMode = "report" | "dry-run" | "write" | "interactive";

/**
 * What a run takes from a report: the report, its results in the run's paths by the file the run
 * shows and the lines each file's verdicts are asked for, how many it names elsewhere;
 * `allFindings` fixes every finding of those files, not only the reported ones.
 */
export interface FromReport {
  report: Report;
  byPath: Map<string, ReportedResult[]>;
  sites: Record<string, Site[]>;
  outside: number;
  allFindings: boolean;
}

/** The results of each file the run checks, as the path it shows (relative to the current directory inside it). */
export function resultsByPath(results: readonly ReportedResult[], cwd: string): Map<string, ReportedResult[]> {
  const byPath = new Map<string, ReportedResult[]>();
  for (const result of results) {
    const path = shownPath(result.file, cwd);
    byPath.set(path, [...(byPath.get(path) ?? []), result]);
  }
  return byPath;
}

/** The lines each file's verdicts are asked for, in the order of its results. */
export function sitesOf(byPath: ReadonlyMap<string, readonly ReportedResult[]>): Record<string, Site[]> {
  return Object.fromEntries([...byPath].map(([path, results]) => [path, results.map(({ line, concern }) => ({ line, concern }))]));
}

function statusOf(verdict: SiteVerdict, file: FileResult, mode: RunMode, written: ReadonlySet<string>): FixStatus | undefined {
  if (verdict.verdict !== "fixable" || !verdict.finding) return undefined;
  const { rule, line } = verdict.finding;
  const finding = file.findings.find((candidate) => candidate.rule === rule && candidate.start.line === line);
  if (verdict.finding.applicability === "unsafe" && !finding?.fix?.enabled) return "needs-unsafe-fixes";
  if (mode === "report") return "pending";
  if (mode === "dry-run") return file.change ? "in-patch" : "left";
  return written.has(file.path) ? "fixed" : "left";
}

/** Each result joined with its file's verdict, in the report's order within each file, files in path order. */
export function judgedResults(byPath: ReadonlyMap<string, readonly ReportedResult[]>, files: readonly FileResult[], mode: RunMode, written: ReadonlySet<string>): JudgedResult[] {
  const fileOf = new Map(files.map((file) => [file.path, file]));
  const judged: JudgedResult[] = [];
  for (const path of [...byPath.keys()].sort()) {
    const file = fileOf.get(path);
    for (const [i, result] of byPath.get(path)!.entries()) {
      // A file whose check failed (mainguard's own error) has no verdicts: its problem was reported.
      const verdict = file?.verdicts?.[i] ?? { verdict: "unparsable" as const, explanation: file?.problem?.message ?? "mainguard could not check this file" };
      const status = file ? statusOf(verdict, file, mode, written) : undefined;
      judged.push({ result, path, verdict, ...(status ? { status } : {}) });
    }
  }
  return judged;
}
