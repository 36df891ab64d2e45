import { unifiedHunks } from "./unified-hunks.js";
import type { Colors } from "./colors.js";

/**
 * A unified diff for one file that `git apply` and `patch -p1` accept. It is computed on the
 * file's bytes, not on its decoded text, so that a Latin-1 or cp1252 file's patch carries that
 * file's own bytes (each byte stands for itself in the diff, read as Latin-1). Lines keep their own
 * endings (a CRLF file's lines end in CR LF in the patch, as git writes them).
 */
export function unifiedPatch(path: string, before: Uint8Array, after: Uint8Array): Buffer {
  const hunks = unifiedHunks(Buffer.from(before).toString("latin1"), Buffer.from(after).toString("latin1"));
  // The path is the name as the file system gives it (UTF-8 here), whatever the file's encoding.
  return Buffer.concat([Buffer.from(`--- a/${path}\n+++ b/${path}\n`, "utf8"), Buffer.from(hunks, "latin1")]);
}

/** The patch coloured for a terminal (never for pipes: colours would break `git apply`). */
export function colorPatch(patch: Buffer, colors: Colors): Buffer {
  const text = patch
    .toString("latin1")
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return colors.bold(line);
      if (line.startsWith("@@")) return colors.cyan(line);
      if (line.startsWith("+")) return colors.green(line);
      if (line.startsWith("-")) return colors.red(line);
      return line;
    })
    .join("\n");
  return Buffer.from(text, "latin1");
}
