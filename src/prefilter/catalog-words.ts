import type { Catalog } from "../catalog.js";
import { wordSet, wordsPattern, type WordSet } from "./word-set.js";

/** A catalog's words compiled for the raw-text questions, once per catalog. */
export interface CatalogWords {
  needleWords: WordSet;
  needle: RegExp;
  /** A needle or a marker (see `Catalog.markers`): a word every server start names. */
  startWord: RegExp;
  /** Markers found in bytes wherever they are. */
  markerWords: WordSet;
  receiver: RegExp;
  /** `debug=True` (or `use_debugger=True`) as a keyword argument, in code with comments blanked. */
  debugOn: RegExp;
  /** `<needle> as <alias>`: an import that renames a server function (group 1 is the alias). */
  alias: RegExp;
}

const compiled = new WeakMap<Catalog, CatalogWords>();

export function catalogWords(catalog: Catalog): CatalogWords {
  let words = compiled.get(catalog);
  if (!words) {
    const needle = wordsPattern(catalog.needles);
    words = {
      needleWords: wordSet(catalog.needles),
      needle,
      startWord: wordsPattern([...catalog.needles, ...catalog.markers]),
      markerWords: wordSet(catalog.markers),
      receiver: wordsPattern(catalog.receiverWords),
      debugOn: new RegExp(`${wordsPattern(catalog.debugKeywords).source}\\s*=[\\s\\\\]*True\\b`),
      alias: new RegExp(`${needle.source}\\s+as\\s+([A-Za-z_]\\w*)`, "g"),
    };
    compiled.set(catalog, words);
  }
  return words;
}

/** The names `code` imports a needle as (`from waitress import serve as s` gives `s`). */
export function needleAliases(code: string, catalog: Catalog): string[] {
  return [...code.matchAll(catalogWords(catalog).alias)].map((match) => match[1]!);
}
