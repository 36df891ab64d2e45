const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex for any of `words` as a whole word. `\b` also breaks at non-ASCII bytes, so it finds
 * at least every true occurrence: conservative. */
export function wordsPattern(words: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${[...words].sort((a, b) => b.length - a.length).map(escape).join("|")})\\b`);
}

/** An ASCII word as bytes, and which of its bytes is searched for (see `wordSet`). */
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
  /** The anchors by the byte searched for: one pass over the bytes per group. */
  searches: readonly AnchorSearch[];
  words: readonly Uint8Array[];
}

/**
 * A byte to search for, the anchors that hold it (each with where they hold it), and which pairs
 * of bytes around it may be an anchor's: `neighbours[(before << 8) | after]` is 1 where some
 * anchor has `before` just before the byte and `after` just after it (an anchor that starts or
 * ends with the byte takes any byte on that side). Most hits fail that one lookup.
 */
export interface AnchorSearch {
  byte: number;
  anchors: readonly Anchor[];
  neighbours: Uint8Array;
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

/** A byte at least as rare as `u` ("run"'s): a pass over the bytes for it finds few places. */
const RARE = rarity("u".charCodeAt(0));

export const asciiBytes = (word: string): Uint8Array => Uint8Array.from(word, (c) => c.charCodeAt(0));

/**
 * Each anchor is searched for by its rarest byte, unless it holds a rare byte that an anchor
 * before it is searched for by already: a pass over a big tree's bytes costs as much as the hits
 * of a common byte, so sharing one ("quickstart" found in "run"'s pass over its `u`) saves it.
 */
export function wordSet(words: readonly string[]): WordSet {
  const anchors = words.filter((word) => !words.some((other) => other !== word && word.includes(other)));
  const searches: Array<{ byte: number; anchors: Anchor[]; neighbours: Uint8Array }> = [];
  for (const anchor of anchors) {
    const bytes = asciiBytes(anchor);
    const shared = bytes.findIndex((byte) => rarity(byte) >= RARE && searches.some((search) => search.byte === byte));
    let pivot = shared;
    if (pivot === -1) {
      pivot = 0;
      for (let i = 1; i < bytes.length; i++) if (rarity(bytes[i]!) > rarity(bytes[pivot]!)) pivot = i;
    }
    let search = searches.find((candidate) => candidate.byte === bytes[pivot]);
    if (!search) searches.push((search = { byte: bytes[pivot]!, anchors: [], neighbours: new Uint8Array(1 << 16) }));
    search.anchors.push({ bytes, pivot });
    markNeighbours(search.neighbours, bytes, pivot);
  }
  return { searches, words: words.map(asciiBytes) };
}

/** Marks the pairs of bytes that may stand around the anchor's byte at `pivot` (see `AnchorSearch`). */
function markNeighbours(neighbours: Uint8Array, anchor: Uint8Array, pivot: number): void {
  const any = Array.from({ length: 256 }, (_, byte) => byte);
  const befores = pivot > 0 ? [anchor[pivot - 1]!] : any;
  const afters = pivot < anchor.length - 1 ? [anchor[pivot + 1]!] : any;
  for (const before of befores) for (const after of afters) neighbours[(before << 8) | after] = 1;
}
