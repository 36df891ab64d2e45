import type { Node } from "web-tree-sitter";
import { argumentOrderSuspects } from "../python/argument-suspects.js";
import { atNode, earlier, type SyntaxProblem } from "./syntax-problem.js";

/**
 * Lists the grammar accepts in an order Python rejects. Its parser refuses a positional argument
 * after a keyword one (`f(a=1, 2)`) or after `**mapping`, `*iterable` after `**mapping`, and a
 * parameter without a default after one with a default (`def f(a=1, b)`, `lambda a=1, b: 0`);
 * its compiler, once the file has parsed, a repeated keyword (`f(a=1, a=2)`).
 */
export interface MisorderedItems {
  parse?: SyntaxProblem;
  compile?: SyntaxProblem;
}

const LISTS = new Set(["argument_list", "parameters", "lambda_parameters"]);
const IGNORED = new Set(["comment", "line_continuation"]);

/**
 * The first of each kind in `text` (whose tree is `root`), in the lists that hold the suspects the
 * text names (see `argumentOrderSuspects`): only those are looked up in the tree, so a file whose
 * keywords all come last costs no walk of its tree at all.
 */
export function misorderedItems(text: string, root: Node): MisorderedItems {
  const found: MisorderedItems = {};
  const seen = new Set<number>();
  for (const offset of argumentOrderSuspects(text)) {
    const list = listAround(root, offset);
    if (!list || seen.has(list.startIndex)) continue;
    seen.add(list.startIndex);
    const problems = list.type === "argument_list" ? argumentsProblems(list) : parametersProblem(list);
    found.parse = earlier(found.parse, problems.parse);
    found.compile = earlier(found.compile, problems.compile);
  }
  return found;
}

/** The innermost argument or parameter list holding `offset` as one of its items. */
function listAround(root: Node, offset: number): Node | undefined {
  for (let node: Node | null = root.descendantForIndex(offset); node; node = node.parent) {
    if (node.parent && LISTS.has(node.parent.type)) return node.parent;
  }
  return undefined;
}

function argumentsProblems(list: Node): MisorderedItems {
  const found: MisorderedItems = {};
  let keyword = false;
  let mapping = false;
  const names = new Set<string>();
  for (const item of list.namedChildren) {
    if (!item || IGNORED.has(item.type)) continue;
    if (item.type === "keyword_argument") {
      const name = item.childForFieldName("name")?.text ?? "";
      if (names.has(name)) found.compile ??= atNode(item, `keyword argument repeated: ${name}`);
      names.add(name);
      keyword = true;
    } else if (item.type === "dictionary_splat") {
      mapping = keyword = true;
    } else if (item.type === "list_splat") {
      if (mapping) return { ...found, parse: atNode(item, "iterable argument unpacking follows keyword argument unpacking") };
    } else if (keyword) {
      // Python points at the list's closing parenthesis.
      const close = list.lastChild?.type === ")" ? list.lastChild : item;
      return { ...found, parse: atNode(close, `positional argument follows keyword argument${mapping ? " unpacking" : ""}`) };
    }
  }
  return found;
}

function parametersProblem(list: Node): MisorderedItems {
  let defaulted = false;
  for (const item of list.namedChildren) {
    if (!item || IGNORED.has(item.type)) continue;
    const type = item.type === "typed_parameter" && item.firstChild?.type.endsWith("splat_pattern") ? item.firstChild.type : item.type;
    // After `*` or `*args`, parameters are keyword-only: a default is optional for each.
    if (type === "list_splat_pattern" || type === "keyword_separator" || type === "dictionary_splat_pattern") return {};
    if (type === "default_parameter" || type === "typed_default_parameter") defaulted = true;
    else if ((type === "identifier" || type === "typed_parameter") && defaulted) return { parse: atNode(item, "non-default argument follows default argument") };
  }
  return {};
}
