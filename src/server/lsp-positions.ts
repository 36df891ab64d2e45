import type { Position, Range } from "vscode-languageserver";
import { LineIndex, scanOffset, type Encoding } from "../line-index.js";

/**
 * LSP positions in the encoding negotiated at `initialize`: UTF-8 when the client offers it (as
 * ruff prefers: no client-side conversion), else UTF-16, which every client supports, else UTF-32.
 */
export function negotiateEncoding(offered: readonly string[] | undefined): Encoding {
  for (const encoding of ["utf-8", "utf-16", "utf-32"] as const) if (offered?.includes(encoding)) return encoding;
  return "utf-16";
}

/** One text's offsets (JavaScript string offsets) as LSP positions and back, in one encoding. */
export class PositionCodec {
  private index: LineIndex | undefined;

  constructor(
    readonly text: string,
    readonly encoding: Encoding,
  ) {}

  private get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  position(offset: number): Position {
    const line = this.lines.lineOf(offset);
    return { line, character: this.lines.column(offset, this.encoding) };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /**
   * A position past a line's end means its end; past the last line, the text's end (LSP's rules).
   * A codec made for one change's range scans the text rather than index it.
   */
  offset({ line, character }: Position): number {
    return this.index ? this.index.offsetAt(line, character, this.encoding) : scanOffset(this.text, line, character, this.encoding);
  }
}
