/**
 * MG001 — import-time server start.
 *
 * A top-level expression statement that starts a web server. The documentation below is what
 * `mainguard rule MG001` prints and what SARIF carries.
 */
import { analysisOf } from "../src/python/analysis.js";
import { mayStartAtImportTime } from "../src/prefilter/prefilter.js";
import type { Detection, RuleDoc, Transform, TransformContext } from "../src/types.js";
import { GUARD } from "../src/python/main-guard.js";
import { guardFix } from "../src/python/pair-fix.js";
import { recognisedStarts } from "../src/catalog.js";

export const MG001: RuleDoc = {
  code: "MG001",
  name: "import-time-server-start",
  title: "Server started at import time",
  cwe: ["668"],
  documentation: `## What it does
Checks for a web server start, such as Flask's \`app.run(debug=True)\`, \`uvicorn.run(app)\` or
\`waitress.serve(app)\`, written as a top-level statement of a module, where it runs whenever the
module is imported.

## Why is this bad?
Importing the module (from a test, a Celery worker, a shell, or a WSGI server such as gunicorn or
uWSGI) starts the server. Under gunicorn, importing \`app:app\` runs Werkzeug's development server
inside the worker: \`debug=\`, \`host=\` and \`port=\` apply where the author believes they do
not, the reloader starts a second master, and with \`host="0.0.0.0"\` the interactive debugger is
reachable from the network (CWE-668, OWASP A01:2021).

${recognisedStarts()} \`asyncio.run\`, \`subprocess.run\` and other \`run\` methods are not.
A coroutine start (\`uvicorn.Server(config).serve()\`, Hypercorn's \`serve\`) counts when
\`asyncio.run\` runs it; made and dropped, it starts nothing. A thread's or a process's
\`start()\` whose \`target=\` is a start (\`Thread(target=app.run).start()\`, or \`t.start()\`
after \`t = Thread(target=app.run)\`) starts the server too: the fix guards the \`start()\`, and
the thread object is still made on import.

An \`app\` imported by name (\`from myservice import app\`) is the project's application when the
import is relative, when \`myservice\` is the project's own (a module or package in the file's
folder or a folder above it, up to the repository's root, or under \`src/\` there), or when the
file imports the framework. A package's \`app\` is not: \`from vispy import app\` / \`app.run()\`
runs a GUI toolkit's event loop. The playground checks a file alone, so only the last two hold there.

A start after a top-level \`sys.exit()\` (or \`raise\`) never runs, on import or as a script. It is
reported and fixed like any other: the line says the module means to serve when imported, the guard
changes nothing at run time, and telling dead code apart is left to a linter.

## Example
\`\`\`python
from flask import Flask

app = Flask(__name__)

app.run(debug=True)
\`\`\`

## Use instead
\`\`\`python
from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(debug=True)
\`\`\`

## Fix safety
The fix is safe: it changes nothing but when the statement runs. Only the statement's own lines
move under the guard (indented by the file's own unit; lines inside string literals are left
alone); a statement next to an existing guard is moved into it.

A server some statements before the start open moves with them, with what lies between: tornado's
\`app.listen(8888)\` before \`IOLoop.current().start()\`, meinheld's \`server.listen(...)\` before
\`server.run(app)\`, wsgiref's \`httpd = make_server(...)\` (which binds the port) before
\`httpd.serve_forever()\`. Guarded alone, the start would leave a socket opened on every import.
That fix moves other statements, so it is unsafe (applied with \`--unsafe-fixes\`), and the
finding's reason names the lines it moves.

## References
- [Flask: Debug mode](https://flask.palletsprojects.com/en/stable/quickstart/#debug-mode)
- [Python: \`__main__\` — top-level code environment](https://docs.python.org/3/library/__main__.html)
- [CWE-668: Exposure of Resource to Wrong Sphere](https://cwe.mitre.org/data/definitions/668.html)
`,
};

function check(context: TransformContext): Detection[] {
  const analysis = analysisOf(context);
  const detections: Detection[] = [];
  for (const statement of analysis.topLevel) {
    const call = analysis.callOf(statement);
    const start = call && analysis.serverStart(call);
    if (!start) continue;
    const { fix, reason } = guardFix(analysis, statement, start, "safe");
    detections.push({
      rule: MG001.code,
      message: `\`${start.call}\` starts ${start.server} whenever this module is imported; move it under \`${GUARD}\``,
      reason: start.reason + reason,
      node: statement,
      fix,
    });
  }
  return detections;
}

export const serverStart: Transform = {
  name: "server-start",
  rules: [MG001],
  mayMatch: mayStartAtImportTime,
  check,
};
