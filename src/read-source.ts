import { closeSync, constants, openSync, readSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { arena } from "./byte-scanner.js";
import { codecFor, codingCookie, type Codec } from "./encoding.js";

export type Bytes = { ok: true; bytes: Buffer; codec: Codec } | { ok: false; bytes?: Buffer; reason: string; fatal: boolean };

export type SourceFile = { ok: true; bytes: Buffer; text: string; codec: Codec } | { ok: false; bytes?: Buffer; reason: string; fatal: boolean };

function readInto(path: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    // One buffer, grown as needed, holds the file being read: most files are only searched and
    // dropped, and reading them into fresh buffers would keep the garbage collector busy. It lies
    // in the byte scanner's memory, which searches it where it is. Read until the end rather than
    // ask for the size first: one system call fewer per file.
    let scratch = arena(1 << 20);
    let filled = 0;
    for (;;) {
      if (filled === scratch.length) scratch = arena(scratch.length * 2);
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
  if (bytes.includes(0)) return { ok: false, bytes, reason: "binary file (contains a NUL byte)", fatal: false };
  const cookie = codingCookie(bytes);
  const codec = codecFor(cookie);
  if (!codec) {
    return { ok: false, bytes, reason: `declares encoding ${cookie}, which mainguard cannot write back faithfully`, fatal: false };
  }
  const invalid = { ok: false as const, bytes, fatal: false, reason: cookie ? `not valid ${cookie} (per its coding cookie)` : "not valid UTF-8 and has no coding cookie (PEP 263)" };
  if (codec.name === "utf-8") return isUtf8(bytes) ? { ok: true, bytes, codec } : invalid;
  // Other encodings are rare: check that decoding and encoding give the same bytes back.
  try {
    if (!codec.encode(codec.decode(bytes)).equals(bytes)) {
      return { ok: false, bytes, fatal: false, reason: `its ${codec.name} bytes do not survive a decode and encode round trip` };
    }
  } catch {
    return invalid;
  }
  return { ok: true, bytes, codec };
}

/** The checked bytes of a file (read, or given on stdin) with their text. */
export function decodeSource(bytes: Buffer): SourceFile {
  const checked = checkBytes(bytes);
  return checked.ok ? { ...checked, text: checked.codec.decode(bytes) } : checked;
}
