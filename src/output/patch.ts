import { structuredPatch } from "diff";
import type { Colors } from "../colors.js";

/**
 * A unified diff for one file that `git apply` and `patch -p1` accept. Lines keep their own
 * endings (a CRLF file's lines end in CR LF in the patch, as git writes them).
 */
export function unifiedPatch(path: string, before: string, after: string): string {
  const patch = structuredPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
  const lines = [`--- a/${path}`, `+++ b/${path}`];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    lines.push(...hunk.lines);
  }
  return lines.join("\n") + "\n";
}

function range(start: number, count: number): string {
  // An empty range names the line before it, as GNU diff does.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** The patch coloured for a terminal (never for pipes: colours would break `git apply`). */
export function colorPatch(patch: string, colors: Colors): string {
  return patch
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return colors.bold(line);
      if (line.startsWith("@@")) return colors.cyan(line);
      if (line.startsWith("+")) return colors.green(line);
      if (line.startsWith("-")) return colors.red(line);
      return line;
    })
    .join("\n");
}
