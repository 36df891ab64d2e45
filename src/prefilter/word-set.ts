const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex for any of `words` as a whole word. `\b` also breaks at non-ASCII bytes, so it finds
 * at least every true occurrence: conservative. */
export function wordsPattern(words: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${[...words].sort((a, b) => b.length - a.length).map(escape).join("|")})\\b`);
}

/** An ASCII word as bytes, and which of its bytes to search for: the one rarest in Python code. */
export interface Anchor {
  bytes: Uint8Array;
  pivot: number;
}

/**
 * ASCII words to find in raw bytes, and their anchors: the shortest of them, which the others
 * contain, so that bytes holding no anchor hold no word at all. Anchors are searched for; each
 * hit is checked against the words.
 */
export interface WordSet {
  anchors: readonly Anchor[];
  words: readonly Uint8Array[];
}

/**
 * Lower-case letters and `_`, from the most to the least frequent in Python code (measured on the
 * standard library). `Uint8Array.indexOf` finds one byte natively; the rarer it is, the fewer
 * places need a closer look ("run" is searched by its `u`, "serve" by its `v`).
 */
const BY_FREQUENCY = "etsarinolcdpf_umhgybxvwkqzj";

const rarity = (byte: number) => {
  const rank = BY_FREQUENCY.indexOf(String.fromCharCode(byte));
  return rank === -1 ? BY_FREQUENCY.length : rank;
};

export const asciiBytes = (word: string): Uint8Array => Uint8Array.from(word, (c) => c.charCodeAt(0));

export function wordSet(words: readonly string[]): WordSet {
  const anchors = words.filter((word) => !words.some((other) => other !== word && word.includes(other)));
  return {
    anchors: anchors.map((anchor) => {
      const bytes = asciiBytes(anchor);
      let pivot = 0;
      for (let i = 1; i < bytes.length; i++) if (rarity(bytes[i]!) > rarity(bytes[pivot]!)) pivot = i;
      return { bytes, pivot };
    }),
    words: words.map(asciiBytes),
  };
}
