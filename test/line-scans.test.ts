import { describe, expect, it } from "vitest";
import { LineIndex } from "../src/line-index.js";
import { mayHaveEmptyBlock } from "../src/engine/syntax-errors.js";

describe("the empty-block precheck", () => {
  it("looks for a line ending in a colon with no deeper code after it", () => {
    expect(mayHaveEmptyBlock("if x:\n    y\n")).toBe(false);
    expect(mayHaveEmptyBlock("if x:\ny\n")).toBe(true);
    expect(mayHaveEmptyBlock("if x:")).toBe(true);
    expect(mayHaveEmptyBlock("if x:  # why\n\n   # only a comment\n    y\n")).toBe(false);
    expect(mayHaveEmptyBlock("d = {'a': 1}\nif d:\n    pass\n")).toBe(false);
    expect(mayHaveEmptyBlock("def f():\n    return 1\nclass C:\npass\n")).toBe(true);
  });

  it("ends lines where Python does: LF, CRLF and CR", () => {
    expect(mayHaveEmptyBlock("if x:\r\n    y\r\n")).toBe(false);
    expect(mayHaveEmptyBlock("if x:\r\ny\r\n")).toBe(true);
    expect(mayHaveEmptyBlock("if x:\r    y\r")).toBe(false);
    expect(mayHaveEmptyBlock("if x:\ry\r")).toBe(true);
  });

  it("reads a comment after the colon as the line's end, up to a Unicode line separator", () => {
    expect(mayHaveEmptyBlock("x = 1  # note:\ny\n")).toBe(true);
    expect(mayHaveEmptyBlock("if x:  # a\u2028b\ny\n")).toBe(false);
  });
});

describe("positions", () => {
  it("count lines at LF, CRLF and a lone CR, and columns in UTF-16 units after a BOM", () => {
    const mixed = new LineIndex("a\nb\r\nc\rd");
    expect([2, 5, 7].map((offset) => mixed.position(offset))).toEqual([{ line: 2, column: 1 }, { line: 3, column: 1 }, { line: 4, column: 1 }]);
    const unix = new LineIndex("ab\r\ncd\n\u00e9f");
    expect([1, 5, 8].map((offset) => unix.position(offset))).toEqual([{ line: 1, column: 2 }, { line: 2, column: 2 }, { line: 3, column: 2 }]);
    expect(new LineIndex("\uFEFFx\ny").position(1)).toEqual({ line: 1, column: 1 });
  });
});
