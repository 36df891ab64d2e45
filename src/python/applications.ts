import type { Node } from "web-tree-sitter";
import { NOT_PROJECT_PACKAGES, type AppFramework, type Catalog } from "../catalog.js";
import { latestBefore, type AssignmentBinding, type ImportBinding, type Scopes } from "./module-scope.js";

/** An expression recognised as an application object, and why (shown with --verbose, in JSON). */
export interface Application {
  frameworks: readonly AppFramework[];
  reason: string;
  /** The assignment that made it, when a name bound to an application call stands for it. */
  madeBy?: Node;
}

const line = (node: Node) => node.startPosition.row + 1;
const topPackage = (module: string) => module.split(".")[0]!;

type Binding = { kind: "import"; binding: ImportBinding } | { kind: "assignment"; binding: AssignmentBinding };

/** The binding a name has at `offset`: the innermost scope that binds it, its latest binding there. */
export function bindingOf(name: string, scopes: Scopes, offset: number): Binding | undefined {
  for (const scope of scopes) {
    const imported = latestBefore(scope.imports.get(name), offset);
    const assigned = latestBefore(scope.assignments.get(name), offset);
    if (imported && (!assigned || assigned.node.startIndex < imported.node.startIndex)) return { kind: "import", binding: imported };
    if (assigned) return { kind: "assignment", binding: assigned };
  }
  return undefined;
}

/** The dotted name an identifier or attribute chain stands for through the imports. */
export function qualifiedName(expression: Node, scopes: Scopes, offset: number, catalog: Catalog): string | undefined {
  if (expression.type === "attribute") {
    const object = expression.childForFieldName("object");
    const attribute = expression.childForFieldName("attribute");
    const base = object && qualifiedName(object, scopes, offset, catalog);
    return base && attribute ? `${base}.${attribute.text}` : undefined;
  }
  if (expression.type !== "identifier") return undefined;
  const name = expression.text;
  const bound = bindingOf(name, scopes, offset);
  if (bound) return bound.kind === "import" ? bound.binding.qualified : undefined;
  // `from flask import *` then `Flask(...)`: only names the catalog knows.
  for (const star of scopes.flatMap((scope) => scope.starImports)) {
    if (star.node.startIndex >= offset) continue;
    const candidate = `${star.module}.${name}`;
    const known =
      catalog.frameworks.some((framework) => framework.appClasses.includes(candidate)) ||
      catalog.serverFunctions.some((fn) => fn.qualified === candidate);
    if (known) return candidate;
  }
  return undefined;
}

function frameworkOfClass(callee: Node, scopes: Scopes, offset: number, catalog: Catalog, depth = 0): AppFramework | undefined {
  const qualified = qualifiedName(callee, scopes, offset, catalog);
  if (qualified) return catalog.frameworks.find((framework) => framework.appClasses.includes(qualified));
  // A class of this file that extends an application class.
  if (callee.type !== "identifier" || depth > 8) return undefined;
  for (const scope of scopes) {
    for (const base of scope.classes.get(callee.text) ?? []) {
      const framework = frameworkOfClass(base, scopes, offset, catalog, depth + 1);
      if (framework) return framework;
    }
  }
  return undefined;
}

function lastName(expression: Node): string | undefined {
  if (expression.type === "identifier") return expression.text;
  if (expression.type === "attribute") return expression.childForFieldName("attribute")?.text;
  return undefined;
}

/** A call that returns an application: an application class or an app factory. */
function applicationCall(call: Node, scopes: Scopes, offset: number, catalog: Catalog) {
  if (call.type !== "call") return undefined;
  const callee = call.childForFieldName("function");
  if (!callee) return undefined;
  const framework = frameworkOfClass(callee, scopes, offset, catalog);
  if (framework) return { frameworks: [framework], what: `a ${framework.name} application` };
  const name = lastName(callee);
  if (name && catalog.factoryNames.includes(name)) {
    return { frameworks: catalog.frameworks, what: "an application made by an app factory" };
  }
  return undefined;
}

/**
 * `from . import app`, or `from myproject import app` where the host found `myproject` beside the
 * file. A package's `app` (`from vispy import app`, a GUI toolkit's event loop) is not the project's
 * application, whatever it exports.
 */
function isProjectImport(binding: ImportBinding, isProjectModule: (name: string) => boolean) {
  return binding.relative || isProjectModule(topPackage(binding.module));
}

/** Which of `candidates` the file imports before `offset`, and the first import of one of them. */
function importedFrameworks(candidates: readonly AppFramework[], scopes: Scopes, offset: number) {
  const imports = scopes
    .flatMap((scope) => [...[...scope.imports.values()].flat(), ...scope.starImports])
    .filter((binding) => !binding.relative && binding.node.startIndex < offset)
    .sort((a, b) => a.node.startIndex - b.node.startIndex);
  const frameworks = candidates.filter((framework) => imports.some((binding) => topPackage(binding.module) === framework.package));
  const first = imports.find((binding) => frameworks.some((framework) => topPackage(binding.module) === framework.package));
  return { frameworks, first };
}

/** Whether `receiver` (the `X` of `X.run(...)`) is an application, and why. */
export function explainApplication(
  receiver: Node,
  scopes: Scopes,
  offset: number,
  catalog: Catalog,
  isProjectModule: (name: string) => boolean,
): Application | undefined {
  if (receiver.type === "call") {
    const made = applicationCall(receiver, scopes, offset, catalog);
    const callee = receiver.childForFieldName("function")!;
    if (made) return { frameworks: made.frameworks, reason: `the receiver \`${callee.text}(...)\` is ${made.what}` };
    // `demo.queue().launch()`: a method that returns the application it is called on.
    const method = callee.type === "attribute" ? callee.childForFieldName("attribute")!.text : "";
    const chained = catalog.frameworks.some((framework) => framework.returnsSelf?.includes(method));
    const inner = chained ? explainApplication(callee.childForFieldName("object")!, scopes, offset, catalog, isProjectModule) : undefined;
    const frameworks = inner?.frameworks.filter((framework) => framework.returnsSelf?.includes(method)) ?? [];
    return frameworks.length > 0 ? { frameworks, reason: `${inner!.reason}, and \`${method}()\` returns it` } : undefined;
  }
  if (receiver.type !== "identifier") return undefined;
  const name = receiver.text;
  const named = catalog.frameworks.filter((framework) => framework.appNames.includes(name));
  const bound = bindingOf(name, scopes, offset);
  if (bound?.kind === "assignment") {
    const made = applicationCall(bound.binding.value, scopes, offset, catalog);
    if (made) {
      const callee = bound.binding.value.childForFieldName("function")!.text;
      return {
        frameworks: made.frameworks,
        reason: `\`${name}\` is bound to \`${callee}(...)\` (${made.what}) on line ${line(bound.binding.node)}`,
        madeBy: bound.binding.node,
      };
    }
  } else if (bound?.kind === "import") {
    const projectNamed = named.filter((framework) => !framework.namesNeedImport);
    if (projectNamed.length === 0 || !bound.binding.from || NOT_PROJECT_PACKAGES.includes(topPackage(bound.binding.module))) return undefined;
    const at = `\`${bound.binding.module}\` on line ${line(bound.binding.node)}`;
    if (isProjectImport(bound.binding, isProjectModule)) return { frameworks: projectNamed, reason: `\`${name}\` is imported from the project module ${at}` };
    // A module not found beside the file may still be the project's: a web framework's file says so.
    const { frameworks, first: web } = importedFrameworks(projectNamed, scopes, offset);
    if (!web) return undefined;
    return { frameworks, reason: `\`${name}\` is imported from ${at} in a file that imports \`${web.module}\` on line ${line(web.node)}` };
  }
  const { frameworks, first } = importedFrameworks(named, scopes, offset);
  if (!first) return undefined;
  return {
    frameworks,
    reason: `\`${name}\` is named like an application and the file imports \`${first.module}\` on line ${line(first.node)}`,
  };
}
