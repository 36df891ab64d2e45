import type { Node } from "web-tree-sitter";
import { branchesOf } from "./main-guard.js";

/** Compound statements whose blocks run when their enclosing block runs. */
const RUNS_ITS_BLOCKS = new Set(["if_statement", "try_statement", "with_statement", "for_statement", "while_statement", "match_statement"]);
const CLAUSES = new Set(["elif_clause", "else_clause", "except_clause", "except_group_clause", "finally_clause", "case_clause", "block"]);

const statementsOf = (block: Node) => block.namedChildren.filter((child): child is Node => child !== null && child.type !== "comment");

/** The statements of the module body (comments excluded), in source order. */
export function topLevelStatements(root: Node): Node[] {
  return statementsOf(root);
}

/** A block of statements, and whether it runs only when the module is imported (see `branchesOf`). */
interface Block {
  block: Node;
  importOnly: boolean;
}

/** The blocks of a compound statement that hold statements (a `match`'s cases' included). */
function blocksOf(statement: Node): Node[] {
  const blocks: Node[] = [];
  const visit = (node: Node) => {
    for (const child of node.namedChildren) {
      if (!child || !CLAUSES.has(child.type)) continue;
      // A `match`'s body is a block of cases, whose own blocks hold the statements.
      if (child.type === "block" && !child.namedChildren.some((item) => item?.type === "case_clause")) blocks.push(child);
      else visit(child);
    }
  };
  visit(statement);
  return blocks;
}

/** The blocks that run when `statement` does: without the blocks an `if` runs only as a script, when `skipScriptOnly`. */
function runningBlocks(statement: Node, skipScriptOnly: boolean): Block[] {
  if (statement.type !== "if_statement") return blocksOf(statement).map((block) => ({ block, importOnly: false }));
  return branchesOf(statement)
    .filter((branch) => !skipScriptOnly || branch.runs !== "script-only")
    .map(({ block, runs }) => ({ block, importOnly: runs === "import-only" }));
}

/** Statements in source order, and those of them that run only when the module is imported. */
export interface RunningStatements {
  statements: Node[];
  importOnly: Set<Node>;
}

/**
 * `statements` and every statement nested in their `if`/`try`/`with`/`for`/`while`/`match`
 * blocks, in source order, without entering functions or classes (nor, when `skipScriptOnly`,
 * the blocks that run only as a script).
 */
function flatten(statements: Node[], skipScriptOnly: boolean): RunningStatements {
  const flat: RunningStatements = { statements: [], importOnly: new Set() };
  const visit = (statement: Node, importOnly: boolean) => {
    flat.statements.push(statement);
    if (importOnly) flat.importOnly.add(statement);
    if (!RUNS_ITS_BLOCKS.has(statement.type)) return;
    for (const block of runningBlocks(statement, skipScriptOnly)) {
      for (const inner of statementsOf(block.block)) visit(inner, importOnly || block.importOnly);
    }
  };
  for (const statement of statements) visit(statement, false);
  return flat;
}

/**
 * Every statement executed when the module is imported, in source order: the module body (its
 * `topLevelStatements`) and what is nested in its `if`/`try`/`with`/`for`/`while`/`match` blocks,
 * but not the blocks that run only as a script (the body of `if __name__ == "__main__":`, an
 * `elif __name__ == "__main__":`'s), functions or classes. `importOnly` holds those that run only
 * on import (under the `else` of a main guard, or `if __name__ != "__main__":`).
 */
export function importTimeStatements(topLevel: Node[]): RunningStatements {
  return flatten(topLevel, true);
}

/**
 * The statements of the bodies of the classes `statements` define, nested classes' included, with
 * what their blocks run (not their methods, nor blocks that run only as a script): a class body
 * runs when its definition does. Their bindings are the class's, not the module's. `mayHold`
 * tells from a class's text whether its body can hold what is looked for (most classes cannot).
 */
export function classBodyStatements(statements: readonly Node[], mayHold: (definition: Node) => boolean = () => true): Node[] {
  const found: Node[] = [];
  const visit = (list: readonly Node[]) => {
    for (const statement of list) {
      const type = statement.type;
      if (type !== "class_definition" && type !== "decorated_definition") continue;
      const definition = type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
      const body = definition?.type === "class_definition" && mayHold(definition) ? definition.childForFieldName("body") : null;
      if (!body) continue;
      const inner = flatten(statementsOf(body), true).statements;
      found.push(...inner);
      visit(inner);
    }
  };
  visit(statements);
  return found;
}

/** The statements a function's body runs (nested functions and classes excluded). */
export function functionStatements(definition: Node): Node[] {
  const body = definition.childForFieldName("body");
  return body ? flatten(statementsOf(body), false).statements : [];
}
