/**
 * MG101 — debugger exposed to the network.
 *
 * Report-only: a server start with `debug=True` and a host that binds every interface, whether or
 * not it is guarded.
 */
import type { Node } from "web-tree-sitter";
import { analysisOf } from "../src/python/analysis.js";
import { enclosingFunction } from "../src/python/enclosing-function.js";
import { mayHoldServerStart } from "../src/prefilter/prefilter.js";
import { catalogWords } from "../src/prefilter/catalog-words.js";
import type { Detection, RuleDoc, Transform, TransformContext } from "../src/types.js";
import { debuggerStarts } from "../src/catalog.js";

export const MG101: RuleDoc = {
  code: "MG101",
  name: "debugger-on-all-interfaces",
  title: "Debugger exposed on all network interfaces",
  cwe: ["489", "668"],
  documentation: `## What it does
Checks for a server start that serves Werkzeug's interactive debugger — ${debuggerStarts()} —
together with a host that binds every network interface, \`"0.0.0.0"\` or \`"::"\`, whether
or not the start is under \`if __name__ == "__main__":\`.

## Why is this bad?
With debug on, Werkzeug serves its interactive debugger: anyone who can reach the port and trigger
an error gets a Python console in the server process — remote code execution (CWE-489: Active
Debug Code; CWE-668; OWASP A01:2021). Binding all interfaces makes it reachable from the network,
a container's published port or a shared Wi-Fi.

## Example
\`\`\`python
if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
\`\`\`

## Use instead
\`\`\`python
if __name__ == "__main__":
    app.run(host="127.0.0.1", debug=True)
\`\`\`

## Fix safety
There is no automatic fix: which host or debug setting is right is the author's decision.

## References
- [Werkzeug: Debugging Applications](https://werkzeug.palletsprojects.com/en/stable/debug/)
- [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
`,
};

const ALL_INTERFACES = new Set(["0.0.0.0", "::"]);

/** The value of a plain string literal, or undefined. */
function stringValue(node: Node | null | undefined): string | undefined {
  if (node?.type !== "string" || node.namedChildren.some((child) => child?.type === "interpolation")) return undefined;
  if (!/^[rRuU]?['"]/.test(node.text)) return undefined;
  return node.namedChildren
    .filter((child) => child?.type === "string_content")
    .map((child) => child!.text)
    .join("");
}

function keyword(args: Node, name: string): Node | undefined {
  for (const child of args.namedChildren) {
    if (child?.type === "keyword_argument" && child.childForFieldName("name")?.text === name) return child.childForFieldName("value") ?? undefined;
  }
  return undefined;
}

function check(context: TransformContext): Detection[] {
  const analysis = analysisOf(context);
  const detections: Detection[] = [];
  for (const call of context.root.descendantsOfType("call")) {
    const args = call?.childForFieldName("arguments");
    if (!call || args?.type !== "argument_list") continue;
    const start = analysis.serverStart(call, enclosingFunction(call));
    if (!start?.debugKeyword || keyword(args, start.debugKeyword)?.type !== "true") continue;
    const positional = args.namedChildren.filter((child) => child && child.type !== "keyword_argument" && child.type !== "comment");
    const hostNode = keyword(args, "host") ?? keyword(args, "hostname") ?? (start.hostPosition !== undefined ? positional[start.hostPosition] : undefined);
    const host = stringValue(hostNode);
    if (host === undefined || !ALL_INTERFACES.has(host)) continue;
    detections.push({
      rule: MG101.code,
      message: `\`${start.call}\` runs with ${start.debugKeyword}=True on host "${host}": the interactive debugger is reachable from the network; bind 127.0.0.1 or turn debug off`,
      reason: start.reason,
      node: call,
    });
  }
  return detections;
}

export const exposedDebugger: Transform = {
  name: "exposed-debugger",
  rules: [MG101],
  // A host that binds everything is a string literal, and the debugger needs `debug=True` (or
  // `use_debugger=True`) in code. The server start comes first: the other transforms have already
  // asked, so it is known.
  mayMatch: (raw, catalog) =>
    mayHoldServerStart(raw, catalog) &&
    raw.includes("debug") &&
    (raw.includes("0.0.0.0") || /["']::["']/.test(raw.text())) &&
    catalogWords(catalog).debugOn.test(raw.codeOnly()),
  check,
};
