import type { Node } from "web-tree-sitter";
import type { LineIndex } from "../line-index.js";
import type { Detection, Edit } from "../types.js";

/** `# mainguard: ignore` (every rule) or `# mainguard: ignore[MG001, MG101]` (group 1: the codes). */
export const DIRECTIVE = /#\s*mainguard:\s*ignore(?:\[([^\]]*)\])?/;

/** Which rules each line's directive silences: a set of codes, or "all". */
type Directives = Map<number, Set<string> | "all">;

function directives(source: string, root: Node): Directives {
  const byRow: Directives = new Map();
  if (!source.includes("mainguard:")) return byRow;
  for (const comment of root.descendantsOfType("comment")) {
    const match = comment && DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const codes = match[1]?.split(",").map((code) => code.trim().toUpperCase()).filter(Boolean);
    byRow.set(comment.startPosition.row, codes?.length ? new Set(codes) : "all");
  }
  return byRow;
}

/**
 * Splits detections into those reported and those a directive on the first or last line of their
 * statement (or of the top-level statement their fix would guard) suppresses.
 */
export function applySuppressions(source: string, root: Node, detections: Detection[]): { kept: Detection[]; silenced: Detection[] } {
  const byRow = directives(source, root);
  if (byRow.size === 0) return { kept: detections, silenced: [] };
  const isSilenced = (detection: Detection) => {
    const nodes = [detection.node, ...(detection.fix ? [detection.fix.statement] : [])];
    const rows = nodes.flatMap((node) => [node.startPosition.row, node.endPosition.row]);
    return rows.some((row) => {
      const directive = byRow.get(row);
      return directive === "all" || directive?.has(detection.rule);
    });
  };
  return { kept: detections.filter((detection) => !isSilenced(detection)), silenced: detections.filter(isSilenced) };
}

/**
 * The edit that silences `rule` for `detection`: its code added to a `# mainguard: ignore[...]`
 * already on the first or last line of the flagged node, else `  # mainguard: ignore[CODE]` at the
 * end of its first line (its last when the first ends inside a string), after any comment there.
 */
export function suppressionEdit(source: string, lines: LineIndex, root: Node, detection: Detection): Edit {
  const { node, rule } = detection;
  const rows = [...new Set([node.startPosition.row, node.endPosition.row])];
  const commentOn = (row: number) => {
    const end = lines.lineEnd(row);
    const last = root.descendantForIndex(Math.max(end - 1, lines.lineStart(row)));
    return last?.type === "comment" && last.startPosition.row === row ? last : undefined;
  };
  for (const row of rows) {
    const comment = commentOn(row);
    const match = comment && DIRECTIVE.exec(comment.text);
    if (!comment || !match) continue;
    const at = comment.startIndex + match.index;
    const codes = match[1]?.split(",").map((code) => code.trim()).filter(Boolean);
    // A bare `ignore` silences every rule already.
    if (!codes?.length) return { start: at, end: at, text: "" };
    if (codes.some((code) => code.toUpperCase() === rule)) return { start: at, end: at, text: "" };
    return { start: at, end: at + match[0].length, text: `# mainguard: ignore[${[...codes, rule].join(", ")}]` };
  }
  // The end of a line that a string literal continues past is inside it: use the node's last line.
  const insideString = (row: number) => {
    const end = lines.lineEnd(row);
    const at = root.descendantForIndex(end, end);
    for (let n: Node | null = at; n; n = n.parent) if ((n.type === "string" || n.type === "string_content") && n.startIndex < end && end < n.endIndex) return true;
    return false;
  };
  const row = insideString(node.startPosition.row) ? node.endPosition.row : node.startPosition.row;
  const end = lines.lineEnd(row);
  let at = end;
  while (at > lines.lineStart(row) && (source[at - 1] === " " || source[at - 1] === "\t")) at--;
  return { start: at, end: at, text: `  # mainguard: ignore[${rule}]` };
}
