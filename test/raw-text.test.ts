import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG } from "../src/catalog.js";
import { RawText } from "../src/prefilter/raw-text.js";
import { wordSet, type WordSet } from "../src/prefilter/word-set.js";
import { catalogWords } from "../src/prefilter/catalog-words.js";

const raw = (text: string) => new RawText(Buffer.from(text, "latin1"));
/** Whether `text` calls one of the words of `set`. */
const calls = (text: string, set: WordSet) => raw(text).someCalledWord(set, () => true);

/** What a call in `someCalledWord` means, as one regex: a whole word (non-ASCII bytes are word bytes), then
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
    const anchors = (words: string[]) => wordSet(words).searches.flatMap((search) => search.anchors.map((anchor) => Buffer.from(anchor.bytes).toString("latin1")));
    expect(anchors(["run_server", "run_simple", "run_app", "serve", "run"])).toEqual(["serve", "run"]);
    expect(anchors(["app", "application", "create_app", "flask", "flask_socketio"])).toEqual(["app", "flask"]);
  });

  it("searches each anchor by its rarest letter in Python code, or by a rare one another anchor's pass finds already", () => {
    const searches = (words: string[]) =>
      wordSet(words).searches.map((search) => `${String.fromCharCode(search.byte)}: ${search.anchors.map((anchor) => Buffer.from(anchor.bytes).toString("latin1")).join(" ")}`);
    expect(searches(["serve", "run"])).toEqual(["v: serve", "u: run"]);
    // quickstart's rarest letter is its q, but run's pass over every u finds it too.
    expect(searches(["run", "serve", "quickstart"])).toEqual(["u: run quickstart", "v: serve"]);
    expect(searches(["quickstart"])).toEqual(["q: quickstart"]);
    // A common letter is not shared: "start" would be searched by a t, found everywhere.
    expect(searches(["serve", "start"])).toEqual(["v: serve", "r: start"]);
  });

  it("finds an anchor that holds its searched byte at any place, as the reference regex does", () => {
    const set = wordSet(["run", "quickstart"]);
    expect(calls("cherrypy.quickstart(Root())\n", set)).toBe(true);
    expect(calls("cherrypy.quickstarter(Root())\nquickstart = 1\n", set)).toBe(false);
  });

  it("finds called words where the reference regex does, on random texts", () => {
    const words = ["run", "run_app", "serve"];
    const set = wordSet(words);
    const reference = calledReference(words);
    const texts = randomTexts(["run", "run_app", "serve", "ru", "n", "_", "ap", "(", "#", "\\", " ", "\n", "\t", ".", "\xe9", "x", "as", "a"], 40_000, 12);
    for (const text of texts) expect(calls(text, set), JSON.stringify(text)).toBe(reference.test(text));
    expect(texts.filter((text) => reference.test(text)).length).toBeGreaterThan(1000);
  });

  it("finds called words where the reference regex does when anchors share a pass, whether the byte searched for starts, ends or is inside them", () => {
    // One pass over every u finds all four: "uvicorn" starts with it, "menu" ends with it.
    const words = ["run", "launch", "uvicorn", "menu", "serve"];
    const set = wordSet(words);
    expect(set.searches.map((search) => String.fromCharCode(search.byte))).toEqual(["u", "v"]);
    const reference = calledReference(words);
    const texts = randomTexts(["run", "launch", "uvicorn", "menu", "serve", "u", "ru", "n", "la", "vicorn", "men", "(", "#", " ", "\n", "_", "\xe9", "x", "as"], 40_000, 10);
    for (const text of texts) expect(calls(text, set), JSON.stringify(text)).toBe(reference.test(text));
    expect(texts.filter((text) => reference.test(text)).length).toBeGreaterThan(1000);
  });

  it("offers each word called once, in the order found, until one is accepted", () => {
    const set = wordSet(["run", "serve", "launch"]);
    const offered = (text: string, accepted: number) => {
      const words: number[] = [];
      const found = raw(text).someCalledWord(set, (word) => words.push(word) > 0 && word === accepted);
      return { found, words };
    };
    // The u pass comes before the v pass; within it, the text's order.
    expect(offered("launch()\nrun()\nrun()\nserve()\nlaunch()\n", -1)).toEqual({ found: false, words: [2, 0, 1] });
    expect(offered("launch()\nrun()\nrun()\nserve()\n", 0)).toEqual({ found: true, words: [2, 0] });
    expect(offered("x = run\nserve = 1\n", 0)).toEqual({ found: false, words: [] });
  });

  it("finds the catalog's needles called, and only called", () => {
    const { needleWords } = catalogWords(DEFAULT_CATALOG);
    const called = ["app.run()", "app.run_app (x)", "web.run_app\\\n(app)", "# app.run(\n", "from waitress import serve as s", "run"];
    const notCalled = ["x = app.run\n", "app.runner()", "\xe9run()", "def running(self):", "app.run_apps()"];
    for (const text of called) expect(calls(text, needleWords), text).toBe(text !== "run");
    for (const text of notCalled) expect(calls(text, needleWords), text).toBe(false);
  });
});
