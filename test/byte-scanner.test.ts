import { describe, expect, it } from "vitest";
import { arena, inArena, searchable, someStart } from "../src/byte-scanner.js";
import { DEFAULT_CATALOG } from "../src/catalog.js";
import { RawText, wordSet } from "../src/prefilter.js";

/** `text` copied into the arena, as read-source.ts reads a file. */
function inScanner(text: string): Buffer {
  const bytes = Buffer.from(text, "latin1");
  const buffer = arena(bytes.length);
  bytes.copy(buffer);
  return buffer.subarray(0, bytes.length);
}

/** Every offset of each string, found one native search at a time. */
function expected(bytes: Buffer, strings: string[]): string[] {
  const found: string[] = [];
  for (const text of strings) for (let at = bytes.indexOf(text); at !== -1; at = bytes.indexOf(text, at + 1)) found.push(`${at}:${text}`);
  return found.sort();
}

/** Every offset the scanner offers, in the order offered. */
function offered(bytes: Buffer, strings: string[], follow?: Array<string | undefined>): number[] {
  const starts: number[] = [];
  someStart(bytes, strings, (start) => (starts.push(start), false), follow);
  return starts;
}

const isAsciiWordChar = (char: string | undefined) => char !== undefined && /\w/.test(char);

/** The offsets the scanner offers where one of the strings is present. */
function scanned(bytes: Buffer, strings: string[], follow?: Array<string | undefined>): string[] {
  const found = offered(bytes, strings, follow).flatMap((at) => strings.filter((text) => bytes.toString("latin1", at, at + text.length) === text).map((text) => `${at}:${text}`));
  return [...new Set(found)].sort();
}

describe("the byte scanner", () => {
  it("stops at the first offset the test accepts", () => {
    const bytes = inScanner("run run run");
    const seen: number[] = [];
    expect(someStart(bytes, ["run"], (start) => (seen.push(start), start === 4))).toBe(true);
    expect(seen).toEqual([0, 4]);
  });

  it("finds every occurrence, at block edges, at both ends and overlapping", () => {
    const strings = ["run", "serve", "reserve"];
    const text = `run${"x".repeat(13)}serve${"y".repeat(11)}runrun.reserve(x)${"z".repeat(29)}serverun`;
    const bytes = inScanner(text);
    expect(scanned(bytes, strings)).toEqual(expected(bytes, strings));
    expect(scanned(bytes, strings)).toContain(`${text.length - 3}:run`);
  });

  it("agrees with native searches on random text at every length and offset", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = "runsev(. \n";
    const strings = ["run", "serve", "un("];
    for (let length = 0; length < 200; length += 7) {
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      const padded = inScanner(`${"q".repeat(length % 16)}${text}`).subarray(length % 16);
      expect(scanned(padded, strings), text).toEqual(expected(padded, strings));
    }
  });

  it("ignores bytes past the end of the text it is given", () => {
    const bytes = inScanner("abcdefrun");
    expect(offered(bytes.subarray(0, 7), ["run"])).toEqual([]);
    expect(offered(bytes.subarray(0, 9), ["run"])).toEqual([6]);
    expect(offered(bytes, ["xrun"])).toEqual([5]);
    expect(offered(bytes.subarray(1), ["abcdefrun"])).toEqual([]);
  });

  it("offers a hit only where what follows may follow", () => {
    const text = "run running run_app run( serve server serves(";
    const bytes = inScanner(text);
    expect(offered(bytes, ["run", "serve"], ["_", ""])).toEqual([0, 12, 20, 25]);
    expect(offered(bytes, ["run", "serve"], [undefined, "r"])).toEqual([0, 4, 12, 20, 25, 31]);
    expect(offered(bytes, ["run", "serve"])).toEqual([0, 4, 12, 20, 25, 31, 38]);
  });

  it("agrees with a native search when what follows is checked, at every length and offset", () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = "runsev(_ \nA9\xe9";
    const strings = ["run", "serve"];
    const follow = ["_", ""];
    for (let length = 0; length < 300; length += 5) {
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      // Whatever the arena holds past the end (a word byte here) must not hide a hit at the end.
      const padded = inScanner(`${"q".repeat(length % 16)}${text}zzzz`).subarray(length % 16, (length % 16) + length);
      const native = expected(padded, strings).filter((hit) => {
        const [at, string] = hit.split(":") as [string, string];
        const next = text[Number(at) + string.length];
        return !isAsciiWordChar(next) || next === follow[strings.indexOf(string)];
      });
      expect(scanned(padded, strings, follow), JSON.stringify(text)).toEqual(native);
    }
  });

  it("lets each anchor be followed by what follows it in the words found through it", () => {
    const words = wordSet(["run_server", "run_simple", "run_app", "serve", "run"]);
    expect(words.anchors).toEqual(["serve", "run"]);
    expect(words.follow).toEqual(["", "_"]);
    expect(wordSet(["app", "application", "create_app", "flask", "flask_socketio"]).follow).toEqual(["l", "_"]);
  });

  it("keeps what was read when the arena grows", () => {
    const start = arena(10);
    start.write("import os\n", "latin1");
    const grown = arena(start.length * 4);
    expect(grown.length).toBeGreaterThanOrEqual(start.length * 4);
    expect(grown.toString("latin1", 0, 10)).toBe("import os\n");
    expect(inArena(grown)).toBe(true);
    expect(inArena(Buffer.from("import os\n"))).toBe(false);
  });

  it("leaves strings it cannot search to the native search", () => {
    expect(searchable(["run", "serve"])).toBe(true);
    expect(searchable(["go"])).toBe(false);
    expect(searchable(["démarrer"])).toBe(false);
    expect(searchable([])).toBe(false);
  });

  it("gives the prefilter the same answers in the arena and outside it", () => {
    const words = wordSet(["run", "run_app"]);
    const texts = ["app.run()", "app.run_app (x)", "x = app.run\n", "# app.run(\n", "web.run_app\\\n(app)", "def run(self):", "app.runner()"];
    for (const text of texts) {
      const outside = new RawText(Buffer.from(text, "latin1")).hasCalledWord(words);
      expect(new RawText(inScanner(text)).hasCalledWord(words), text).toBe(outside);
    }
  });

  it("finds receiver words where the receiver regex does, in the arena and outside it", () => {
    const { receiverWords, receiver } = DEFAULT_CATALOG.prefilter;
    const texts = ["app = Flask(__name__)", "mapping.append(x)", "my_app.run()", "\xe9app.run()", "sio.run(app)", "session = 1", "create_app()", "from waitress import serve", "dash\n", "x.dashboard"];
    for (const text of texts) {
      const expected = receiver.test(Buffer.from(text, "latin1").toString("latin1"));
      expect(new RawText(Buffer.from(text, "latin1")).hasWord(receiverWords), text).toBe(expected);
      expect(new RawText(inScanner(text)).hasWord(receiverWords), text).toBe(expected);
    }
  });
});
