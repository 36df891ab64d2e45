import type { Node } from "web-tree-sitter";
import type { Catalog } from "../catalog.js";
import { explainApplication, qualifiedName } from "./applications.js";
import type { Scopes } from "./module-scope.js";

/** A call recognised as starting a blocking server. */
export interface ServerStart {
  /** How to show the call: `app.run(...)`, `uvicorn.run(...)`. */
  call: string;
  /** What it starts, for messages: "the Flask development server", "the uvicorn server". */
  server: string;
  /** How it was recognised (--verbose, JSON, SARIF). */
  reason: string;
  /** Where the host goes positionally, and the keyword that turns Werkzeug's debugger on (MG101). */
  hostPosition?: number;
  /** Absent when the server has no interactive debugger to expose. */
  debugKeyword?: string;
}

/** `app`, or `create_app(...)` for a receiver that is itself a call. */
function shortText(expression: Node): string {
  if (expression.type === "call") return `${shortText(expression.childForFieldName("function")!)}(...)`;
  const text = expression.text;
  return text.includes("\n") || text.length > 40 ? "..." : text;
}

/** Whether `call` (a `call` node) starts a server, and how that was recognised. */
export function serverStart(call: Node, scopes: Scopes, catalog: Catalog, isProjectModule: (name: string) => boolean): ServerStart | undefined {
  const callee = call.childForFieldName("function");
  if (!callee || (callee.type !== "identifier" && callee.type !== "attribute")) return undefined;
  const lastName = callee.type === "identifier" ? callee.text : callee.childForFieldName("attribute")?.text;
  // An identifier may be an alias (`from waitress import serve as s`): resolve it whatever its name.
  if (!lastName || (callee.type === "attribute" && !catalog.needles.includes(lastName))) return undefined;

  const qualified = qualifiedName(callee, scopes, call.startIndex, catalog);
  if (qualified === "asyncio.run") return coroutineStart(call, scopes, catalog);
  const fn = qualified && catalog.serverFunctions.find((candidate) => candidate.qualified === qualified && !candidate.coroutine);
  if (fn) {
    const through = callee.text === qualified ? "" : ` through the imports`;
    return {
      call: `${shortText(callee)}(...)`,
      server: fn.server ? `the ${fn.server} server` : "a server",
      reason: `\`${callee.text}\` is \`${qualified}\`${through}`,
      hostPosition: fn.hostPosition,
      debugKeyword: fn.debugKeyword,
    };
  }
  if (callee.type !== "attribute") return undefined;
  const receiver = callee.childForFieldName("object")!;
  const application = explainApplication(receiver, scopes, call.startIndex, catalog, isProjectModule);
  if (!application) return undefined;
  const frameworks = application.frameworks.filter((framework) => framework.serverMethods.includes(lastName));
  if (frameworks.length === 0) return undefined;
  return {
    call: `${shortText(receiver)}.${lastName}(...)`,
    server: frameworks.length === 1 ? (frameworks[0]!.server ?? `the ${frameworks[0]!.name} development server`) : "a development server",
    reason: application.reason,
    hostPosition: frameworks[0]!.hostPosition,
    debugKeyword: frameworks.some((framework) => framework.werkzeugDebugger) ? "debug" : undefined,
  };
}

/** `asyncio.run(serve(app, config))`: the event loop runs a coroutine server function to its end. */
function coroutineStart(call: Node, scopes: Scopes, catalog: Catalog): ServerStart | undefined {
  const argument = call.childForFieldName("arguments")?.namedChild(0);
  const inner = argument?.type === "call" ? argument.childForFieldName("function") : null;
  if (!inner || (inner.type !== "identifier" && inner.type !== "attribute")) return undefined;
  const qualified = qualifiedName(inner, scopes, call.startIndex, catalog);
  const fn = qualified && catalog.serverFunctions.find((candidate) => candidate.qualified === qualified && candidate.coroutine);
  if (!fn) return undefined;
  const callee = call.childForFieldName("function")!;
  return {
    call: `${shortText(callee)}(${shortText(inner)}(...))`,
    server: `the ${fn.server} server`,
    reason: `\`${inner.text}\` is \`${qualified}\`${inner.text === qualified ? "" : " through the imports"}, a coroutine that \`${callee.text}\` runs to its end`,
  };
}
