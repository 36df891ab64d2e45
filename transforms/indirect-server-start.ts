/**
 * MG003 — import-time call of a function that starts a server.
 *
 * `def main(): app.run()` followed by a bare top-level `main()`: the start is one or more calls
 * away, but still happens on import.
 */
import { GUARD } from "../src/python/main-guard.js";
import { analysisOf } from "../src/python/analysis.js";
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
The fix is safe: only the call moves under \`${GUARD}\`; the function itself is unchanged.

## References
- [Python: \`__main__\` — top-level code environment](https://docs.python.org/3/library/__main__.html)
- [CWE-668: Exposure of Resource to Wrong Sphere](https://cwe.mitre.org/data/definitions/668.html)
`,
};

function check(context: TransformContext): Detection[] {
  const analysis = analysisOf(context);
  const detections: Detection[] = [];
  for (const statement of analysis.topLevel) {
    const call = analysis.callOf(statement);
    const starting = call && analysis.startingCallee(call);
    if (!starting) continue;
    const name = call.childForFieldName("function")!.text;
    detections.push({
      rule: MG003.code,
      message: `\`${name}()\` starts ${starting.start.server} whenever this module is imported; move the call under \`${GUARD}\``,
      reason: starting.explanation,
      node: statement,
      fix: { applicability: "safe", statement },
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
