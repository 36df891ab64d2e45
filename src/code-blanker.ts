/**
 * Python source with its string literals' contents and comments turned into spaces, in
 * WebAssembly. Written in JavaScript, this byte loop was the prefilter's largest cost in a scan:
 * every thread ran its first files in the interpreter and then spent as long again compiling it.
 * WebAssembly's baseline compiler makes it fast from the first byte.
 */
import { APOSTROPHE, BACKSLASH, CR, HASH, LF, QUOTE, SPACE } from "./ascii.js";
import { get, growTo, I32, i32, instantiate, OP, oneFunctionModule, set } from "./wasm-assembly.js";

/** Lookahead reads up to two bytes past the end; they are zeros there, which match nothing. */
const SENTINELS = 3;

/**
 * blank(n): blanks bytes [0, n) of memory in place. A comment runs from `#` to the line break; a
 * string from its quote (any prefix before it is code) to the matching quote, single or triple,
 * a backslash escaping the byte after it; a one-line string left open ends at the line break
 * (Python would reject it). Contents become spaces, line breaks inside stay, quotes stay.
 */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const [n, i, c, end, width, closed, d] = [0, 1, 2, 3, 4, 5, 6];
  const byteAt = (local: number, offset = 0) => [...get(local), OP.load8, 0, offset];
  const blankAt = (local: number) => [...get(local), ...i32(SPACE), OP.store8, 0, 0];
  const is = (byte: number) => [...i32(byte), OP.i32Eq];
  const isLineBreak = (local: number) => [...get(local), ...is(LF), ...get(local), ...is(CR), OP.i32Or];
  const increment = (target: number, by = 1) => [...get(target), ...i32(by), OP.i32Add, ...set(target)];
  const addLocal = (target: number, local: number) => [...get(target), ...get(local), OP.i32Add, ...set(target)];

  const comment = [
    // i is at `#`: blank up to the line break or the end.
    OP.block, OP.void, OP.loop, OP.void,
    ...get(i), ...get(n), OP.i32GeU, OP.brIf, 1,
    ...byteAt(i), ...set(d),
    ...isLineBreak(d), OP.brIf, 1,
    ...blankAt(i), ...increment(i),
    OP.br, 0,
    OP.end, OP.end,
  ];
  const string = [
    // i is at a quote c: the string's body starts after one quote or three.
    ...i32(1), ...set(width),
    ...byteAt(i, 1), ...get(c), OP.i32Eq, ...byteAt(i, 2), ...get(c), OP.i32Eq, OP.i32And,
    OP.if, OP.void, ...i32(3), ...set(width), OP.end,
    ...get(i), ...get(width), OP.i32Add, ...set(end),
    ...i32(0), ...set(closed),
    OP.block, OP.void, OP.loop, OP.void,
    ...get(end), ...get(n), OP.i32GeU, OP.brIf, 1,
    ...byteAt(end), ...set(d),
    ...get(d), ...is(BACKSLASH), OP.if, OP.void, ...increment(end, 2), OP.br, 1, OP.end,
    ...get(d), ...get(c), OP.i32Eq,
    OP.if, OP.void,
    ...get(width), ...is(1),
    ...byteAt(end, 1), ...get(c), OP.i32Eq, ...byteAt(end, 2), ...get(c), OP.i32Eq, OP.i32And,
    OP.i32Or,
    OP.if, OP.void, ...i32(1), ...set(closed), OP.br, 3, OP.end,
    OP.end,
    ...get(width), ...is(1), ...isLineBreak(d), OP.i32And, OP.brIf, 1,
    ...increment(end),
    OP.br, 0,
    OP.end, OP.end,
    // An escape at the very end steps past it.
    ...get(end), ...get(n), OP.i32GtU, OP.if, OP.void, ...get(n), ...set(end), OP.end,
    // Blank the body, keeping line breaks; then continue after the closing quotes, if any.
    ...addLocal(i, width),
    OP.block, OP.void, OP.loop, OP.void,
    ...get(i), ...get(end), OP.i32GeU, OP.brIf, 1,
    ...byteAt(i), ...set(d),
    ...isLineBreak(d), OP.i32Eqz,
    OP.if, OP.void, ...blankAt(i), OP.end,
    ...increment(i),
    OP.br, 0,
    OP.end, OP.end,
    ...get(closed), OP.if, OP.void, ...addLocal(i, width), OP.end,
  ];
  const body = [
    OP.block, OP.void, OP.loop, OP.void,
    ...get(i), ...get(n), OP.i32GeU, OP.brIf, 1,
    ...byteAt(i), ...set(c),
    ...get(c), ...is(HASH),
    OP.if, OP.void,
    ...comment,
    OP.else,
    ...get(c), ...is(QUOTE), ...get(c), ...is(APOSTROPHE), OP.i32Or,
    OP.if, OP.void, ...string, OP.else, ...increment(i), OP.end,
    OP.end,
    OP.br, 0,
    OP.end, OP.end,
  ];
  // locals after n: i, c, end, width, closed, d
  return oneFunctionModule("blank", 1, 0, [[6, I32]], body);
}

interface Exports {
  blank(n: number): void;
  memory: WebAssembly.Memory;
}

let exports: Exports | undefined;

/**
 * The bytes with Python's string literals' contents (any prefix, single or triple quoted,
 * escapes) and comments turned into spaces, as a one-byte (Latin-1) string; line breaks stay, so
 * the line structure and every offset are the file's.
 */
export function blankStringsAndComments(source: Uint8Array): string {
  exports ??= instantiate<Exports>(moduleBytes());
  const { memory, blank } = exports;
  const needed = source.length + SENTINELS;
  growTo(memory, needed);
  const bytes = Buffer.from(memory.buffer, 0, needed);
  bytes.set(source);
  bytes.fill(0, source.length);
  blank(source.length);
  return bytes.toString("latin1", 0, source.length);
}
