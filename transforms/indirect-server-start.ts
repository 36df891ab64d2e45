/**
 * MG003 — import-time call of a function that starts a server.
 *
 * `def main(): app.run()` followed by a bare top-level `main()`: the start is one or more calls
 * away, but still happens on import.
 */
import { GUARD } from "../src/python/main-guard.js";
import type { Node } from "web-tree-sitter";
import { analysisOf, type ModuleAnalysis } from "../src/python/analysis.js";
import { mayStartAtImportTime } from "../src/prefilter/prefilter.js";
import type { Detection, RuleDoc, Transform, TransformContext } from "../src/types.js";

export const MG003: RuleDoc = {
  code: "MG003",
  name: "import-time-call-of-server-start",
  title: "Function that starts a server called at import time",
  cwe: ["668"],
  documentation: `## What it does
Checks for a top-level call of a function of the same module whose body starts a web server
(see MG001), directly or through other functions of the module — typically \`main()\` at the end
of a file. A start under \`if __name__ == "__main__":\` inside such a function does not count:
the function runs on import, but that block does not (an \`elif\` or \`else\` beside it does).

A function runs when it is called, and also when \`asyncio.run(main())\` runs it, when a thread
or process started at once runs it (\`Thread(target=run).start()\`, the "keep alive" idiom of bot
projects), or when it decorates a definition (\`@serve\`, \`@serving(8000)\`). A name bound to a
\`lambda\` (\`main = lambda: app.run()\`) is such a function. An \`async def\` called bare
(\`main()\`) is not run: the call only makes a coroutine.

## Why is this bad?
The call runs whenever the module is imported, so the server starts inside tests, workers and WSGI
servers such as gunicorn, with the development server's debug settings (CWE-668, OWASP A01:2021).

## Example
\`\`\`python
from flask import Flask

app = Flask(__name__)


def main():
    app.run(debug=True)


main()
\`\`\`

## Use instead
\`\`\`python
from flask import Flask

app = Flask(__name__)


def main():
    app.run(debug=True)


if __name__ == "__main__":
    main()
\`\`\`

## Fix safety
The fix is safe: only the call moves under \`${GUARD}\`; the function itself is unchanged. A
decorator that starts a server is reported without a fix: guarding the definition would leave its
name undefined on import; move the start out of the decorator.

## References
- [Python: \`__main__\` — top-level code environment](https://docs.python.org/3/library/__main__.html)
- [CWE-668: Exposure of Resource to Wrong Sphere](https://cwe.mitre.org/data/definitions/668.html)
`,
};

function check(context: TransformContext): Detection[] {
  const analysis = analysisOf(context);
  const detections: Detection[] = [];
  for (const statement of analysis.topLevel) {
    if (statement.type === "decorated_definition") detections.push(...decoratorStarts(analysis, statement));
    const call = analysis.callOf(statement);
    const starting = call && analysis.startingCallee(call);
    if (!starting) continue;
    detections.push({
      rule: MG003.code,
      message: `\`${starting.shown}\` starts ${starting.start.server} whenever this module is imported; move the call under \`${GUARD}\``,
      reason: starting.explanation,
      node: statement,
      fix: { applicability: "safe", statement },
    });
  }
  return detections;
}

/** `@name` or `@name(...)`: a decorator that may run a module function. */
const DECORATOR_NAME = /^@[ \t]*([A-Za-z_]\w*)[ \t]*(?:\(|#|$)/;

/**
 * Decorators of a top-level definition that start a server: they run when the definition does,
 * on import. Reported without a fix: guarding the definition would leave its name undefined on
 * import, and the decorator's own code is not the call to move.
 */
function decoratorStarts(analysis: ModuleAnalysis, statement: Node): Detection[] {
  const detections: Detection[] = [];
  for (const decorator of statement.namedChildren) {
    if (decorator?.type !== "decorator") continue;
    // Most decorators are attributes (`@app.route(...)`) or names of no module function: their
    // text rules them out before the tree is asked anything more.
    const name = DECORATOR_NAME.exec(decorator.text)?.[1];
    if (!name || !analysis.functionNamed(name, decorator.startIndex)) continue;
    const starting = analysis.startingDecorator(decorator);
    if (!starting) continue;
    const defined = statement.childForFieldName("definition")?.childForFieldName("name")?.text ?? "";
    detections.push({
      rule: MG003.code,
      message: `\`${starting.shown}\` starts ${starting.start.server} whenever this module is imported: a decorator runs when \`${defined}\` is defined; start the server from a function called under \`${GUARD}\` instead`,
      reason: `${starting.explanation}; no automatic fix: guarding the definition would leave \`${defined}\` undefined on import`,
      node: decorator,
    });
  }
  return detections;
}

export const indirectServerStart: Transform = {
  name: "indirect-server-start",
  rules: [MG003],
  mayMatch: mayStartAtImportTime,
  check,
};
