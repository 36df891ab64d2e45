import type { Node } from "web-tree-sitter";

/** The 1-based position of the first ERROR or MISSING node, or undefined for a clean tree. */
export function firstSyntaxError(root: Node): { line: number; column: number } | undefined {
  if (!root.hasError) return undefined;
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) {
        return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
      }
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
