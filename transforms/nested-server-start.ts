/**
 * MG002 — server start nested in import-time code.
 *
 * A server start inside a top-level `try`/`with`/`if`/`for`/`while`/`match`: it still runs on
 * import. The fix guards the whole top-level statement, which moves its other statements too:
 * unsafe. A start in a block that runs only on import (the `else` of a main guard) or in a class
 * body is reported without a fix: guarded, it would never run, or the class would be gone.
 */
import { guardFix } from "../src/python/pair-fix.js";
import { comparesNameWithOtherString, GUARD } from "../src/python/main-guard.js";
import { analysisOf, topLevelAncestor } from "../src/python/analysis.js";
import { catalogWords } from "../src/prefilter/catalog-words.js";
import { mayStartAtImportTime } from "../src/prefilter/prefilter.js";
import type { Node } from "web-tree-sitter";
import type { Detection, RuleDoc, Transform, TransformContext } from "../src/types.js";

export const MG002: RuleDoc = {
  code: "MG002",
  name: "nested-import-time-server-start",
  title: "Server started at import time inside a block",
  cwe: ["668"],
  documentation: `## What it does
Checks for a web server start (see MG001), or a call of a module function that starts one (see
MG003), nested in a top-level \`try\`, \`with\`, \`if\`, \`for\`, \`while\` or \`match\` block — code that
still runs whenever the module is imported.

## Why is this bad?
The block runs on import, so the server starts when a test, a worker or a WSGI server such as
gunicorn imports the module, exactly as with a bare top-level start (CWE-668, OWASP A01:2021).
Wrapping the start in \`try:\` or \`if os.environ.get("DEV"):\` does not keep it out of
production imports.

## Example
\`\`\`python
import os
from flask import Flask

app = Flask(__name__)

if os.environ.get("FLASK_DEBUG"):
    app.run(debug=True)
\`\`\`

## Use instead
\`\`\`python
import os
from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    if os.environ.get("FLASK_DEBUG"):
        app.run(debug=True)
\`\`\`

## Fix safety
The fix is unsafe: it moves the whole top-level statement under \`${GUARD}\`, so the block's
other statements (an \`except\` handler, a loop's other work) stop running on import too. It is
applied only with \`--unsafe-fixes\`, and always shown.

## What counts as a guard
A block runs only as a script when its test is \`__name__ == "__main__"\` (either way round,
in parentheses or not), the multiprocessing idiom \`__name__ in ("__main__", "__mp_main__")\`, or
either of them joined to another test by \`and\`: an \`if\` body or an \`elif\` body alike. A start
there is not a finding, whatever the \`if\` holds besides.

A block that runs only on import — the \`else\` (or a later \`elif\`) of \`if __name__ ==
"__main__":\`, or the body of \`if __name__ != "__main__":\` — is reported, without a fix: moved
under the guard, the start would never run, which changes what the module does instead of when.
The author decides: remove the start, or start the server from the script's own code.

A class body runs when the class is defined, so a start written in it (not in a method) runs on
import too. It is reported without a fix: guarding the whole class would take the class out of the
module on import. (A guard inside the class body is read like any other: \`__name__\` there is the
module's.)

\`if __name__ == "main":\` (or any name but \`"__main__"\`) is read the same way: it is true only
when the module is imported under that name, never as a script, so a start under it is reported
without a fix, and the message asks whether \`"__main__"\` was meant.

## References
- [Python: \`__main__\` — top-level code environment](https://docs.python.org/3/library/__main__.html)
- [CWE-668: Exposure of Resource to Wrong Sphere](https://cwe.mitre.org/data/definitions/668.html)
`,
};

function check(context: TransformContext): Detection[] {
  const analysis = analysisOf(context);
  const detections: Detection[] = [];
  for (const statement of analysis.nested()) {
    const call = analysis.callOf(statement);
    if (!call) continue;
    const direct = analysis.serverStart(call);
    const indirect = direct ? undefined : analysis.startingCallee(call);
    if (!direct && !indirect) continue;
    const outer = topLevelAncestor(statement);
    const what = direct ? `\`${direct.call}\` starts ${direct.server}` : `\`${indirect!.shown}\` starts ${indirect!.start.server}`;
    const reason = direct ? direct.reason : indirect!.explanation;
    const importOnly = analysis.importOnlyClause(statement);
    if (importOnly) {
      // Guarding it would not stop an import from starting the server: it would stop the start from ever running.
      const header = importOnly.text.split("\n")[0]!.replace(/\s*#.*$/, "").trim();
      detections.push({
        rule: MG002.code,
        message: `${what} on import: it is under \`${header}\` (line ${importOnly.startPosition.row + 1}), which runs only when this module is imported; ${comparesNameWithOtherString(importOnly) ? 'if it was meant as the main guard, compare `__name__` with "__main__"' : "remove the start, or start the server from the code that runs as a script"}`,
        reason: `${reason}; no automatic fix: moved under \`${GUARD}\` it would never run`,
        node: statement,
      });
      continue;
    }
    const pair = guardFix(analysis, outer, direct, "unsafe");
    detections.push({
      rule: MG002.code,
      message: `${what} on import: it is inside a top-level \`${outer.type.replace(/_statement$/, "")}\` block that runs whenever this module is imported; move the block under \`${GUARD}\``,
      reason: reason + pair.reason,
      node: statement,
      fix: pair.fix,
    });
  }
  // Only classes whose text names a server start are walked: a big module's classes are many.
  const { needle } = catalogWords(context.catalog);
  for (const statement of analysis.classBodies((definition) => needle.test(definition.text))) {
    if (statement.type !== "expression_statement") continue;
    const call = analysis.callOf(statement);
    const start = call && analysis.serverStart(call);
    if (!start) continue;
    const owner = enclosingClass(statement);
    detections.push({
      rule: MG002.code,
      message: `\`${start.call}\` starts ${start.server} on import: it is in the body of class \`${owner.name}\` (line ${owner.line}), which runs whenever this module is imported; move the start out of the class, under \`${GUARD}\``,
      reason: `${start.reason}; no automatic fix: guarding the class would take it out of the module on import`,
      node: statement,
    });
  }
  return detections;
}

/** The class whose body holds `statement` directly (through blocks, not a function). */
function enclosingClass(statement: Node): { name: string; line: number } {
  let current = statement.parent;
  while (current && current.type !== "class_definition") current = current.parent;
  return { name: current?.childForFieldName("name")?.text ?? "?", line: (current?.startPosition.row ?? 0) + 1 };
}

export const nestedServerStart: Transform = {
  name: "nested-server-start",
  rules: [MG002],
  mayMatch: mayStartAtImportTime,
  check,
};
