/** Decoding a Python file's bytes, and encoding the fixed text back to the same bytes. */

export interface Codec {
  name: string;
  decode(bytes: Uint8Array): string;
  encode(text: string): Buffer;
}

/** PEP 263: a coding cookie in a comment on the first or second line. */
const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

export interface CodingCookie {
  /** The name as written (`utf-8`, `Latin_1`); see `normalEncodingName`. */
  name: string;
  /** 1 or 2. */
  line: number;
}

export function codingCookie(bytes: Uint8Array): CodingCookie | undefined {
  const window = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  // Most files have no cookie: one native search settles it.
  if (!window.includes("coding")) return undefined;
  const head = window.toString("latin1");
  const lines = head.replace(/^\xEF\xBB\xBF/, "").split(/\r\n|\r|\n/, 2);
  for (const [index, line] of lines.entries()) {
    const match = COOKIE.exec(line);
    if (match) return { name: match[1]!, line: index + 1 };
    // PEP 263: the cookie may be on line 2 only when line 1 is a comment or blank.
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break;
  }
  return undefined;
}

const UTF8: Codec = {
  name: "utf-8",
  // The BOM stays in the text, so that writing the text back keeps it.
  decode: (bytes) => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes),
  encode: (text) => Buffer.from(text, "utf8"),
};

const LATIN1: Codec = {
  name: "latin-1",
  decode: (bytes) => Buffer.from(bytes).toString("latin1"),
  encode: (text) => Buffer.from(text, "latin1"),
};

/** A single-byte codec from a WHATWG label, or undefined when the encoding is not single-byte. */
function singleByte(label: string): Codec | undefined {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return undefined;
  }
  const table: string[] = [];
  for (let byte = 0; byte < 256; byte++) {
    let char: string;
    try {
      char = decoder.decode(Uint8Array.of(byte));
    } catch {
      return undefined;
    }
    if (char.length !== 1) return undefined;
    table.push(char);
  }
  const reverse = new Map(table.map((char, byte) => [char, byte]));
  return {
    name: label,
    decode: (bytes) => Array.from(bytes, (byte) => table[byte]!).join(""),
    encode: (text) => {
      const out = Buffer.alloc(text.length);
      for (let i = 0; i < text.length; i++) {
        const byte = reverse.get(text[i]!);
        if (byte === undefined) throw new Error(`U+${text.charCodeAt(i).toString(16)} has no byte in ${label}`);
        out[i] = byte;
      }
      return out;
    },
  };
}

/**
 * The name Python's tokenizer reads a cookie as (its get_normal_name): lower case, `_` as `-`, and
 * `utf-8-…` or `latin-1-…` (and `iso-8859-1-…`, `iso-latin-1-…`) as their base encoding. So the
 * common `#_*_coding:utf-8_*_`, whose name ends in an underscore, is UTF-8.
 */
export function normalEncodingName(cookie: string): string {
  const name = cookie.toLowerCase().replace(/_/g, "-");
  if (name === "utf-8" || name.startsWith("utf-8-")) return "utf-8";
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(name)) return "latin-1";
  return name;
}

/** The codec a cookie names, or undefined when mainguard cannot write that encoding faithfully. */
export function codecFor(cookie: string | undefined): Codec | undefined {
  if (cookie === undefined) return UTF8;
  const name = normalEncodingName(cookie);
  if (/^utf-?8(-sig)?$/.test(name)) return UTF8;
  if (/^(latin-?1|iso-?8859-1|iso8859-1|l1|cp819|iso-ir-100)$/.test(name)) return LATIN1;
  return singleByte(name);
}
