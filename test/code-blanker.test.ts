import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APOSTROPHE, BACKSLASH, CR, HASH, LF, QUOTE, SPACE } from "../src/ascii.js";
import { blankStringsAndComments } from "../src/prefilter/code-blanker.js";

/** The blanker on bytes, as the prefilter gives it a file: one character per byte. */
const blankBytes = (bytes: Uint8Array) => blankStringsAndComments(Buffer.from(bytes).toString("latin1"));


/** The rules of code-blanker.ts written out byte by byte: what its regex searches must match. */
function reference(source: Uint8Array): string {
  const out = Buffer.from(source);
  const n = out.length;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== LF && out[k] !== CR) out[k] = SPACE;
  };
  let i = 0;
  while (i < n) {
    const c = out[i]!;
    if (c === HASH) {
      let end = i;
      while (end < n && out[end] !== LF && out[end] !== CR) end++;
      blank(i, end);
      i = end;
    } else if (c === QUOTE || c === APOSTROPHE) {
      const triple = out[i + 1] === c && out[i + 2] === c;
      const width = triple ? 3 : 1;
      let end = i + width;
      let closed = false;
      while (end < n) {
        const d = out[end]!;
        if (d === BACKSLASH) {
          end += 2;
          continue;
        }
        if (d === c && (!triple || (out[end + 1] === c && out[end + 2] === c))) {
          closed = true;
          break;
        }
        if (!triple && (d === LF || d === CR)) break;
        end++;
      }
      end = Math.min(end, n);
      blank(i + width, end);
      i = closed ? end + width : end;
    } else {
      i++;
    }
  }
  return out.toString("latin1");
}

const latin1 = (text: string) => Buffer.from(text, "latin1");

describe("blankStringsAndComments", () => {
  it("blanks string contents and comments, keeping quotes and line breaks", () => {
    const source = ["a = r'\\'' # c", "b = '''x", "y''' + \"z\"", ""].join("\n");
    const blanked = ["a = r'  '    ", "b = ''' ", " ''' + \" \"", ""].join("\n");
    expect(blankBytes(latin1(source))).toBe(blanked);
  });

  it("ends an open one-line string at the line break and an open triple-quoted one at the end", () => {
    expect(blankBytes(latin1("x = 'ab\r\ny = 1 # z\r"))).toBe("x = '  \r\ny = 1    \r");
    expect(blankBytes(latin1('s = """a\nb'))).toBe('s = """ \n ');
    expect(blankBytes(latin1("s = 'a\\"))).toBe("s = '  ");
    expect(blankBytes(latin1("''"))).toBe("''");
    expect(blankBytes(latin1(""))).toBe("");
  });

  it("does not read the previous, longer text's bytes past the end", () => {
    // Read past its end, the previous text's quotes would close the triple-quoted string.
    blankBytes(latin1("''''''''''''"));
    expect(blankBytes(latin1("s = '''a'"))).toBe("s = '''  ");
  });

  it("matches the reference on random texts of quotes, escapes, hashes and line breaks", () => {
    const alphabet = latin1("#'\"\\\n\r a");
    let seed = 0x9e3779b9;
    // xorshift32: the same texts on every run.
    const random = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    for (let t = 0; t < 50_000; t++) {
      const text = Buffer.from(Array.from({ length: Math.floor(random() * 24) }, () => alphabet[Math.floor(random() * alphabet.length)]!));
      expect(blankBytes(text), JSON.stringify(text.toString("latin1"))).toBe(reference(text));
    }
  });

  it("matches the reference on the repository's Python files, with CRLF and CR line breaks and cut short", () => {
    const files: string[] = [];
    const walk = (directory: string) => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const path = join(directory, entry.name);
        if (entry.isDirectory() && entry.name !== "node_modules") walk(path);
        else if (entry.name.endsWith(".py")) files.push(path);
      }
    };
    walk("__testfixtures__");
    walk("examples");
    for (const path of files) {
      const text = readFileSync(path).toString("latin1");
      for (const variant of [text, text.replace(/\n/g, "\r\n"), text.replace(/\n/g, "\r"), text.slice(0, text.length >> 1)]) {
        expect(blankBytes(latin1(variant)), path).toBe(reference(latin1(variant)));
      }
    }
    expect(files.length).toBeGreaterThan(50);
  });
});
