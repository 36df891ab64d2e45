/**
 * The end of a `--from-report` run: each result joined with its file's verdict, printed in the
 * chosen format, summed up. Loaded only for such a run.
 */
import type { FileResult } from "../file-result.js";
import { filePatches } from "../output/file-patches.js";
import { formatVerdictGithub } from "../output/verdict-github.js";
import { formatVerdictJson } from "../output/verdict-json.js";
import { formatVerdictSarif } from "../output/verdict-sarif.js";
import { formatVerdicts, verdictSummary } from "../output/verdict-text.js";
import type { Colors } from "../output/colors.js";
import { judgedResults, type FromReport, type RunMode } from "../report/outcome.js";

/** The run's settings that shape its output. */
export interface OutputSettings {
  mode: RunMode;
  format: "text" | "json" | "sarif" | "github";
  quiet: boolean;
  out: Colors;
}

/** Prints the verdicts (text on stdout, or on stderr with --dry-run, whose stdout is the patch); returns the summary line and how many fixable results are not fixed. */
export function reportOutcome(fromReport: FromReport, results: readonly FileResult[], written: ReadonlySet<string>, settings: OutputSettings): { summary: string; pending: number } {
  const { format, mode } = settings;
  const judged = judgedResults(fromReport.byPath, results, mode, written);
  // A dry run's JSON and SARIF carry the fixes: stdout holds one document.
  const patches = mode === "dry-run" && (format === "json" || format === "sarif") ? filePatches(results) : undefined;
  if (format === "json") process.stdout.write(formatVerdictJson(judged, patches));
  else if (format === "sarif") process.stdout.write(formatVerdictSarif(fromReport.report, judged, patches));
  else if (format === "github") process.stdout.write(formatVerdictGithub(judged));
  else if (mode !== "dry-run") process.stdout.write(formatVerdicts(judged, settings.out));
  else if (!settings.quiet) process.stderr.write(formatVerdicts(judged, settings.out));
  return {
    summary: verdictSummary(judged, { otherRules: fromReport.report.otherRules, outside: fromReport.outside }),
    pending: judged.filter((entry) => entry.verdict.verdict === "fixable" && entry.status !== "fixed").length,
  };
}
