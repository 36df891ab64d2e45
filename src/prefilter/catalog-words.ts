import type { Catalog } from "../catalog.js";
import { wordSet, wordsPattern, type WordSet } from "./word-set.js";

/** A catalog's words compiled for the raw-text questions, once per catalog. */
export interface CatalogWords {
  needleWords: WordSet;
  needle: RegExp;
  receiver: RegExp;
  /** `debug=True` (or `use_debugger=True`) as a keyword argument, in code with comments blanked. */
  debugOn: RegExp;
  /** `<needle> as <alias>`: an import that renames a server function (group 1 is the alias). */
  alias: RegExp;
  /** The receiver words that make calls of a needle (its index in `catalog.needles`) starts. */
  receiversOf(needle: number): RegExp;
}

const compiled = new WeakMap<Catalog, CatalogWords>();

export function catalogWords(catalog: Catalog): CatalogWords {
  let words = compiled.get(catalog);
  if (!words) {
    const needle = wordsPattern(catalog.needles);
    words = {
      needleWords: wordSet(catalog.needles),
      needle,
      receiver: wordsPattern(catalog.receiverWords),
      debugOn: new RegExp(`${wordsPattern(catalog.debugKeywords).source}\\s*=[\\s\\\\]*True\\b`),
      alias: new RegExp(`${needle.source}\\s+as\\s+([A-Za-z_]\\w*)`, "g"),
      receiversOf: receiversOfNeedles(catalog),
    };
    compiled.set(catalog, words);
  }
  return words;
}

/** Each needle's receivers, as a regex made when first asked for. */
function receiversOfNeedles(catalog: Catalog): (needle: number) => RegExp {
  const patterns: RegExp[] = [];
  return (needle) => (patterns[needle] ??= wordsPattern(catalog.receiversOf.get(catalog.needles[needle]!) ?? []));
}

/** The names `code` imports a needle as (`from waitress import serve as s` gives `s`). */
export function needleAliases(code: string, catalog: Catalog): string[] {
  return [...code.matchAll(catalogWords(catalog).alias)].map((match) => match[1]!);
}
