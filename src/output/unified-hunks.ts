import { structuredPatch } from "diff";

const CONTEXT = 3;

/**
 * The hunks of a unified diff from `before` to `after` (three lines of context, each line keeping
 * its own ending), without the `---`/`+++` header: the CLI's patches and the playground's diff.
 */
export function unifiedHunks(before: string, after: string): string {
  const { skipped, old, new: changed } = trimCommonLines(before, after);
  const patch = structuredPatch("", "", old, changed, undefined, undefined, { context: CONTEXT });
  const lines: string[] = [];
  for (const hunk of patch.hunks) {
    const oldStart = hunk.oldStart + skipped;
    const newStart = hunk.newStart + skipped;
    lines.push(`@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@`, ...hunk.lines);
  }
  return lines.join("\n") + "\n";
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
