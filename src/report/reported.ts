import type { Concern } from "../types.js";

/** One place a scanner's result points at, of a rule `--from-report` takes. */
export interface ReportedResult {
  /** Where the report holds it: `runs[run].results[result]` (one per location of that result); bandit's `results[result]` (run 0). */
  run: number;
  result: number;
  ruleId: string;
  concern: Concern;
  /** The file, absolute. */
  file: string;
  /** Set when the file does not exist: the error to give if the run needs it. */
  missing?: string;
  /** 1-based. */
  line: number;
  column?: number;
  message: string;
}

export type ReportFormat = "sarif" | "bandit";

/** A scanner's report, read: the results taken, and the document itself (the SARIF output starts from it). */
export interface Report {
  path: string;
  format: ReportFormat;
  taken: ReportedResult[];
  /** Results of rules mainguard does not take. */
  otherRules: number;
  document: Record<string, unknown>;
}

/** A report mainguard cannot use: the message is one line naming the report and the reason. */
export class ReportError extends Error {}
