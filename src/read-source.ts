import { readFile } from "node:fs/promises";
import { codecFor, codingCookie, type Codec } from "./encoding.js";

export type SourceFile =
  | { ok: true; bytes: Buffer; text: string; codec: Codec }
  | { ok: false; bytes?: Buffer; reason: string; fatal: boolean };

/**
 * A Python file's text, or why it is skipped. Unreadable files are fatal (exit 2); binary or
 * undecodable ones are skipped with a reason.
 */
export async function readSource(path: string): Promise<SourceFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const message = code === "EISDIR" ? "is a directory" : (error as Error).message.replace(/^[A-Z]+: /, "").replace(/, open .*$/, "");
    return { ok: false, reason: `cannot read: ${message}`, fatal: true };
  }
  return decodeSource(bytes);
}

export function decodeSource(bytes: Buffer): SourceFile {
  if (bytes.includes(0)) return { ok: false, bytes, reason: "binary file (contains a NUL byte)", fatal: false };
  const cookie = codingCookie(bytes);
  const codec = codecFor(cookie);
  if (!codec) {
    return { ok: false, bytes, reason: `declares encoding ${cookie}, which mainguard cannot write back faithfully`, fatal: false };
  }
  let text: string;
  try {
    text = codec.decode(bytes);
  } catch {
    return { ok: false, bytes, reason: cookie ? `not valid ${cookie} (per its coding cookie)` : "not valid UTF-8 and has no coding cookie (PEP 263)", fatal: false };
  }
  if (!codec.encode(text).equals(bytes)) {
    return { ok: false, bytes, reason: `its ${codec.name} bytes do not survive a decode and encode round trip`, fatal: false };
  }
  return { ok: true, bytes, text, codec };
}
