import type { JudgedResult } from "../report/outcome.js";

/** The reported results with their verdicts, as a JSON array (documented in the README). */
export function formatVerdictJson(judged: readonly JudgedResult[]): string {
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
  return JSON.stringify(entries, null, 2) + "\n";
}
