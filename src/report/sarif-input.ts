import { dirname, resolve } from "node:path";
import { absolutePath, locate, type Bases } from "./locate.js";
import { concernOf, type KnownRule } from "./rule-table.js";
import { ReportError, type ReportedResult } from "./reported.js";

type Json = Record<string, unknown>;

const object = (value: unknown): Json | undefined => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined);
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** A relative URI reference as a path: percent-escapes decoded (a malformed one is taken as written). */
function decoded(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** `run.originalUriBaseIds`, each resolved to an absolute folder (a base may sit on another base). */
function baseIds(run: Json, report: string, reportFolder: string): Map<string, string> {
  const declared = object(run.originalUriBaseIds) ?? {};
  const resolved = new Map<string, string>();
  const resolveId = (id: string, seen: Set<string>): string | undefined => {
    if (resolved.has(id)) return resolved.get(id);
    const location = object(declared[id]);
    const uri = text(location?.uri);
    if (!location || uri === undefined || seen.has(id)) return undefined;
    seen.add(id);
    const parent = text(location.uriBaseId);
    const absolute = absolutePath(uri, report);
    const base = absolute ?? (parent ? resolveId(parent, seen) : undefined) ?? reportFolder;
    const folder = absolute ?? resolve(base, decoded(uri));
    resolved.set(id, folder);
    return folder;
  };
  for (const id of Object.keys(declared)) resolveId(id, new Set());
  return resolved;
}

/** The rule id of a result: `ruleId`, `rule.id`, or the driver's rule at `rule.index`. */
function ruleIdOf(result: Json, run: Json): string | undefined {
  const rule = object(result.rule);
  const index = typeof rule?.index === "number" ? rule.index : undefined;
  const driverRules = array(object(object(run.tool)?.driver)?.rules);
  return text(result.ruleId) ?? text(rule?.id) ?? (index !== undefined ? text(object(driverRules[index])?.id) : undefined);
}

/**
 * The results of a SARIF 2.1.0 log whose rules are in `rules`, one per location (a result may
 * point at several places), with their files located; `otherRules` counts the results left out.
 */
export function readSarif(log: Json, report: string, cwd: string, rules: readonly KnownRule[]): { taken: ReportedResult[]; otherRules: number } {
  if (log.version !== "2.1.0") {
    const version = log.version === undefined ? "no version" : `version ${JSON.stringify(log.version)}`;
    throw new ReportError(`${report}: a SARIF log of ${version}; mainguard reads SARIF 2.1.0`);
  }
  if (!Array.isArray(log.runs)) throw new ReportError(`${report}: a SARIF log with no runs`);
  const reportFolder = dirname(resolve(cwd, report));
  const taken: ReportedResult[] = [];
  let otherRules = 0;
  for (const [runIndex, runValue] of log.runs.entries()) {
    const run = object(runValue) ?? {};
    const bases = baseIds(run, report, reportFolder);
    const artifacts = array(run.artifacts);
    for (const [resultIndex, resultValue] of array(run.results).entries()) {
      const result = object(resultValue) ?? {};
      const where = `runs[${runIndex}].results[${resultIndex}]`;
      const ruleId = ruleIdOf(result, run);
      const concern = ruleId === undefined ? undefined : concernOf(ruleId, rules);
      if (ruleId === undefined || concern === undefined) {
        otherRules++;
        continue;
      }
      const locations = array(result.locations);
      if (locations.length === 0) throw new ReportError(`${report}: ${where} (${ruleId}) has no location`);
      for (const locationValue of locations) {
        const physical = object(object(locationValue)?.physicalLocation);
        let artifact = object(physical?.artifactLocation) ?? {};
        if (typeof artifact.index === "number") artifact = { ...object(object(artifacts[artifact.index])?.location), ...artifact };
        const uri = text(artifact.uri);
        const line = object(physical?.region)?.startLine;
        if (uri === undefined) throw new ReportError(`${report}: ${where} (${ruleId}) names no file`);
        if (typeof line !== "number" || !Number.isInteger(line)) throw new ReportError(`${report}: ${where} (${ruleId}) names no line in ${uri}`);
        const baseId = text(artifact.uriBaseId);
        const declared = baseId !== undefined ? bases.get(baseId) : undefined;
        const located = locate(absolutePath(uri, report) ? uri : decoded(uri), { declared, reportFolder, cwd } satisfies Bases, report);
        const column = object(physical?.region)?.startColumn;
        taken.push({
          run: runIndex,
          result: resultIndex,
          ruleId,
          concern,
          ...located,
          line,
          ...(typeof column === "number" ? { column } : {}),
          message: text(object(result.message)?.text) ?? "",
        });
      }
    }
  }
  return { taken, otherRules };
}
