import type { Node } from "web-tree-sitter";
import { APP_FACTORY_NAMES, APP_FRAMEWORKS, APP_NAMES, NOT_PROJECT_PACKAGES, type AppFramework } from "../catalog.js";
import { latestBefore, type ImportBinding, type ModuleScope } from "./module-scope.js";

/** An expression recognised as an application object, and why (shown with --verbose, in JSON). */
export interface Application {
  frameworks: readonly AppFramework[];
  reason: string;
}

const line = (node: Node) => node.startPosition.row + 1;
const topPackage = (module: string) => module.split(".")[0]!;

/** The dotted name an identifier or attribute chain stands for through the module's imports. */
export function qualifiedName(expression: Node, scope: ModuleScope, offset: number): string | undefined {
  if (expression.type === "attribute") {
    const object = expression.childForFieldName("object");
    const attribute = expression.childForFieldName("attribute");
    const base = object && qualifiedName(object, scope, offset);
    return base && attribute ? `${base}.${attribute.text}` : undefined;
  }
  if (expression.type !== "identifier") return undefined;
  const name = expression.text;
  const imported = latestBefore(scope.imports.get(name), offset);
  const assigned = latestBefore(scope.assignments.get(name), offset);
  if (imported && (!assigned || assigned.node.startIndex < imported.node.startIndex)) return imported.qualified;
  if (assigned) return undefined;
  // `from flask import *` then `Flask(...)`.
  for (const star of scope.starImports) {
    if (star.node.startIndex >= offset) continue;
    const candidate = `${star.module}.${name}`;
    if (APP_FRAMEWORKS.some((framework) => framework.appClasses.includes(candidate))) return candidate;
  }
  return undefined;
}

function frameworkOfClass(callee: Node, scope: ModuleScope, offset: number, depth = 0): AppFramework | undefined {
  const qualified = qualifiedName(callee, scope, offset);
  if (qualified) return APP_FRAMEWORKS.find((framework) => framework.appClasses.includes(qualified));
  // A class of this file that extends an application class.
  if (callee.type !== "identifier" || depth > 8) return undefined;
  for (const base of scope.classes.get(callee.text) ?? []) {
    const framework = frameworkOfClass(base, scope, offset, depth + 1);
    if (framework) return framework;
  }
  return undefined;
}

function lastName(expression: Node): string | undefined {
  if (expression.type === "identifier") return expression.text;
  if (expression.type === "attribute") return expression.childForFieldName("attribute")?.text;
  return undefined;
}

/** A call that returns an application: an application class or an app factory. */
function applicationCall(call: Node, scope: ModuleScope, offset: number): { frameworks: readonly AppFramework[]; what: string } | undefined {
  if (call.type !== "call") return undefined;
  const callee = call.childForFieldName("function");
  if (!callee) return undefined;
  const framework = frameworkOfClass(callee, scope, offset);
  if (framework) return { frameworks: [framework], what: `a ${framework.name} application` };
  const name = lastName(callee);
  if (name && APP_FACTORY_NAMES.includes(name)) return { frameworks: APP_FRAMEWORKS, what: "an application made by an app factory" };
  return undefined;
}

function isProjectImport(binding: ImportBinding): boolean {
  return binding.relative || !NOT_PROJECT_PACKAGES.includes(topPackage(binding.module));
}

/** The first import of an application framework's package, if the file has one before `offset`. */
function frameworkImports(scope: ModuleScope, offset: number): { frameworks: AppFramework[]; first?: ImportBinding } {
  const all = [...[...scope.imports.values()].flat(), ...scope.starImports]
    .filter((binding) => !binding.relative && binding.node.startIndex < offset)
    .sort((a, b) => a.node.startIndex - b.node.startIndex);
  const frameworks = APP_FRAMEWORKS.filter((framework) => all.some((binding) => topPackage(binding.module) === framework.package));
  const first = all.find((binding) => frameworks.some((framework) => topPackage(binding.module) === framework.package));
  return { frameworks, first };
}

/** Whether `receiver` (the `X` of `X.run(...)`) is an application (SPEC 3), and why. */
export function explainApplication(receiver: Node, scope: ModuleScope, offset: number): Application | undefined {
  if (receiver.type === "call") {
    const made = applicationCall(receiver, scope, offset);
    const callee = receiver.childForFieldName("function")!.text;
    return made && { frameworks: made.frameworks, reason: `the receiver \`${callee}(...)\` is ${made.what}` };
  }
  if (receiver.type !== "identifier") return undefined;
  const name = receiver.text;
  const imported = latestBefore(scope.imports.get(name), offset);
  const assigned = latestBefore(scope.assignments.get(name), offset);
  if (assigned && (!imported || imported.node.startIndex < assigned.node.startIndex)) {
    const made = applicationCall(assigned.value, scope, offset);
    if (made) {
      const callee = assigned.value.childForFieldName("function")!.text;
      return { frameworks: made.frameworks, reason: `\`${name}\` is bound to \`${callee}(...)\` (${made.what}) on line ${line(assigned.node)}` };
    }
  } else if (imported) {
    if (!APP_NAMES.includes(name) || !isProjectImport(imported)) return undefined;
    return { frameworks: APP_FRAMEWORKS, reason: `\`${name}\` is imported from the project module \`${imported.module}\` on line ${line(imported.node)}` };
  }
  if (!APP_NAMES.includes(name)) return undefined;
  const { frameworks, first } = frameworkImports(scope, offset);
  if (!first) return undefined;
  return {
    frameworks,
    reason: `\`${name}\` is named like an application and the file imports \`${first.module}\` on line ${line(first.node)}`,
  };
}
