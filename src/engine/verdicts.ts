/**
 * `--from-report`: what each line a scanner reported holds, judged on the same tree and the same
 * detections as the file's own check, so that a verdict and mainguard's findings never disagree.
 */
import type { Node } from "web-tree-sitter";
import { analysisOf, type ModuleAnalysis } from "../python/analysis.js";
import { callContext, moduleFunction } from "../python/call-context.js";
import { enclosingFunction } from "../python/enclosing-function.js";
import { GUARD } from "../python/main-guard.js";
import type { ServerStart } from "../python/server-starts.js";
import type { Detection, Site, SiteVerdict, TransformContext } from "../types.js";
import { LineIndex } from "../line-index.js";

export interface Judgement {
  /** One per site, in the sites' order. */
  verdicts: SiteVerdict[];
  /** The detections (with a fix) that some site's verdict rests on: a report's fixes are theirs. */
  covering: Set<Detection>;
}

/** A plain string literal holding a host that binds every interface (what bandit's B104 flags). */
const ALL_INTERFACES = /^[rRuU]?(['"])(0\.0\.0\.0|::)\1$/;

const contains = (outer: Node, inner: Node) => outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;

/** How to name a call in a sentence: `make_app(...)`, or `...(...)` for a long callee. */
function shortCall(call: Node): string {
  const callee = call.childForFieldName("function")?.text ?? "";
  return `\`${callee.length > 40 || callee.includes("\n") ? "..." : callee}(...)\``;
}

/** The calls whose lines include `row`, innermost first. */
function callsOnRow(root: Node, row: number): Node[] {
  return root
    .descendantsOfType("call", { row, column: 0 }, { row, column: Number.MAX_SAFE_INTEGER })
    .filter((call): call is Node => call !== null && call.startPosition.row <= row && row <= call.endPosition.row)
    .sort((a, b) => a.endIndex - a.startIndex - (b.endIndex - b.startIndex));
}

/** The detection with a fix whose guard would cover `call`: its own statement, or a call that reaches its function. */
function coveringDetection(call: Node, detections: readonly Detection[], analysis: ModuleAnalysis): Detection | undefined {
  const fixing = detections.filter((detection) => detection.fix);
  const direct = fixing.find((detection) => contains(detection.node, call));
  if (direct) return direct;
  const outer = moduleFunction(call);
  if (!outer) return undefined;
  return fixing.find((detection) => {
    const reaching = analysis.callOf(detection.node);
    return reaching !== undefined && analysis.functionsReached([reaching]).has(outer.startIndex);
  });
}

function judgeStart(call: Node, start: ServerStart, kept: readonly Detection[], silenced: readonly Detection[], judgement: Judgement, analysis: ModuleAnalysis): SiteVerdict {
  const line = (node: Node) => node.startPosition.row + 1;
  const covering = coveringDetection(call, kept, analysis);
  if (covering) {
    judgement.covering.add(covering);
    const through = contains(covering.node, call) ? "" : ` through \`${analysis.callOf(covering.node)!.childForFieldName("function")!.text}()\` on line ${line(covering.node)}`;
    return {
      verdict: "fixable",
      explanation: `\`${start.call}\` starts ${start.server} whenever the module is imported${through} (${covering.rule})`,
      finding: { rule: covering.rule, line: line(covering.node), applicability: covering.fix!.applicability },
    };
  }
  const quiet = coveringDetection(call, silenced, analysis);
  if (quiet) {
    return {
      verdict: "ignored",
      explanation: `\`${start.call}\` runs at import time, but its ${quiet.rule} finding on line ${line(quiet.node)} is silenced by \`# mainguard: ignore\``,
      finding: { rule: quiet.rule, line: line(quiet.node), applicability: quiet.fix!.applicability },
    };
  }
  // The scanner's concern may be the debugger rather than the import: say when it still holds.
  const exposed = kept.some((detection) => detection.rule === "MG101" && detection.node.id === call.id) ? "; its debugger is still exposed on every interface (MG101)" : "";
  const where = callContext(call, analysis);
  if (where.kind === "script-only") return { verdict: "guarded", explanation: `\`${start.call}\` runs only under the \`${GUARD}\` on line ${where.line}${exposed}` };
  if (where.kind === "function") {
    if (where.guardLine !== undefined) {
      return { verdict: "guarded", explanation: `\`${start.call}\` is in ${where.name}, which runs only from the \`${GUARD}\` on line ${where.guardLine}${exposed}` };
    }
    return { verdict: "in-function", explanation: `\`${start.call}\` is in ${where.name}, which nothing calls at import time${exposed}` };
  }
  const holder = analysis.topLevel.find((statement) => contains(statement, call));
  const place = holder?.type === "class_definition" ? `in the body of class \`${holder.childForFieldName("name")?.text}\`` : "inside a larger statement";
  return { verdict: "unfixable", explanation: `\`${start.call}\` runs at import time ${place}, which mainguard cannot move under a guard` };
}

/** Whether `row` lies in a range the condensed view blanked (a function or class with no server call). */
function inBlanked(lines: LineIndex | undefined, blanked: ReadonlyArray<[number, number]>, row: number): boolean {
  if (!lines || row >= lines.lineCount) return false;
  const offset = lines.lineStart(row);
  return blanked.some(([start, end]) => start <= offset && offset < end);
}

/**
 * The verdict on each site of `context`'s module: `kept` are the detections the file reports,
 * `silenced` those a `# mainguard: ignore` removed, `blanked` what a big file's view left out.
 */
export function judgeSites(
  context: TransformContext,
  sites: readonly Site[],
  kept: readonly Detection[],
  silenced: readonly Detection[],
  blanked: ReadonlyArray<[number, number]> = [],
): Judgement {
  const analysis = analysisOf(context);
  const judgement: Judgement = { verdicts: [], covering: new Set() };
  const lines = blanked.length > 0 ? new LineIndex(context.source) : undefined;
  for (const site of sites) {
    const row = site.line - 1;
    if (inBlanked(lines, blanked, row)) {
      judgement.verdicts.push({ verdict: "not-a-server", explanation: `line ${site.line} is in a function or class that holds no server call` });
      continue;
    }
    const calls = callsOnRow(context.root, row);
    let verdict: SiteVerdict | undefined;
    for (const call of calls) {
      const start = analysis.serverStart(call, enclosingFunction(call));
      if (start) {
        verdict = judgeStart(call, start, kept, silenced, judgement, analysis);
        break;
      }
    }
    if (!verdict && calls.length > 0) verdict = { verdict: "not-a-server", explanation: `${shortCall(calls[0]!)} is not a server start mainguard knows` };
    if (!verdict && site.concern === "bind-all") {
      const host = context.root
        .descendantsOfType("string", { row, column: 0 }, { row, column: Number.MAX_SAFE_INTEGER })
        .find((string) => string && string.startPosition.row === row && ALL_INTERFACES.test(string.text));
      if (host) verdict = { verdict: "not-a-server", explanation: `the host ${host.text} on line ${site.line} is not an argument of a server start` };
    }
    verdict ??= {
      verdict: "stale",
      explanation: `line ${site.line} holds no call${site.concern === "bind-all" ? " and no host that binds every interface" : ""}: the report is older than the code`,
    };
    judgement.verdicts.push(verdict);
  }
  return judgement;
}
