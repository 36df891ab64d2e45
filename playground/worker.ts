/**
 * The engine in a Web Worker: the same core as the CLI (src/core.ts), with web-tree-sitter and the
 * grammar loaded from beside this script (never from a CDN), so that typing never waits for a parse.
 * One analysis is kept and updated with each new text, as the language server does: an edit
 * re-parses from the previous tree instead of from nothing.
 */
import { parse as parseToml } from "smol-toml";
import { Language, Parser } from "web-tree-sitter";
import { changeBetween, ConfigError, configTable, createAnalyzer, fixResult, RULES, type Analysis, type Analyzer, type ConfigTable } from "../src/core.js";
import { HAS_TABLE } from "../src/config/table.js";
import { skipMessage } from "../src/engine/skip-messages.js";
import { formatRule } from "../src/output/rule-docs.js";
import { unifiedHunks } from "../src/output/unified-hunks.js";
import type { Failure, Request, Response, ShownFinding } from "./protocol.js";

/** The name the code has in messages and in the diff. */
const PATH = "playground.py";
const SETTINGS_PATH = "pyproject.toml";

const parser = (async () => {
  await Parser.init({ locateFile: () => new URL("./tree-sitter.wasm", import.meta.url).href });
  const response = await fetch(new URL("./tree-sitter-python.wasm", import.meta.url));
  if (!response.ok) throw new Error(`the Python grammar could not be loaded (HTTP ${response.status})`);
  const language = await Language.load(new Uint8Array(await response.arrayBuffer()));
  const loaded = new Parser();
  loaded.setLanguage(language);
  return loaded;
})();

interface Settings {
  analyzer: Analyzer;
  error?: string;
  note?: string;
}

let settings: { text: string; value: Settings } | undefined;
let current: { settings: Settings; analysis: Analysis } | undefined;

/** The analyzer for the settings pane's text; a table that cannot be used leaves the defaults, with its error. */
async function settingsFor(text: string): Promise<Settings> {
  if (settings?.text === text) return settings.value;
  const loaded = await parser;
  let table: ConfigTable = {};
  let error: string | undefined;
  let note: string | undefined;
  if (HAS_TABLE.test(text)) {
    try {
      table = configTable(parseToml(text), text, SETTINGS_PATH);
    } catch (problem) {
      if (problem instanceof ConfigError) error = problem.message;
      else error = `${SETTINGS_PATH}: not valid TOML: ${(problem as Error).message.split("\n")[0]}`;
    }
  } else if (/^[ \t]*[^\s#]/m.test(text)) {
    note = `${SETTINGS_PATH} has no [tool.mainguard] table: the defaults apply`;
  }
  const { exclude, extend, reportRules, ...used } = table;
  const ignored = [exclude && "exclude", extend && "extend", reportRules && "report-rules"].filter(Boolean);
  if (ignored.length > 0) note = `${ignored.join(", ")}: about trees and reports, not used on one file`;
  const analyzer = createAnalyzer({ parser: loaded, ...used });
  const value: Settings = { analyzer, ...(error ? { error } : {}), ...(note ? { note } : {}) };
  settings = { text, value };
  return value;
}

/** The current analysis brought to `code`: updated by the one change between the texts, or made anew. */
async function analysisOf(code: string, wanted: Settings): Promise<Analysis> {
  if (current && current.settings === wanted) {
    const { analysis } = current;
    if (analysis.source !== code) analysis.update([changeBetween(analysis.source, code)]);
    return analysis;
  }
  current?.analysis.dispose();
  current = undefined;
  const analysis = await wanted.analyzer.analyze(code, PATH);
  current = { settings: wanted, analysis };
  return analysis;
}

async function answer(request: Request): Promise<Response> {
  const started = performance.now();
  const wanted = await settingsFor(request.settings);
  const analysis = await analysisOf(request.code, wanted);
  const result = fixResult(analysis, request.code, { fix: true });
  const findings: ShownFinding[] = result.findings.map((finding) => ({
    rule: finding.rule,
    message: finding.message,
    reason: finding.reason,
    line: finding.start.line,
    column: finding.start.column,
    endLine: finding.end.line,
    endColumn: finding.end.column,
    ...(finding.fix ? { fix: { applicability: finding.fix.applicability, enabled: finding.fix.enabled } } : {}),
  }));
  const docs: Record<string, string> = {};
  for (const finding of findings) {
    const rule = RULES.find((doc) => doc.code === finding.rule);
    if (rule) docs[finding.rule] = formatRule(rule);
  }
  const changed = result.output !== request.code;
  return {
    id: request.id,
    findings,
    docs,
    ...(result.skipped ? { skipped: skipMessage(result.skipped) } : {}),
    ...(wanted.error ? { settingsError: wanted.error } : {}),
    ...(wanted.note ? { settingsNote: wanted.note } : {}),
    output: result.output,
    diff: changed ? `--- a/${PATH}\n+++ b/${PATH}\n${unifiedHunks(request.code, result.output)}` : "",
    took: performance.now() - started,
  };
}

self.onmessage = async (event: MessageEvent<Request>) => {
  try {
    self.postMessage(await answer(event.data));
  } catch (error) {
    const failure: Failure = { id: event.data.id, failure: error instanceof Error ? error.message : String(error) };
    self.postMessage(failure);
  }
};
