import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG } from "../src/catalog.js";
import { RawText } from "../src/prefilter/raw-text.js";
import { wordSet } from "../src/prefilter/word-set.js";
import { catalogWords } from "../src/prefilter/catalog-words.js";

const raw = (text: string) => new RawText(Buffer.from(text, "latin1"));

/** What `hasCalledWord` means, as one regex: a whole word (non-ASCII bytes are word bytes), then
 * white space, line breaks or backslashes, then `(`, `#` or the word `as`. */
function calledReference(words: string[]): RegExp {
  const word = "[\\w\\x80-\\xff]";
  return new RegExp(`(?<!${word})(?:${words.join("|")})(?!${word})[ \\t\\f\\r\\n\\\\]*(?:\\(|#|as(?!${word}))`);
}

/** Texts of random pieces (xorshift32: the same texts on every run). */
function randomTexts(pieces: string[], count: number, longest: number): string[] {
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(random() * longest) }, () => pieces[Math.floor(random() * pieces.length)]).join(""));
}

describe("raw-text word search", () => {
  it("takes as anchors the words that contain no other word", () => {
    const anchors = (words: string[]) => wordSet(words).anchors.map((anchor) => Buffer.from(anchor.bytes).toString("latin1"));
    expect(anchors(["run_server", "run_simple", "run_app", "serve", "run"])).toEqual(["serve", "run"]);
    // Each is searched for by its rarest letter in Python code.
    expect(wordSet(["serve", "run"]).anchors.map((anchor) => String.fromCharCode(anchor.bytes[anchor.pivot]!))).toEqual(["v", "u"]);
    expect(anchors(["app", "application", "create_app", "flask", "flask_socketio"])).toEqual(["app", "flask"]);
  });

  it("finds called words where the reference regex does, on random texts", () => {
    const words = ["run", "run_app", "serve"];
    const set = wordSet(words);
    const reference = calledReference(words);
    const texts = randomTexts(["run", "run_app", "serve", "ru", "n", "_", "ap", "(", "#", "\\", " ", "\n", "\t", ".", "\xe9", "x", "as", "a"], 40_000, 12);
    for (const text of texts) expect(raw(text).hasCalledWord(set), JSON.stringify(text)).toBe(reference.test(text));
    expect(texts.filter((text) => reference.test(text)).length).toBeGreaterThan(1000);
  });

  it("finds the catalog's needles called, and only called", () => {
    const { needleWords } = catalogWords(DEFAULT_CATALOG);
    const called = ["app.run()", "app.run_app (x)", "web.run_app\\\n(app)", "# app.run(\n", "from waitress import serve as s", "run"];
    const notCalled = ["x = app.run\n", "app.runner()", "\xe9run()", "def running(self):", "app.run_apps()"];
    for (const text of called) expect(raw(text).hasCalledWord(needleWords), text).toBe(text !== "run");
    for (const text of notCalled) expect(raw(text).hasCalledWord(needleWords), text).toBe(false);
  });
});
