import { structuredPatch } from "diff";
import type { Colors } from "./colors.js";

const CONTEXT = 3;

/**
 * A unified diff for one file that `git apply` and `patch -p1` accept. It is computed on the
 * file's bytes, not on its decoded text, so that a Latin-1 or cp1252 file's patch carries that
 * file's own bytes (each byte stands for itself in the diff, read as Latin-1). Lines keep their own
 * endings (a CRLF file's lines end in CR LF in the patch, as git writes them).
 */
export function unifiedPatch(path: string, before: Uint8Array, after: Uint8Array): Buffer {
  const { skipped, old, new: changed } = trimCommonLines(Buffer.from(before).toString("latin1"), Buffer.from(after).toString("latin1"));
  const patch = structuredPatch("", "", old, changed, undefined, undefined, { context: CONTEXT });
  const lines: string[] = [];
  for (const hunk of patch.hunks) {
    const oldStart = hunk.oldStart + skipped;
    const newStart = hunk.newStart + skipped;
    lines.push(`@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@`, ...hunk.lines);
  }
  // The path is the name as the file system gives it (UTF-8 here), whatever the file's encoding.
  return Buffer.concat([Buffer.from(`--- a/${path}\n+++ b/${path}\n`, "utf8"), Buffer.from(lines.join("\n") + "\n", "latin1")]);
}

/**
 * Both texts without the whole lines they share at the start and at the end, except the context
 * lines a hunk shows: diffing a 20 MB module whose fix touches its last lines costs as much as
 * diffing those lines. `skipped` is the number of lines dropped from the start.
 */
function trimCommonLines(before: string, after: string): { skipped: number; old: string; new: string } {
  let same = 0;
  const limit = Math.min(before.length, after.length);
  while (same < limit && before.charCodeAt(same) === after.charCodeAt(same)) same++;
  const headStarts = lineStarts(before, same);
  const head = headStarts.length > CONTEXT ? headStarts[headStarts.length - 1 - CONTEXT]! : 0;
  const skipped = headStarts.length > CONTEXT ? headStarts.length - 1 - CONTEXT : 0;

  let tail = 0;
  const tailLimit = limit - same;
  while (tail < tailLimit && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  // Whole lines of the common tail: those after a line break, keeping CONTEXT of them.
  const suffix = before.slice(before.length - tail);
  const breaks: number[] = [];
  for (let at = suffix.indexOf("\n"); at !== -1; at = suffix.indexOf("\n", at + 1)) breaks.push(at);
  const cut = breaks.length > CONTEXT ? suffix.length - (breaks[CONTEXT]! + 1) : 0;
  return { skipped, old: before.slice(head, before.length - cut), new: after.slice(head, after.length - cut) };
}

/** Offsets where the lines starting before `end` begin (a line starts at 0 and after each LF). */
function lineStarts(text: string, end: number): number[] {
  const starts = [0];
  for (let at = text.indexOf("\n"); at !== -1 && at < end; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
  return starts;
}

function range(start: number, count: number): string {
  // An empty range names the line before it, as GNU diff does.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
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
