import type { Node } from "web-tree-sitter";

const position = (node: Node) => ({ line: node.startPosition.row + 1, column: node.startPosition.column + 1 });

/** The 1-based position of the first ERROR or MISSING node. Cheap when there is none. */
export function firstSyntaxError(root: Node): { line: number; column: number } | undefined {
  return root.hasError ? firstErrorNode(root) : undefined;
}

/**
 * The first block with no statement: tree-sitter accepts `if x:` followed by an unindented line,
 * Python does not. Walks the whole tree, so it runs only on files with something to report.
 */
export function firstEmptyBlock(root: Node): { line: number; column: number } | undefined {
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
