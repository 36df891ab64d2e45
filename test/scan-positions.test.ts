/**
 * The scanning conversions an editor's keystrokes use (no index built) agree with LineIndex on
 * texts with LF, CR LF and lone CR breaks, tabs, CJK and emoji.
 */
import { describe, expect, it } from "vitest";
import { LineIndex, scanOffset, scanPosition, type Encoding } from "../src/line-index.js";

function randomText(seed: number, length: number): string {
  const pieces = ["a", " ", "\t", "\n", "\r\n", "\r", "日", "😀", "é", "("];
  let state = seed;
  let text = "";
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += pieces[state % pieces.length];
  }
  return text;
}

describe("scanPosition and scanOffset", () => {
  it("agree with LineIndex everywhere in random texts", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = randomText(seed, 60);
      const lines = new LineIndex(text);
      for (let offset = 0; offset <= text.length; offset++) {
        const line = lines.lineOf(offset);
        expect(scanPosition(text, offset), `${seed}@${offset}`).toEqual({ line, column: offset - lines.lineStart(line) });
      }
      for (let line = 0; line <= lines.lineCount; line++) {
        for (let column = 0; column < 12; column++) {
          for (const encoding of ["utf-8", "utf-16", "utf-32"] as Encoding[]) {
            expect(scanOffset(text, line, column, encoding), `${seed} ${line}:${column} ${encoding}`).toBe(lines.offsetAt(line, column, encoding));
          }
        }
      }
    }
  });
});
