/**
 * MG001 — import-time server start.
 *
 * A top-level expression statement that starts a web application's development server. The
 * documentation below is what `mainguard rule MG001` prints and what SARIF carries.
 */
import type { Node } from "web-tree-sitter";
import { APP_FRAMEWORKS, serverMethodsOf } from "../src/catalog.js";
import { explainApplication } from "../src/python/applications.js";
import { topLevelStatements } from "../src/python/import-time.js";
import { collectModuleScope } from "../src/python/module-scope.js";
import type { Detection, RuleDoc, Transform, TransformContext } from "../src/types.js";

export const MG001: RuleDoc = {
  code: "MG001",
  name: "import-time-server-start",
  title: "Server started at import time",
  cwe: ["668"],
  documentation: `## What it does
Checks for a web application's server start, such as Flask's \`app.run(debug=True)\`, written as a
top-level statement of a module, where it runs whenever the module is imported.

## Why is this bad?
Importing the module (from a test, a Celery worker, a shell, or a WSGI server such as gunicorn or
uWSGI) starts Werkzeug's development server. Under gunicorn, importing \`app:app\` runs the
development server inside the worker: \`debug=\`, \`host=\` and \`port=\` apply where the author
believes they do not, the reloader starts a second master, and with \`host="0.0.0.0"\` the
interactive debugger is reachable from the network (CWE-668, OWASP A01:2021).

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

## References
- [Flask: Debug mode](https://flask.palletsprojects.com/en/stable/quickstart/#debug-mode)
- [Python: \`__main__\` — top-level code environment](https://docs.python.org/3/library/__main__.html)
- [CWE-668: Exposure of Resource to Wrong Sphere](https://cwe.mitre.org/data/definitions/668.html)
`,
};

const METHODS = serverMethodsOf(APP_FRAMEWORKS);

/** The `X.method(...)` call a statement consists of, if any. */
function bareMethodCall(statement: Node): { call: Node; receiver: Node; method: string } | undefined {
  if (statement.type !== "expression_statement" || statement.namedChildCount !== 1) return undefined;
  const call = statement.namedChild(0)!;
  if (call.type !== "call") return undefined;
  const callee = call.childForFieldName("function");
  if (callee?.type !== "attribute") return undefined;
  const method = callee.childForFieldName("attribute")?.text;
  const receiver = callee.childForFieldName("object");
  if (!method || !receiver || !METHODS.has(method)) return undefined;
  return { call, receiver, method };
}

/** `app`, or `create_app(...)` for a receiver that is itself a call. */
function shortCallee(receiver: Node): string {
  if (receiver.type !== "call") return receiver.text;
  return `${receiver.childForFieldName("function")?.text ?? "..."}(...)`;
}

function check({ root }: TransformContext): Detection[] {
  const statements = topLevelStatements(root).filter((statement) => bareMethodCall(statement));
  if (statements.length === 0) return [];
  const scope = collectModuleScope(root);
  const detections: Detection[] = [];
  for (const statement of statements) {
    const { call, receiver, method } = bareMethodCall(statement)!;
    const application = explainApplication(receiver, scope, call.startIndex);
    if (!application) continue;
    if (!application.frameworks.some((framework) => framework.serverMethods.includes(method))) continue;
    const server = application.frameworks.length === 1 ? `the ${application.frameworks[0]!.name} development server` : "a development server";
    detections.push({
      rule: MG001.code,
      message: `\`${shortCallee(receiver)}.${method}(...)\` starts ${server} whenever this module is imported; move it under \`if __name__ == "__main__":\``,
      reason: application.reason,
      node: statement,
      fix: { applicability: "safe", statement },
    });
  }
  return detections;
}

export const serverStart: Transform = {
  name: "server-start",
  rules: [MG001],
  mayMatch: (source) => [...METHODS].some((method) => source.includes(method)),
  check,
};
