import type { JudgedResult } from "../report/outcome.js";
import { data, property } from "./github.js";

/** One annotation per reported result still open: a warning for a fixable one, a notice for the rest. */
export function formatVerdictGithub(judged: readonly JudgedResult[]): string {
  return judged
    .filter((entry) => entry.status !== "fixed")
    .map(({ path, result, verdict }) => {
      const level = verdict.verdict === "fixable" ? "warning" : "notice";
      const where = `file=${property(path)},line=${result.line}${result.column ? `,col=${result.column}` : ""}`;
      return `::${level} ${where},title=${property(`mainguard: ${result.ruleId} ${verdict.verdict}`)}::${data(verdict.explanation)}\n`;
    })
    .join("");
}
