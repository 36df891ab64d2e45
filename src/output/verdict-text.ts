import type { Colors } from "./colors.js";
import type { FixStatus, JudgedResult } from "../report/outcome.js";
import type { VerdictKind } from "../types.js";

/** The verdicts in the order they are shown, with their headings. */
const HEADINGS: ReadonlyArray<[VerdictKind, string]> = [
  ["fixable", "fixable"],
  ["ignored", "silenced by # mainguard: ignore"],
  ["unfixable", "at import time, no fix"],
  ["guarded", "already guarded"],
  ["in-function", "in a function"],
  ["not-a-server", "not a server start"],
  ["stale", "stale"],
  ["unparsable", "unparsable"],
];

const STATUS: Record<FixStatus, string> = {
  fixed: "fixed",
  "in-patch": "in the patch",
  pending: "fixable with --write",
  "needs-unsafe-fixes": "needs --unsafe-fixes",
  left: "not fixed",
};

/** The results grouped by verdict, a heading with its count over each group's `path:line:col: RULE explanation; status`. */
export function formatVerdicts(judged: readonly JudgedResult[], colors: Colors): string {
  let out = "";
  for (const [kind, heading] of HEADINGS) {
    const group = judged.filter((entry) => entry.verdict.verdict === kind);
    if (group.length === 0) continue;
    out += `${colors.bold(`${heading} (${group.length})`)}\n`;
    for (const { path, result, verdict, status } of group) {
      const where = `${colors.bold(path)}:${result.line}:${result.column ?? 1}:`;
      const tail = status ? `; ${status === "fixed" || status === "in-patch" ? colors.green(STATUS[status]) : colors.yellow(STATUS[status])}` : "";
      out += `  ${where} ${colors.red(result.ruleId)} ${verdict.explanation}${tail}\n`;
    }
  }
  return out;
}

const SUMMARY_WORDS: Record<VerdictKind, string> = {
  fixable: "fixable",
  ignored: "silenced",
  unfixable: "at import time with no fix",
  guarded: "already guarded",
  "in-function": "in a function",
  "not-a-server": "not a server start",
  stale: "stale",
  unparsable: "unparsable",
};

/** How the fixable results ended, in a few words: " (fixed)", " (7 fixed, 2 need --unsafe-fixes)", " with --write". */
function fixableNote(fixable: readonly JudgedResult[]): string {
  const counts = new Map<FixStatus, number>();
  for (const entry of fixable) counts.set(entry.status!, (counts.get(entry.status!) ?? 0) + 1);
  const word = (status: FixStatus) =>
    status === "pending" ? "with --write" : status === "needs-unsafe-fixes" && counts.get(status)! > 1 ? "need --unsafe-fixes" : STATUS[status];
  if (counts.size === 1) {
    const only = [...counts.keys()][0]!;
    return only === "pending" ? " with --write" : ` (${word(only)})`;
  }
  const order: readonly FixStatus[] = ["fixed", "in-patch", "pending", "needs-unsafe-fixes", "left"];
  return ` (${order.filter((status) => counts.has(status)).map((status) => `${counts.get(status)} ${word(status)}`).join(", ")})`;
}

/** The end-of-run line: "12 reported: 9 fixable (fixed), 2 already guarded, 1 stale." */
export function verdictSummary(judged: readonly JudgedResult[], left: { otherRules: number; outside: number }): string {
  const parts: string[] = [];
  for (const [kind] of HEADINGS) {
    const group = judged.filter((entry) => entry.verdict.verdict === kind);
    if (group.length === 0) continue;
    parts.push(`${group.length} ${SUMMARY_WORDS[kind]}${kind === "fixable" ? fixableNote(group) : ""}`);
  }
  let line = `${judged.length} reported${parts.length > 0 ? `: ${parts.join(", ")}` : ""}.`;
  const aside: string[] = [];
  if (left.otherRules > 0) aside.push(`${left.otherRules} result${left.otherRules === 1 ? "" : "s"} of other rules`);
  if (left.outside > 0) aside.push(`${left.outside} outside the paths given`);
  if (aside.length > 0) line += ` Left out: ${aside.join(", ")}.`;
  return line;
}
