import type { Node } from "web-tree-sitter";

const position = (node: Node) => ({ line: node.startPosition.row + 1, column: node.startPosition.column + 1 });

/**
 * The 1-based position of the first syntax error: an ERROR or MISSING node, or a block with no
 * statement (tree-sitter accepts `if x:` followed by an unindented line; Python does not).
 */
export function firstSyntaxError(root: Node): { line: number; column: number } | undefined {
  if (root.hasError) return firstErrorNode(root);
  const empty = root.descendantsOfType("block").find((block) => !block!.namedChildren.some((child) => child!.type !== "comment"));
  return empty ? position(empty) : undefined;
}

function firstErrorNode(root: Node): { line: number; column: number } {
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) return position(node);
      // Descend only into subtrees that hold the error.
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { line: 1, column: 1 };
      }
    }
  } finally {
    cursor.delete();
  }
}
