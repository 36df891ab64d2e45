import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { isBanditReport, readBandit } from "./bandit-input.js";
import type { KnownRule } from "./rule-table.js";
import { ReportError, type Report, type ReportedResult } from "./reported.js";
import { readSarif } from "./sarif-input.js";
import { LineIndex } from "../line-index.js";

/** The 1-based line of a character offset, for a JSON syntax error's message. */
const lineAt = (text: string, offset: number) => new LineIndex(text).position(offset).line;

/** Reads a SARIF 2.1.0 log or bandit's JSON report at `path` and takes the results of `rules`. */
export function readReport(path: string, cwd: string, rules: readonly KnownRule[]): Report {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportError(`${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a report" : `cannot read the report (${code})`}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    // V8 gives a position for some errors, and for others a quote of the text around it, which
    // may span lines: keep the reason alone, on one line, with the line number when known.
    const message = (error as Error).message;
    const position = /in JSON at position (\d+)/.exec(message);
    const reason = message.replace(/\s*in JSON at position \d+[^]*$/, "").replace(/, (?:\.\.\.)?"[^]*" is not valid JSON$/, "");
    throw new ReportError(`${path}${position ? `:${lineAt(text, Number(position[1]))}` : ""}: not valid JSON (${reason.split("\n")[0]})`);
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) throw new ReportError(`${path}: not a SARIF log or a bandit JSON report`);
  const json = document as Record<string, unknown>;
  if ("runs" in json || "version" in json || typeof json.$schema === "string") {
    const { taken, otherRules } = readSarif(json, path, cwd, rules);
    return { path, format: "sarif", taken, otherRules, document: json };
  }
  if (isBanditReport(json)) {
    const { taken, otherRules } = readBandit(json, path, cwd, rules);
    return { path, format: "bandit", taken, otherRules, document: json };
  }
  throw new ReportError(`${path}: not a SARIF log or a bandit JSON report`);
}

/** How many lines a file's bytes hold, as Python counts them (LF, CRLF or a lone CR ends one). */
function lineCount(bytes: Buffer): number {
  const text = bytes.toString("latin1");
  if (text.length === 0) return 0;
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  return /[\r\n]$/.test(text) ? breaks : breaks + 1;
}

/** A path as the run shows it: relative to the current directory when inside it. */
export function shownPath(file: string, cwd: string): string {
  const path = relative(cwd, file);
  return path === "" || path.startsWith("..") || isAbsolute(path) ? file : path;
}

/** The taken results in `paths` (all of them when none are given). */
export function resultsWithin(report: Report, paths: readonly string[], cwd: string): ReportedResult[] {
  const roots = paths.map((path) => resolve(cwd, path));
  const inside = (file: string) => roots.length === 0 || roots.some((root) => file === root || file.startsWith(root.endsWith(sep) ? root : root + sep));
  return report.taken.filter((result) => inside(result.file));
}

/**
 * Checks that each result's file exists and holds the line named: a report that does not match
 * the code it names is an error.
 */
export function checkAgainstFiles(report: Report, results: readonly ReportedResult[], cwd: string): void {
  const lines = new Map<string, number>();
  for (const result of results) {
    if (result.missing) throw new ReportError(result.missing);
    let count = lines.get(result.file);
    if (count === undefined) {
      try {
        count = lineCount(readFileSync(result.file));
      } catch (error) {
        throw new ReportError(`${report.path}: names ${shownPath(result.file, cwd)}, which cannot be read (${(error as NodeJS.ErrnoException).code})`);
      }
      lines.set(result.file, count);
    }
    if (result.line < 1 || result.line > count) {
      throw new ReportError(`${report.path}: ${result.ruleId} at ${shownPath(result.file, cwd)}:${result.line}, but the file has ${count} line${count === 1 ? "" : "s"}: the report is not of this code`);
    }
  }
}
