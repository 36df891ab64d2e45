const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex for any of `words` as a whole word. `\b` also breaks at non-ASCII bytes, so it finds
 * at least every true occurrence: conservative. */
export function wordsPattern(words: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${[...words].sort((a, b) => b.length - a.length).map(escape).join("|")})\\b`);
}

/**
 * ASCII words to find in raw bytes, and their anchors: the shortest of them, which the others
 * contain, so that bytes holding no anchor hold no word at all. Anchors are searched for; each
 * hit is checked against the words.
 */
export interface WordSet {
  anchors: readonly Buffer[];
  words: readonly Buffer[];
}

export function wordSet(words: readonly string[]): WordSet {
  const anchors = words.filter((word) => !words.some((other) => other !== word && word.includes(other)));
  return {
    anchors: anchors.map((anchor) => Buffer.from(anchor, "latin1")),
    words: words.map((word) => Buffer.from(word, "latin1")),
  };
}
