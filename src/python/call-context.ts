import type { Node } from "web-tree-sitter";
import type { ModuleAnalysis } from "./analysis.js";
import { scriptOnlyBlocks } from "./main-guard.js";

/** When a call runs, as far as importing the module is concerned. */
export type CallContext =
  /** Whenever the module is imported: its body, or a class body in it. */
  | { kind: "import-time" }
  /** Only when the file runs as a script: under the `if __name__ == "__main__":` on `line`. */
  | { kind: "script-only"; line: number }
  /**
   * Inside function `name` (the innermost one); `guardLine` is set when the module function that
   * holds it is called from a main guard, the one on that line.
   */
  | { kind: "function"; name: string; guardLine?: number };

const FUNCTIONS = new Set(["function_definition", "lambda"]);

/** The module function whose body holds `node`, decorators unwrapped; undefined outside functions. */
export function moduleFunction(node: Node): Node | undefined {
  let top = node;
  while (top.parent && top.parent.type !== "module") top = top.parent;
  const definition = top.type === "decorated_definition" ? top.childForFieldName("definition") : top;
  return definition?.type === "function_definition" ? definition : undefined;
}

/** The main guards' bodies of the module: the calls in them run when the file is a script. */
function scriptOnlyCalls(analysis: ModuleAnalysis): Array<{ line: number; calls: Node[] }> {
  const guards: Array<{ line: number; calls: Node[] }> = [];
  for (const statement of analysis.topLevel) {
    const blocks = scriptOnlyBlocks(statement);
    if (blocks.length > 0) guards.push({ line: statement.startPosition.row + 1, calls: blocks.flatMap((block) => block.descendantsOfType("call").filter((call): call is Node => call !== null)) });
  }
  return guards;
}

/**
 * When `call` runs: only as a script if any block around it is a main guard's body (a function
 * defined there, or a guard inside a function); else in the innermost function around it, if any,
 * which the main guard may be the only caller of; else at import time.
 */
export function callContext(call: Node, analysis: ModuleAnalysis): CallContext {
  let innermost: Node | undefined;
  let child = call;
  for (let current = call.parent; current; child = current, current = current.parent) {
    const ifStatement = current.type === "if_statement" ? current : current.type === "elif_clause" || current.type === "else_clause" ? current.parent : null;
    if (child.type === "block" && ifStatement && scriptOnlyBlocks(ifStatement).some((block) => block.id === child.id)) return { kind: "script-only", line: current.startPosition.row + 1 };
    if (!innermost && FUNCTIONS.has(current.type)) innermost = current;
  }
  if (!innermost) return { kind: "import-time" };
  const name = innermost.type === "lambda" ? "a lambda" : `\`${innermost.childForFieldName("name")?.text ?? "?"}\``;
  const outer = moduleFunction(innermost);
  const guard = outer && scriptOnlyCalls(analysis).find((guard) => analysis.functionsReached(guard.calls).has(outer.startIndex));
  return guard ? { kind: "function", name, guardLine: guard.line } : { kind: "function", name };
}
