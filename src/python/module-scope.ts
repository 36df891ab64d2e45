import type { Node } from "web-tree-sitter";

/** A name bound by an import at import time. */
export interface ImportBinding {
  /** Dotted name the local name stands for; relative imports start with dots (`.views.app`). */
  qualified: string;
  /** The module named in the statement (`flask`, `.`, `.views`). */
  module: string;
  relative: boolean;
  /** `from m import name` (as opposed to `import m`). */
  from: boolean;
  node: Node;
}

/** A name bound by `name = <expression>` at import time. */
export interface AssignmentBinding {
  value: Node;
  node: Node;
}

/**
 * What a module binds at import time (or a function's body binds), with positions so a use sees
 * only earlier bindings.
 */
export interface ModuleScope {
  imports: Map<string, ImportBinding[]>;
  assignments: Map<string, AssignmentBinding[]>;
  /** Modules imported with `from m import *`. */
  starImports: ImportBinding[];
  /** Top-level classes: name → base-class expressions. */
  classes: Map<string, Node[]>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function moduleNameOf(node: Node): { module: string; relative: boolean } {
  if (node.type === "relative_import") {
    const prefix = node.namedChildren.find((child) => child?.type === "import_prefix")?.text ?? "";
    const rest = node.namedChildren.find((child) => child?.type === "dotted_name")?.text ?? "";
    return { module: prefix + rest, relative: true };
  }
  return { module: node.text, relative: false };
}

function join(module: string, name: string): string {
  return module.endsWith(".") ? module + name : `${module}.${name}`;
}

function collectImport(statement: Node, scope: ModuleScope): void {
  if (statement.type === "import_statement") {
    for (const name of statement.childrenForFieldName("name")) {
      if (!name) continue;
      if (name.type === "aliased_import") {
        const dotted = name.childForFieldName("name")!.text;
        const alias = name.childForFieldName("alias")!.text;
        push(scope.imports, alias, { qualified: dotted, module: dotted, relative: false, from: false, node: statement });
      } else {
        // `import a.b.c` binds `a`.
        const first = name.text.split(".")[0]!;
        push(scope.imports, first, { qualified: first, module: name.text, relative: false, from: false, node: statement });
      }
    }
    return;
  }
  const moduleNode = statement.childForFieldName("module_name");
  if (!moduleNode) return;
  const { module, relative } = moduleNameOf(moduleNode);
  if (statement.namedChildren.some((child) => child?.type === "wildcard_import")) {
    scope.starImports.push({ qualified: module, module, relative, from: true, node: statement });
    return;
  }
  for (const name of statement.childrenForFieldName("name")) {
    if (!name) continue;
    const imported = name.type === "aliased_import" ? name.childForFieldName("name")!.text : name.text;
    const local = name.type === "aliased_import" ? name.childForFieldName("alias")!.text : name.text;
    push(scope.imports, local, { qualified: join(module, imported), module, relative, from: true, node: statement });
  }
}

function collectAssignment(assignment: Node, scope: ModuleScope): void {
  // `a = b = value` nests: the innermost right-hand side is the value of every target.
  const targets: Node[] = [];
  let current: Node | null = assignment;
  while (current && current.type === "assignment") {
    const left = current.childForFieldName("left");
    if (left) targets.push(left);
    current = current.childForFieldName("right");
  }
  if (!current) return;
  for (const target of targets) {
    if (target.type === "identifier") push(scope.assignments, target.text, { value: current, node: assignment });
  }
}

/** The bindings made by `statements` (see import-time.ts for which statements a scope runs). */
export function collectScope(statements: readonly Node[]): ModuleScope {
  const scope: ModuleScope = { imports: new Map(), assignments: new Map(), starImports: [], classes: new Map() };
  for (const statement of statements) {
    switch (statement.type) {
      case "import_statement":
      case "import_from_statement":
        collectImport(statement, scope);
        break;
      case "expression_statement": {
        const expression = statement.namedChild(0);
        if (expression?.type === "assignment") collectAssignment(expression, scope);
        break;
      }
      case "class_definition": {
        const name = statement.childForFieldName("name")?.text;
        const bases = statement.childForFieldName("superclasses")?.namedChildren ?? [];
        if (name) scope.classes.set(name, bases.filter((base): base is Node => base !== null && base.type !== "keyword_argument"));
        break;
      }
    }
  }
  return scope;
}

/** Scopes to look a name up in, innermost first: a function's locals, then the module. */
export type Scopes = readonly ModuleScope[];

/** The latest binding in `list` that starts before `offset`. */
export function latestBefore<T extends { node: Node }>(list: T[] | undefined, offset: number): T | undefined {
  let found: T | undefined;
  for (const binding of list ?? []) {
    if (binding.node.startIndex < offset) found = binding;
  }
  return found;
}
