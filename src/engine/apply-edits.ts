import MagicString from "magic-string";
import type { Edit } from "../types.js";

/**
 * Sorted, non-overlapping edits, where edits that touch are joined in plan order: an insertion at
 * the end of a replaced range, or several insertions at one point, become one replacement, so
 * magic-string never has to choose which side of a boundary an insertion belongs to.
 */
const width = (edit: Edit) => (edit.end > edit.start ? 1 : 0);

export function normalizeEdits(edits: readonly Edit[]): Edit[] {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    // At one offset, insertions come before a replacement that starts there.
    .sort((a, b) => a.edit.start - b.edit.start || width(a.edit) - width(b.edit) || a.order - b.order)
    .map(({ edit }) => edit);
  const merged: Edit[] = [];
  for (const edit of sorted) {
    const last = merged[merged.length - 1];
    if (last && edit.start < last.end) {
      throw new Error(`overlapping edits at offsets ${last.start}-${last.end} and ${edit.start}-${edit.end}`);
    }
    if (last && edit.start === last.end) {
      merged[merged.length - 1] = { start: last.start, end: edit.end, text: last.text + edit.text };
    } else {
      merged.push({ ...edit });
    }
  }
  return merged;
}

/** The text with the edits applied to their original positions. */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  const text = new MagicString(source);
  for (const edit of normalizeEdits(edits)) {
    if (edit.start === edit.end) text.appendLeft(edit.start, edit.text);
    else if (edit.text === "") text.remove(edit.start, edit.end);
    else text.overwrite(edit.start, edit.end, edit.text);
  }
  return text.toString();
}
