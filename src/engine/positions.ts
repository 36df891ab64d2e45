import type { Position } from "../types.js";

/** Where the first lone CR (one not followed by LF) is, or -1. Most text holds no CR at all. */
export function firstLoneCr(source: string): number {
  return source.includes("\r") ? source.search(/\r(?!\n)/) : -1;
}
