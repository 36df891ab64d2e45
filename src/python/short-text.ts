import type { Node } from "web-tree-sitter";

/** How an expression reads in a message: `app`, or `create_app(...)` for a call; `...` when long or on several lines. */
export function shortText(expression: Node): string {
  if (expression.type === "call") return `${shortText(expression.childForFieldName("function")!)}(...)`;
  const text = expression.text;
  return text.includes("\n") || text.length > 40 ? "..." : text;
}
