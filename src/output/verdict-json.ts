import type { JudgedResult } from "../report/outcome.js";
import type { FilePatch } from "./file-patches.js";
import { patchesJson } from "./json.js";

/** The reported results with their verdicts, as a JSON array (documented in the README); with
 * `patches` (a `--dry-run`), an object holding that array as `results` and the fixes as `files`. */
export function formatVerdictJson(judged: readonly JudgedResult[], patches?: readonly FilePatch[]): string {
  const entries = judged.map(({ path, result, verdict, status }) => ({
    path,
    line: result.line,
    column: result.column ?? null,
    rule_id: result.ruleId,
    message: result.message,
    verdict: verdict.verdict,
    explanation: verdict.explanation,
    finding: verdict.finding ? { code: verdict.finding.rule, line: verdict.finding.line, applicability: verdict.finding.applicability } : null,
    fix: status ?? null,
  }));
  if (!patches) return JSON.stringify(entries, null, 2) + "\n";
  return JSON.stringify({ results: entries, files: patchesJson(patches) }, null, 2) + "\n";
}
