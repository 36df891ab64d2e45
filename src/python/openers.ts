/**
 * Calls that open a socket for a later start to serve: tornado's `app.listen(8888)` before
 * `IOLoop.current().start()`, meinheld's `server.listen(...)` before `server.run(app)`. A server
 * started by such a pair moves as a pair.
 */
import type { Node } from "web-tree-sitter";
import { enclosingFunction } from "./enclosing-function.js";

/**
 * The calls that run before `call` in its own scope (the function whose body holds it, or the
 * module), in order: not those of nested functions, lambdas or classes, which run at other times.
 */
export function earlierCalls(call: Node): Node[] {
  const owner = enclosingFunction(call);
  const scope = owner?.childForFieldName("body") ?? call.tree.rootNode;
  return scope
    .descendantsOfType("call")
    .filter((node): node is Node => node !== null && node.startIndex < call.startIndex && ownerOf(node) === owner?.id);
}

const NESTED = new Set(["function_definition", "lambda", "class_definition"]);

/** The id of the function whose body runs `node` (undefined: the module's), or -1 inside a lambda or class. */
function ownerOf(node: Node): number | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (NESTED.has(current.type)) return current.type === "function_definition" ? current.id : -1;
  }
  return undefined;
}
