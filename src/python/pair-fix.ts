import type { Node } from "web-tree-sitter";
import type { Applicability, GuardFix } from "../types.js";
import type { ModuleAnalysis } from "./analysis.js";
import type { ServerStart } from "./server-starts.js";

/**
 * The fix that guards `statement` (a top-level statement holding `start`), with the statements
 * before it that open the socket the start serves (see `ModuleAnalysis.movedWith`): then the fix
 * moves other statements, so it is unsafe, and `reason` says what moves.
 */
export function guardFix(analysis: ModuleAnalysis, statement: Node, start: ServerStart | undefined, applicability: Applicability): { fix: GuardFix; reason: string } {
  const along = start ? analysis.movedWith(statement, start) : [];
  if (along.length === 0) return { fix: { applicability, statement }, reason: "" };
  const first = along[0]!.startPosition.row + 1;
  const last = statement.startPosition.row;
  const lines = first === last ? `line ${first}` : `lines ${first}-${last}`;
  const opener = start!.openers!.find((node) => node.startIndex >= along[0]!.startIndex)!;
  const text = opener.text.includes("\n") || opener.text.length > 50 ? `${opener.text.split("(")[0]}(...)` : opener.text;
  return {
    fix: { applicability: "unsafe", statement, along },
    reason: `; the fix also moves ${lines}, where \`${text}\` opens the socket it serves (unsafe: other statements move)`,
  };
}
