import type { Node } from "web-tree-sitter";
import type { Detection } from "../types.js";

/** `# mainguard: ignore` (every rule) or `# mainguard: ignore[MG001, MG101]`. */
const DIRECTIVE = /#\s*mainguard:\s*ignore(?:\[([^\]]*)\])?/;

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
