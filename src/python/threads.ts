import type { Node } from "web-tree-sitter";
import type { Catalog } from "../catalog.js";
import { bindingOf, qualifiedName } from "./applications.js";
import type { Scopes } from "./module-scope.js";
import { shortText } from "./short-text.js";

/** Classes whose `start()` runs their `target` (in a thread, or a process) right away. */
const RUNNERS = ["threading.Thread", "multiprocessing.Process"];

/** A `start()` that runs a function: the function, and how the start reads. */
export interface ThreadStart {
  /** The `target=` value: `app.run`, `run`. */
  target: Node;
  /** How the `start()` reads in messages: `Thread(target=app.run).start()`, or `t.start()`. */
  shown: string;
  /** A `multiprocessing.Process`, not a thread. */
  process: boolean;
}

/**
 * What `call` starts, if it is `Thread(target=f, ...).start()`, or `t.start()` with `t` bound
 * before it to `Thread(target=f, ...)` (`threading.Thread` or `multiprocessing.Process`, through
 * the imports): the `start()` runs `f` at once, so a server `f` starts is started there.
 */
export function threadStart(call: Node, scopes: Scopes, catalog: Catalog): ThreadStart | undefined {
  const callee = call.childForFieldName("function");
  if (callee?.type !== "attribute" || callee.childForFieldName("attribute")?.text !== "start") return undefined;
  let made: Node | null = callee.childForFieldName("object");
  if (made?.type === "identifier") {
    const bound = bindingOf(made.text, scopes, call.startIndex);
    made = bound?.kind === "assignment" ? bound.binding.value : null;
  }
  if (made?.type !== "call") return undefined;
  const runner = made.childForFieldName("function");
  const qualified = runner && qualifiedName(runner, scopes, made.startIndex, catalog);
  if (!qualified || !RUNNERS.includes(qualified)) return undefined;
  for (const argument of made.childForFieldName("arguments")?.namedChildren ?? []) {
    if (argument?.type !== "keyword_argument" || argument.childForFieldName("name")?.text !== "target") continue;
    const target = argument.childForFieldName("value");
    if (!target) return undefined;
    const object = callee.childForFieldName("object")!;
    const shown = object.type === "identifier" ? `${object.text}.start()` : `${shortText(runner)}(target=${shortText(target)}).start()`;
    return { target, shown, process: qualified === "multiprocessing.Process" };
  }
  return undefined;
}
