import type { Node } from "web-tree-sitter";

/** The innermost function definition around `node`, if any (its local names are the call's). */
export function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === "function_definition") return current;
  return undefined;
}
