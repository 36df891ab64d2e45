import type { Node } from "web-tree-sitter";
import type { Catalog } from "../catalog.js";
import type { TransformContext } from "../types.js";
import { bindingOf, qualifiedName } from "./applications.js";
import { classBodyStatements, functionStatements, importTimeStatements, topLevelStatements } from "./import-time.js";
import { branchesOf, scriptOnlyBlocks } from "./main-guard.js";
import { collectScope, type ModuleScope, type Scopes } from "./module-scope.js";
import { threadStart } from "./threads.js";
import { serverStart, type ServerStart } from "./server-starts.js";

/** Why calling a module function starts a server: the chain of calls down to the start. */
export interface StartingFunction {
  /** A `def`, or the `lambda` a module-level name is bound to. */
  definition: Node;
  /** "`main` calls `serve()` on line 5, which calls `uvicorn.run(...)` on line 9". */
  explanation: string;
  start: ServerStart;
}

/** A call that runs a module function at once: the function's name, how to show the call. */
interface Run {
  name: Node;
  shown: string;
  /** A plain call, which only makes a coroutine of an `async def`. */
  bare: boolean;
  /** How it reaches the function, when not by calling it: " (a thread that runs `run`)". */
  via?: string;
}

/** What every transform needs to know about a module, computed once per file. */
export class ModuleAnalysis {
  readonly root: Node;
  readonly catalog: Catalog;
  readonly scope: ModuleScope;
  /** The module body's statements, and every statement that runs at import time (computed once). */
  readonly topLevel: Node[];
  readonly importTime: Node[];
  /** The import-time statements that run only on import (under the `else` of a main guard, say). */
  readonly importOnly: ReadonlySet<Node>;
  /** Each statement's bare call, asked for by every transform (each question costs a WASM call). */
  private readonly bareCalls = new Map<Node, Node | undefined>();
  /** Module functions by name, each name's definitions in order, found on first use: most files never call one at import time. */
  private functions: Map<string, Node[]> | undefined;
  private readonly functionScopes = new Map<number, ModuleScope>();
  /** Answers of `startingFunction`, per definition (its start offset) and the moment of the call (see `functionNamed`). */
  private starting: Map<string, StartingFunction | null> | undefined;
  private classStatements: Node[] | undefined;
  private importTimeSet: Set<number> | undefined;

  constructor(root: Node, catalog: Catalog, private readonly isProjectModule: (name: string) => boolean = () => false) {
    this.root = root;
    this.catalog = catalog;
    this.topLevel = topLevelStatements(root);
    const running = importTimeStatements(this.topLevel);
    this.importTime = running.statements;
    this.importOnly = running.importOnly;
    this.scope = collectScope(this.importTime);
  }

  /**
   * The module-level function `name` as a call made by the module's code at offset `at` finds it:
   * the last definition before `at` (a later `def` of the same name rebinds it only from there on),
   * else the first one after (a function body may call one defined further down). Calls inside a
   * function run when the module-level call that enters it runs, so they pass that call's offset.
   */
  functionNamed(name: string, at: number): Node | undefined {
    if (!this.functions) {
      this.functions = new Map();
      for (const statement of this.topLevel) {
        const [defined, definition] = definedFunction(statement);
        if (defined) this.functions.set(defined, [...(this.functions.get(defined) ?? []), definition!]);
      }
    }
    const definitions = this.functions.get(name);
    if (!definitions) return undefined;
    let found = definitions[0];
    for (const definition of definitions) if (definition.startIndex < at) found = definition;
    return found;
  }

  /** The call `statement` consists of, if it is nothing else (see `bareCall`). */
  callOf(statement: Node): Node | undefined {
    if (!this.bareCalls.has(statement)) this.bareCalls.set(statement, bareCall(statement));
    return this.bareCalls.get(statement);
  }

  /**
   * For a statement that runs only on import (`importOnly`), the clause that makes it so: the
   * `else:` or `elif` of a main guard, or an `if __name__ != "__main__":`.
   */
  importOnlyClause(statement: Node): Node | undefined {
    if (!this.importOnly.has(statement)) return undefined;
    for (let block = statement.parent; block; block = block.parent?.parent ?? null) {
      if (block.type !== "block") continue;
      const clause = block.parent;
      const ifStatement = clause?.type === "if_statement" ? clause : clause?.type === "elif_clause" || clause?.type === "else_clause" ? clause.parent : null;
      if (ifStatement && branchesOf(ifStatement).some((branch) => branch.block.id === block.id && branch.runs === "import-only")) return clause!;
    }
    return undefined;
  }

  /** The statements of the class bodies that run on import (see `classBodyStatements`) of the classes `mayHold` keeps, found on first use. */
  classBodies(mayHold: (definition: Node) => boolean): Node[] {
    return (this.classStatements ??= classBodyStatements(this.importTime, mayHold));
  }

  /**
   * The top-level statements before `statement` (a top-level statement holding `start`) that a fix
   * moves with it: from the first that opens, at import time, the socket the start serves (see
   * `ServerStart.openers`) up to `statement`, so that the pair stays in order and together.
   */
  movedWith(statement: Node, start: ServerStart): Node[] {
    // Nodes reached by different paths are different objects: they are compared by id.
    const indexOf = (node: Node) => this.topLevel.findIndex((top) => top.id === node.id);
    const index = indexOf(statement);
    let from = index;
    for (const opener of start.openers ?? []) {
      if (this.runsAtImport(statementOf(opener))) from = Math.min(from, indexOf(topLevelAncestor(opener)));
    }
    return from === -1 ? [] : this.topLevel.slice(from, index);
  }

  private runsAtImport(statement: Node): boolean {
    this.importTimeSet ??= new Set(this.importTime.map((node) => node.id));
    return this.importTimeSet.has(statement.id);
  }

  /** The import-time statements nested in a top-level block (the top-level ones are `topLevel`). */
  nested(): Node[] {
    const topLevel = new Set(this.topLevel);
    return this.importTime.filter((statement) => !topLevel.has(statement));
  }

  /** A server start made by `call`, looked up from within `within` (a function) or the module. */
  serverStart(call: Node, within?: Node): ServerStart | undefined {
    const scopes = within ? [this.localScope(within), this.scope] : [this.scope];
    return serverStart(call, scopes, this.catalog, this.isProjectModule);
  }

  /** The bindings a function's body makes, collected once per function. */
  private localScope(definition: Node): ModuleScope {
    let scope = this.functionScopes.get(definition.startIndex);
    if (!scope) {
      // A lambda's body is one expression: it binds nothing.
      scope = collectScope(definition.type === "lambda" ? [] : functionStatements(definition));
      this.functionScopes.set(definition.startIndex, scope);
    }
    return scope;
  }

  /**
   * The start offsets of the module functions that running `calls` enters, calling them by bare
   * name, directly or through each other (calls under a function's own main guard excluded).
   */
  functionsReached(calls: readonly Node[]): Set<number> {
    const reached = new Set<number>();
    for (const outer of calls) {
      const pending = [outer];
      for (let call = pending.pop(); call; call = pending.pop()) {
        const callee = call.childForFieldName("function");
        const definition = callee?.type === "identifier" ? this.functionNamed(callee.text, outer.startIndex) : undefined;
        if (!definition || reached.has(definition.startIndex)) continue;
        reached.add(definition.startIndex);
        pending.push(...callsIn(definition.childForFieldName("body")));
      }
    }
    return reached;
  }

  /**
   * The module function a module-level `call` runs, if running it starts a server: `main()`,
   * `asyncio.run(main())`, `Thread(target=main).start()` (see `runCalled`).
   */
  startingCallee(call: Node): (StartingFunction & { shown: string }) | undefined {
    const run = this.runCalled(call, [this.scope]);
    return run && this.startingRun(run, call.startIndex);
  }

  /**
   * The module function a top-level decorator runs, if running it starts a server: `@serve` calls
   * `serve` on the function under it, `@serve(...)` calls `serve` itself, both when the
   * definition runs.
   */
  startingDecorator(decorator: Node): (StartingFunction & { shown: string }) | undefined {
    const expression = decorator.namedChildren.find((child) => child?.type !== "comment");
    if (expression?.type === "call") {
      const starting = this.startingCallee(expression);
      return starting && { ...starting, shown: `@${starting.shown.replace(/\(\)$/, "(...)")}` };
    }
    if (expression?.type !== "identifier") return undefined;
    return this.startingRun({ name: expression, shown: `@${expression.text}`, bare: true }, decorator.startIndex);
  }

  private startingRun(run: Run, at: number): (StartingFunction & { shown: string }) | undefined {
    const starting = this.startingFunction(run.name.text, at);
    if (!starting || (run.bare && isAsync(starting.definition))) return undefined;
    // Rebound after its definition (`main = other`), the name no longer means that function.
    const bound = bindingOf(run.name.text, [this.scope], at);
    if (bound && bound.binding.node.startIndex > starting.definition.startIndex) return undefined;
    return starting.definition.startIndex < at ? { ...starting, shown: run.shown } : undefined;
  }

  /**
   * The name of the function `call` runs at once, and how to show the call: `f()` (`bare`: an
   * `async def` called so only makes a coroutine), `asyncio.run(f())`, `await f()`, or a thread's
   * `start()` whose target is `f`.
   */
  private runCalled(call: Node, scopes: Scopes): Run | undefined {
    const callee = call.childForFieldName("function");
    if (callee?.type === "identifier") return { name: callee, shown: `${callee.text}()`, bare: call.parent?.type !== "await" };
    if (callee?.type !== "attribute") return undefined;
    // Most calls are methods of other names: one look at the name rules them out.
    const method = callee.childForFieldName("attribute")?.text;
    if (method !== "start" && method !== "run") return undefined;
    const thread = method === "start" ? threadStart(call, scopes, this.catalog) : undefined;
    if (thread?.target.type === "identifier") {
      return { name: thread.target, shown: thread.shown, bare: false, via: ` (a thread that runs \`${thread.target.text}\`)` };
    }
    if (method !== "run" || qualifiedName(callee, scopes, call.startIndex, this.catalog) !== "asyncio.run") return undefined;
    const coroutine = call.childForFieldName("arguments")?.namedChild(0);
    const inner = coroutine?.type === "call" ? coroutine.childForFieldName("function") : null;
    return inner?.type === "identifier" ? { name: inner, shown: `${callee.text}(${inner.text}())`, bare: false } : undefined;
  }

  /**
   * Whether calling `name` starts a server, searching its calls depth first. A call back into a
   * function being searched is cut there (that function's own search covers the rest), so
   * recursion ends; only final answers are kept, and a negative one only for the outermost search.
   */
  private startingFunction(name: string, at: number, visiting = new Set<string>(), explored = new Set<string>()): StartingFunction | undefined {
    this.starting ??= new Map();
    const key = `${name}@${at}`;
    const known = this.starting.get(key);
    if (known !== undefined) return known ?? undefined;
    const definition = this.functionNamed(name, at);
    if (!definition || visiting.has(name) || explored.has(name)) return undefined;
    visiting.add(name);
    const found = this.findStart(name, definition, at, visiting, explored);
    visiting.delete(name);
    if (found) this.starting.set(key, found);
    else if (visiting.size === 0) this.starting.set(key, null);
    else explored.add(name);
    return found;
  }

  private findStart(name: string, definition: Node, at: number, visiting: Set<string>, explored: Set<string>): StartingFunction | undefined {
    const locals = this.localScope(definition);
    const line = (node: Node) => node.startPosition.row + 1;
    for (const call of callsIn(definition.childForFieldName("body"))) {
      const start = serverStart(call, [locals, this.scope], this.catalog, this.isProjectModule);
      if (start) return { definition, start, explanation: `\`${name}\` calls \`${start.call}\` on line ${line(call)}` };
      const run = this.runCalled(call, [locals, this.scope]);
      if (!run || locals.imports.has(run.name.text) || locals.assignments.has(run.name.text)) continue;
      const inner = this.startingFunction(run.name.text, at, visiting, explored);
      if (inner && !(run.bare && isAsync(inner.definition))) {
        const rest = inner.explanation.replace(/^`[^`]+` calls /, "");
        return { definition, start: inner.start, explanation: `\`${name}\` calls \`${run.shown}\`${run.via ?? ""} on line ${line(call)}, which calls ${rest}` };
      }
    }
    return undefined;
  }
}

/** The module function a top-level statement defines: `def name`, or `name = lambda ...`. */
function definedFunction(statement: Node): [name: string | undefined, definition: Node | null] {
  if (statement.type === "expression_statement") {
    const assignment = statement.namedChild(0);
    const [left, right] = [assignment?.childForFieldName("left"), assignment?.childForFieldName("right")];
    return assignment?.type === "assignment" && left?.type === "identifier" && right?.type === "lambda" ? [left.text, right] : [undefined, null];
  }
  const definition = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
  return definition?.type === "function_definition" ? [definition.childForFieldName("name")?.text, definition] : [undefined, null];
}

/** An `async def`: calling it only makes a coroutine; its body runs when awaited or run by `asyncio.run`. */
function isAsync(definition: Node): boolean {
  return definition.type === "function_definition" && definition.child(0)?.type === "async";
}

/** The call a statement consists of (`f(...)`, `app.run(...)`), if it is nothing else. */
function bareCall(statement: Node): Node | undefined {
  if (statement.type !== "expression_statement" || statement.namedChildCount !== 1) return undefined;
  const expression = statement.namedChild(0)!;
  return expression.type === "call" ? expression : undefined;
}

/** The module-level statement that holds `node`. */
export function topLevelAncestor(node: Node): Node {
  let current = node;
  while (current.parent && current.parent.type !== "module") current = current.parent;
  return current;
}

/**
 * Calls in a function body, in source order, not counting those in nested functions or classes,
 * nor those under `if __name__ == "__main__":`, which do not run on import even when the function
 * does (its `else`, if any, does). A tree cursor walks the body, so only call nodes and `if`
 * statements become JavaScript objects.
 */
function callsIn(body: Node | null): Node[] {
  const calls: Node[] = [];
  if (!body) return calls;
  const cursor = body.walk();
  const scriptOnly = new Set<number>();
  try {
    let depth = 0;
    for (;;) {
      const type = cursor.nodeType;
      if (type === "call") calls.push(cursor.currentNode);
      if (type === "if_statement") for (const block of scriptOnlyBlocks(cursor.currentNode)) scriptOnly.add(block.startIndex);
      const opaque =
        type === "function_definition" || type === "class_definition" || type === "lambda" || (type === "block" && scriptOnly.has(cursor.startIndex));
      if (!opaque && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (depth === 0 || !cursor.gotoParent()) return calls;
        depth--;
      }
      if (depth === 0) return calls;
    }
  } finally {
    cursor.delete();
  }
}

/** The statement a node is part of: the node under a block or the module. */
function statementOf(node: Node): Node {
  let statement = node;
  while (statement.parent && statement.parent.type !== "block" && statement.parent.type !== "module") statement = statement.parent;
  return statement;
}

const cache = new WeakMap<TransformContext, ModuleAnalysis>();

/** The analysis of the context's module, shared by every transform that runs on it. */
export function analysisOf(context: TransformContext): ModuleAnalysis {
  let analysis = cache.get(context);
  if (!analysis) {
    analysis = new ModuleAnalysis(context.root, context.catalog, context.isProjectModule);
    cache.set(context, analysis);
  }
  return analysis;
}
