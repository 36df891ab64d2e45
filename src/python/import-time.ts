import type { Node } from "web-tree-sitter";
import { isMainGuard } from "./main-guard.js";

/** Compound statements whose blocks run when their enclosing block runs. */
const RUNS_ITS_BLOCKS = new Set(["if_statement", "try_statement", "with_statement", "for_statement", "while_statement"]);
const CLAUSES = new Set(["elif_clause", "else_clause", "except_clause", "except_group_clause", "finally_clause", "block"]);

/** The statements of the module body (comments excluded), in source order. */
export function topLevelStatements(root: Node): Node[] {
  return root.namedChildren.filter((child): child is Node => child !== null && child.type !== "comment");
}

function blocksOf(statement: Node): Node[] {
  const blocks: Node[] = [];
  const visit = (node: Node) => {
    for (const child of node.namedChildren) {
      if (!child || !CLAUSES.has(child.type)) continue;
      if (child.type === "block") blocks.push(child);
      else visit(child);
    }
  };
  visit(statement);
  return blocks;
}

/**
 * Every statement executed when the module is imported (SPEC 1), in source order: the module
 * body and what is nested in its `if`/`try`/`with`/`for`/`while` blocks, but not main guards,
 * functions or classes.
 */
export function importTimeStatements(root: Node): Node[] {
  const statements: Node[] = [];
  const visit = (statement: Node) => {
    statements.push(statement);
    if (!RUNS_ITS_BLOCKS.has(statement.type) || isMainGuard(statement)) return;
    for (const block of blocksOf(statement)) {
      for (const child of block.namedChildren) {
        if (child && child.type !== "comment") visit(child);
      }
    }
  };
  for (const statement of topLevelStatements(root)) visit(statement);
  return statements;
}
