import type { Node } from "web-tree-sitter";
import { scriptOnlyBody } from "./main-guard.js";

/** Compound statements whose blocks run when their enclosing block runs. */
const RUNS_ITS_BLOCKS = new Set(["if_statement", "try_statement", "with_statement", "for_statement", "while_statement"]);
const CLAUSES = new Set(["elif_clause", "else_clause", "except_clause", "except_group_clause", "finally_clause", "block"]);

const statementsOf = (block: Node) => block.namedChildren.filter((child): child is Node => child !== null && child.type !== "comment");

/** The statements of the module body (comments excluded), in source order. */
export function topLevelStatements(root: Node): Node[] {
  return statementsOf(root);
}

/** The blocks of a compound statement, but for `skip` (a block of its own, or undefined). */
function blocksOf(statement: Node, skip: Node | undefined): Node[] {
  const blocks: Node[] = [];
  const visit = (node: Node) => {
    for (const child of node.namedChildren) {
      if (!child || !CLAUSES.has(child.type)) continue;
      if (child.type === "block") {
        if (child.startIndex !== skip?.startIndex) blocks.push(child);
      } else visit(child);
    }
  };
  visit(statement);
  return blocks;
}

/**
 * `statements` and every statement nested in their `if`/`try`/`with`/`for`/`while` blocks, in
 * source order, without entering functions, classes, or the block `skipped` names in a statement.
 */
function flatten(statements: Node[], skipped: (statement: Node) => Node | undefined): Node[] {
  const flat: Node[] = [];
  const visit = (statement: Node) => {
    flat.push(statement);
    if (!RUNS_ITS_BLOCKS.has(statement.type)) return;
    for (const block of blocksOf(statement, skipped(statement))) statementsOf(block).forEach(visit);
  };
  statements.forEach(visit);
  return flat;
}

/**
 * Every statement executed when the module is imported, in source order: the module
 * body (its `topLevelStatements`) and what is nested in its `if`/`try`/`with`/`for`/`while`
 * blocks, but not the bodies of main guards (an `if __name__ == "__main__":` with an `else`
 * included: its `else` runs on import), functions or classes.
 */
export function importTimeStatements(topLevel: Node[]): Node[] {
  return flatten(topLevel, scriptOnlyBody);
}

/** The statements a function's body runs (nested functions and classes excluded). */
export function functionStatements(definition: Node): Node[] {
  const body = definition.childForFieldName("body");
  return body ? flatten(statementsOf(body), () => undefined) : [];
}
