import type { Node } from "web-tree-sitter";
import { isMainGuard } from "./main-guard.js";

/** Compound statements whose blocks run when their enclosing block runs. */
const RUNS_ITS_BLOCKS = new Set(["if_statement", "try_statement", "with_statement", "for_statement", "while_statement"]);
const CLAUSES = new Set(["elif_clause", "else_clause", "except_clause", "except_group_clause", "finally_clause", "block"]);

const statementsOf = (block: Node) => block.namedChildren.filter((child): child is Node => child !== null && child.type !== "comment");

/** The statements of the module body (comments excluded), in source order. */
export function topLevelStatements(root: Node): Node[] {
  return statementsOf(root);
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
 * `statements` and every statement nested in their `if`/`try`/`with`/`for`/`while` blocks, in
 * source order, without entering functions, classes, or compound statements `stop` names.
 */
function flatten(statements: Node[], stop: (statement: Node) => boolean): Node[] {
  const flat: Node[] = [];
  const visit = (statement: Node) => {
    flat.push(statement);
    if (!RUNS_ITS_BLOCKS.has(statement.type) || stop(statement)) return;
    for (const block of blocksOf(statement)) statementsOf(block).forEach(visit);
  };
  statements.forEach(visit);
  return flat;
}

/**
 * Every statement executed when the module is imported (SPEC 1), in source order: the module
 * body (its `topLevelStatements`) and what is nested in its `if`/`try`/`with`/`for`/`while`
 * blocks, but not main guards, functions or classes.
 */
export function importTimeStatements(topLevel: Node[]): Node[] {
  return flatten(topLevel, isMainGuard);
}

/** The statements a function's body runs (nested functions and classes excluded). */
export function functionStatements(definition: Node): Node[] {
  const body = definition.childForFieldName("body");
  return body ? flatten(statementsOf(body), () => false) : [];
}
