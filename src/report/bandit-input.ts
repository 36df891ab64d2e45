import { dirname, resolve } from "node:path";
import { locate } from "./locate.js";
import { concernOf, type KnownRule } from "./rule-table.js";
import { ReportError, type ReportedResult } from "./reported.js";

type Json = Record<string, unknown>;

/** Whether a JSON document is bandit's report (`bandit -f json`): `results` beside `metrics` or `generated_at`. */
export function isBanditReport(document: Json): boolean {
  return Array.isArray(document.results) && ("metrics" in document || "generated_at" in document);
}

/** The results of bandit's JSON report whose tests are in `rules`, with their files located. */
export function readBandit(document: Json, report: string, cwd: string, rules: readonly KnownRule[]): { taken: ReportedResult[]; otherRules: number } {
  const reportFolder = dirname(resolve(cwd, report));
  const taken: ReportedResult[] = [];
  let otherRules = 0;
  for (const [index, value] of (document.results as unknown[]).entries()) {
    const result = (typeof value === "object" && value !== null ? value : {}) as Json;
    const testId = typeof result.test_id === "string" ? result.test_id : undefined;
    const concern = testId === undefined ? undefined : concernOf(testId, rules);
    if (testId === undefined || concern === undefined) {
      otherRules++;
      continue;
    }
    const { filename, line_number: line, col_offset: offset } = result;
    if (typeof filename !== "string") throw new ReportError(`${report}: results[${index}] (${testId}) has no filename`);
    if (typeof line !== "number" || !Number.isInteger(line)) throw new ReportError(`${report}: results[${index}] (${testId}) has no line_number`);
    taken.push({
      run: 0,
      result: index,
      ruleId: testId,
      concern,
      ...locate(filename, { reportFolder, cwd }, report),
      line,
      // bandit's columns count from 0.
      ...(typeof offset === "number" ? { column: offset + 1 } : {}),
      message: typeof result.issue_text === "string" ? result.issue_text : "",
    });
  }
  return { taken, otherRules };
}
