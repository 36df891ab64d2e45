import type { Edit } from "../types.js";

/**
 * The one change that turns `before` into `after`: what differs between their common start and
 * common end. For a host that holds whole texts (a page's editor, a client sending the full
 * document) and wants to update an analysis incrementally.
 */
export function changeBetween(before: string, after: string): Edit {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < limit - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}
