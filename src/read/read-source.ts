import { closeSync, constants, openSync, readSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { codecFor, codingCookie, type Codec } from "./encoding.js";

export type Bytes = { ok: true; bytes: Buffer; codec: Codec } | { ok: false; bytes?: Buffer; reason: string; fatal: boolean };

export type SourceFile = { ok: true; bytes: Buffer; text: string; codec: Codec } | { ok: false; bytes?: Buffer; reason: string; fatal: boolean };

/** The buffer files are read into, grown as needed and reused (see `readInto`). */
let scratch: Buffer | undefined;

function readInto(path: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    // One buffer holds the file being read: most files are only searched and dropped, and
    // reading each into a fresh buffer would keep the garbage collector busy. Read until the end
    // rather than ask for the size first: one system call fewer per file.
    scratch ??= Buffer.allocUnsafeSlow(1 << 20);
    let filled = 0;
    for (;;) {
      if (filled === scratch.length) {
        const grown = Buffer.allocUnsafeSlow(scratch.length * 2);
        scratch.copy(grown, 0, 0, filled);
        scratch = grown;
      }
      const read = readSync(fd, scratch, filled, scratch.length - filled, null);
      if (read === 0) return scratch.subarray(0, filled);
      filled += read;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A Python file's bytes, checked: it has no NUL byte and is valid in its encoding (UTF-8, or what
 * its PEP 263 cookie declares, if mainguard can write that back). Unreadable files are fatal
 * (exit 2); the others are skipped with the reason. Synchronous: it runs in worker threads, where
 * a plain read is the cheapest. The bytes are only valid until the next call: copy them to keep
 * them.
 */
export function readBytes(path: string): Bytes {
  let bytes: Buffer;
  try {
    bytes = readInto(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const message = code === "EISDIR" ? "is a directory" : (error as Error).message.replace(/^[A-Z]+: /, "").replace(/, open .*$/, "");
    return { ok: false, reason: `cannot read: ${message}`, fatal: true };
  }
  return checkBytes(bytes);
}

export function checkBytes(bytes: Buffer): Bytes {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return skip(bytes, `line ${lineOfByte(bytes, nul)} holds a NUL byte, so this is a binary file, not Python source`);
  const cookie = codingCookie(bytes);
  const codec = codecFor(cookie?.name);
  if (!codec) return skip(bytes, `line ${cookie!.line} declares the encoding ${cookie!.name}, which mainguard cannot write back byte for byte`);
  const invalid = (line: number) =>
    skip(bytes, cookie ? `line ${line} is not valid ${cookie.name}, the encoding line ${cookie.line} declares` : `line ${line} is not valid UTF-8, and the file declares no other encoding (PEP 263)`);
  if (codec.name === "utf-8") return isUtf8(bytes) ? { ok: true, bytes, codec } : invalid(firstLineWhere(bytes, (line) => !isUtf8(line)));
  // Other encodings are rare: check that decoding and encoding give the same bytes back.
  const survives = (line: Buffer) => {
    try {
      return codec.encode(codec.decode(line)).equals(line);
    } catch {
      return false;
    }
  };
  if (!survives(bytes)) {
    const line = firstLineWhere(bytes, (text) => !survives(text));
    return skip(bytes, `line ${line} does not read back as the same bytes in ${codec.name}, so mainguard could not write it back faithfully`);
  }
  return { ok: true, bytes, codec };
}

const skip = (bytes: Buffer, reason: string): Bytes => ({ ok: false, bytes, reason, fatal: false });

/** The 1-based line that holds byte `offset`. */
function lineOfByte(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < offset; at = bytes.indexOf(0x0a, at + 1)) line++;
  return line;
}

/** The first line (split at LF, which no UTF-8 or single-byte sequence contains) that `test` holds for. */
function firstLineWhere(bytes: Buffer, test: (line: Buffer) => boolean): number {
  let line = 1;
  for (let start = 0; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end + 1;
    if (test(bytes.subarray(start, stop))) return line;
    if (end === -1) break;
    start = stop;
  }
  return line;
}

/** The checked bytes of a file (read, or given on stdin) with their text. */
export function decodeSource(bytes: Buffer): SourceFile {
  const checked = checkBytes(bytes);
  return checked.ok ? { ...checked, text: checked.codec.decode(bytes) } : checked;
}
