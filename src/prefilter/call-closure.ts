import { wordsPattern } from "./word-set.js";

/**
 * The definitions that may start a server, from the regex's point of view: `seeds` (those that
 * name a server call themselves), and every definition whose text `mentions` one of them, again
 * and again until none is added. The prefilter asks this of a file's top-level chunks, the
 * condensed view of a big file's top-level functions and classes; both need every chain of calls
 * that may start a server to stay whole.
 */
export function closeOverMentions<T>(
  definitions: readonly T[],
  seeds: Iterable<T>,
  nameOf: (definition: T) => string | undefined,
  mentions: (definition: T, names: RegExp) => boolean,
): Set<T> {
  const kept = new Set(seeds);
  for (let added = [...kept]; added.length > 0; ) {
    const names = added.map(nameOf).filter((name): name is string => name !== undefined);
    if (names.length === 0) break;
    const pattern = wordsPattern(names);
    added = definitions.filter((definition) => !kept.has(definition) && mentions(definition, pattern));
    added.forEach((definition) => kept.add(definition));
  }
  return kept;
}
