import type { Position } from "../types.js";

/** Where the first lone CR (one not followed by LF) is, or -1. Most text holds no CR at all. */
export function firstLoneCr(source: string): number {
  return source.includes("\r") ? source.search(/\r(?!\n)/) : -1;
}

/** Converts string offsets to 1-based line and UTF-16 column, as findings and SARIF show them. */
export class PositionIndex {
  private readonly lineStarts: number[] = [0];
  private readonly bom: boolean;

  constructor(source: string) {
    if (firstLoneCr(source) !== -1) {
      // A lone CR ends a line too (old Mac files): only then is every character looked at.
      for (let i = 0; i < source.length; i++) {
        const c = source[i];
        if (c === "\n" || (c === "\r" && source[i + 1] !== "\n")) this.lineStarts.push(i + 1);
      }
    } else {
      for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
    }
    this.bom = source.startsWith("\uFEFF");
  }

  at(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    // A BOM is not a column the user sees.
    const shift = low === 0 && this.bom && offset > 0 ? 1 : 0;
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 - shift };
  }
}
