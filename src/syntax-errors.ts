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
export function firstEmptyBlock(root: Node, source: string): { line: number; column: number } | undefined {
  if (!mayHaveEmptyBlock(source)) return undefined;
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

/**
 * A cheap necessary condition for an empty block: some line ends in `:` (a comment may follow)
 * and the next line with code is not indented deeper (or there is none). Walking the tree for
 * blocks costs far more than reading the lines.
 */
export function mayHaveEmptyBlock(source: string): boolean {
  const lines = source.split(/\r\n|\r|\n/);
  const indent = (line: string) => line.length - line.trimStart().length;
  const isCode = (line: string) => line.trim() !== "" && !line.trimStart().startsWith("#");
  for (let i = 0; i < lines.length; i++) {
    if (!/:[ \t\f]*(#.*)?$/.test(lines[i]!)) continue;
    let next = i + 1;
    while (next < lines.length && !isCode(lines[next]!)) next++;
    if (next === lines.length || indent(lines[next]!) <= indent(lines[i]!)) return true;
  }
  return false;
}
