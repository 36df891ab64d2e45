/**
 * `--from-report --format sarif`: the scanner's own log, to upload in its place. Results mainguard
 * fixed are gone (code scanning closes their alerts); the other results it judged keep their rule
 * and gain its verdict, in the message and in the properties; results of other rules are untouched.
 * A bandit JSON report becomes the SARIF log bandit would write for it.
 */
import type * as Sarif from "sarif";
import type { JudgedResult } from "../report/outcome.js";
import type { Report } from "../report/reported.js";
import type { FilePatch } from "./file-patches.js";
import { sarifPatches } from "./sarif.js";

const key = (run: number, result: number) => `${run}/${result}`;

/** The judged results by the report result they came from (a SARIF result may have several locations). */
function byReportResult(judged: readonly JudgedResult[]): Map<string, JudgedResult[]> {
  const grouped = new Map<string, JudgedResult[]>();
  for (const entry of judged) {
    const id = key(entry.result.run, entry.result.result);
    grouped.set(id, [...(grouped.get(id) ?? []), entry]);
  }
  return grouped;
}

/** A result's verdicts, for its message and its properties; undefined when every location was fixed (the result goes). */
function annotate<T extends { message?: { text?: string }; properties?: Record<string, unknown> }>(result: T, entries: readonly JudgedResult[] | undefined): T | undefined {
  if (!entries) return result;
  const open = entries.filter((entry) => entry.status !== "fixed");
  if (open.length === 0) return undefined;
  const first = open[0]!.verdict;
  const note = `[mainguard: ${first.verdict}: ${first.explanation}]`;
  return {
    ...result,
    message: { ...result.message, text: result.message?.text ? `${result.message.text} ${note}` : note },
    properties: {
      ...result.properties,
      "mainguard/verdict": first.verdict,
      "mainguard/explanation": first.explanation,
      ...(open.length > 1 ? { "mainguard/verdicts": open.map((entry) => ({ line: entry.result.line, verdict: entry.verdict.verdict, explanation: entry.verdict.explanation })) } : {}),
    },
  };
}

function fromSarif(log: Sarif.Log, grouped: Map<string, JudgedResult[]>): Sarif.Log {
  return {
    ...log,
    runs: log.runs.map((run, runIndex) => ({
      ...run,
      ...(run.results
        ? { results: run.results.flatMap((result, index) => annotate(result as Sarif.Result & { properties?: Record<string, unknown> }, grouped.get(key(runIndex, index))) ?? []) }
        : {}),
    })),
  };
}

interface BanditResult {
  filename?: string;
  line_number?: number;
  col_offset?: number;
  test_id?: string;
  test_name?: string;
  issue_text?: string;
  issue_severity?: string;
  issue_confidence?: string;
  more_info?: string;
}

const LEVEL: Record<string, Sarif.Result.level> = { HIGH: "error", MEDIUM: "warning", LOW: "note" };

function fromBandit(results: readonly BanditResult[], grouped: Map<string, JudgedResult[]>): Sarif.Log {
  const rules = new Map<string, Sarif.ReportingDescriptor>();
  const converted: Sarif.Result[] = [];
  for (const [index, result] of results.entries()) {
    const testId = result.test_id ?? "unknown";
    if (!rules.has(testId)) rules.set(testId, { id: testId, ...(result.test_name ? { name: result.test_name } : {}), ...(result.more_info ? { helpUri: result.more_info } : {}) });
    const sarif: Sarif.Result & { properties?: Record<string, unknown> } = {
      ruleId: testId,
      level: LEVEL[result.issue_severity ?? ""] ?? "warning",
      message: { text: result.issue_text ?? "" },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI((result.filename ?? "").replace(/\\/g, "/").replace(/^\.\//, "")) },
            region: { startLine: result.line_number ?? 1, ...(typeof result.col_offset === "number" ? { startColumn: result.col_offset + 1 } : {}) },
          },
        },
      ],
      properties: { issue_severity: result.issue_severity, issue_confidence: result.issue_confidence },
    };
    const kept = annotate(sarif, grouped.get(key(0, index)));
    if (kept) converted.push(kept);
  }
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "Bandit", informationUri: "https://github.com/PyCQA/bandit", rules: [...rules.values()] } }, results: converted }],
  };
}

/** The scanner's own log with the verdicts; with `patches` (a `--dry-run`), each file's fix in its first run's property bag. */
export function formatVerdictSarif(report: Report, judged: readonly JudgedResult[], patches?: readonly FilePatch[]): string {
  const grouped = byReportResult(judged);
  const log = report.format === "sarif" ? fromSarif(report.document as unknown as Sarif.Log, grouped) : fromBandit(report.document.results as BanditResult[], grouped);
  const first = log.runs[0];
  if (patches && first) first.properties = { ...first.properties, ...sarifPatches(patches) };
  return JSON.stringify(log, null, 2) + "\n";
}
