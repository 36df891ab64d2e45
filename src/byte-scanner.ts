import { SPACE } from "./ascii.js";
import { get, growTo, I32, i32, instantiate, leb, OP, oneFunctionModule, set, simd, SIMD, V128 } from "./wasm-assembly.js";

/**
 * A SIMD search for several short byte strings at once, in WebAssembly: one pass over a file finds
 * where any of them may occur, where `Buffer.indexOf` would need a pass per string (and those
 * passes were most of the prefilter's time). Each string is looked for by its last three bytes,
 * 16 positions at a time; the caller confirms each hit. The file is read straight into the
 * module's memory (see `arena`), so nothing is copied.
 */

/** Memory below this offset holds the patterns; files are read above it. */
const DATA = 1 << 16;
/** Loads reach 19 bytes past the last position tested. */
const SLACK = 32;
/** Each pattern: its three bytes, the byte that may follow it inside a word, and "anything may follow". */
const STRIDE = 80;
const MAX_PATTERNS = Math.floor((DATA - 16) / STRIDE);

/** A v128.load: alignment 1, then the constant offset. */
const load = (offset: number) => [...simd(SIMD.load), 0, ...leb(offset)];
const splat = (byte: number) => [...simd(SIMD.const), ...new Array(16).fill(byte)];

/**
 * find(start, end, count) → the first position p in [start, end) where bytes p, p+1, p+2 equal
 * one of the `count` (at least one) patterns and byte p+3 may follow it, or -1. Pattern k, at
 * 16 + 80k, is five 16-byte splats: its three bytes; the one word byte that may follow it (any
 * other byte that is not an ASCII word byte may); and 0xff when any byte may. Blocks are first
 * tested on the three bytes alone, since hits are rare. The last block may look past `end`: a
 * hit there is reported, and the caller ignores it.
 */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const [start, end, count, i, p, k, v0, v1, v2, hits, v3, open] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const matches = (value: number, offset: number) => [...get(value), ...get(p), ...load(offset), ...simd(SIMD.eq)];
  const threeBytes = [...matches(v0, 0), ...matches(v1, 16), ...simd(SIMD.and), ...matches(v2, 32), ...simd(SIMD.and)];
  /** `hits` = the patterns' matches in this block, each anded with `also` (none: as it is). */
  const scanPatterns = (also: number[]) => [
    ...splat(0), ...set(hits),
    ...i32(16), ...set(p),
    ...get(count), ...set(k),
    OP.loop, OP.void,
    ...get(hits), ...threeBytes, ...also, ...simd(SIMD.or), ...set(hits),
    ...get(p), ...i32(STRIDE), OP.i32Add, ...set(p),
    ...get(k), ...i32(1), OP.i32Sub, OP.localTee, k, OP.brIf, 0,
    OP.end,
  ];
  const inRange = (low: number, size: number) => [...splat(low), ...simd(SIMD.sub), ...splat(size), ...simd(SIMD.ltU)];
  const isAsciiWord = [
    ...get(v3), ...splat(0x20), ...simd(SIMD.or), ...inRange(0x61, 26),
    ...get(v3), ...inRange(0x30, 10), ...simd(SIMD.or),
    ...get(v3), ...splat(0x5f), ...simd(SIMD.eq), ...simd(SIMD.or),
  ];
  const mayFollow = [...get(open), ...matches(v3, 48), ...simd(SIMD.or), ...get(p), ...load(64), ...simd(SIMD.or), ...simd(SIMD.and)];
  const body = [
    ...get(start), ...set(i),
    OP.block, OP.void,
    OP.loop, OP.void,
    ...get(i), ...get(end), OP.i32GeU, OP.brIf, 1,
    ...get(i), ...load(0), ...set(v0),
    ...get(i), ...load(1), ...set(v1),
    ...get(i), ...load(2), ...set(v2),
    ...scanPatterns([]),
    ...get(hits), ...simd(SIMD.anyTrue),
    OP.if, OP.void,
    ...get(i), ...load(3), ...set(v3),
    ...isAsciiWord, ...simd(SIMD.not), ...set(open),
    ...scanPatterns(mayFollow),
    ...get(hits), ...simd(SIMD.anyTrue),
    OP.if, OP.void, ...get(i), ...get(hits), ...simd(SIMD.bitmask), OP.i32Ctz, OP.i32Add, OP.return, OP.end,
    OP.end,
    ...get(i), ...i32(16), OP.i32Add, ...set(i),
    OP.br, 0,
    OP.end,
    OP.end,
    ...i32(-1),
  ];
  // locals: i, p, k (i32); v0, v1, v2, hits, v3, open (v128)
  return oneFunctionModule("find", 3, 1, [[3, I32], [6, V128]], body, 2);
}

interface Exports {
  find(start: number, end: number, count: number): number;
  memory: WebAssembly.Memory;
}

let exports: Exports | undefined;
let view: Buffer | undefined;
/** The string set (its `follow`, else its strings) whose patterns the memory holds now. */
let loaded: object | undefined;

/**
 * What may come right after each string for a hit to count, the scanner's first check: for
 * `undefined`, any byte; else any byte but an ASCII word byte ([A-Za-z0-9_]), or else the one
 * byte given (where the string goes on into a longer word). "" means a word must end there.
 */
export type Follow = readonly (string | undefined)[];

/** A string set's patterns: each string's last three bytes and what may follow, and the strings by those bytes (as one number). */
interface Patterns {
  splats: number[][];
  byTail: Map<number, Array<{ back: number }>>;
}

/** Worked out once per string set. */
const patternsOf = new WeakMap<object, Patterns>();

function instance(): Exports {
  exports ??= instantiate<Exports>(moduleBytes());
  return exports;
}

let whole: Uint8Array | undefined;

/** All of the module's memory, as bytes (a new view only after the memory grows). */
function memoryBytes(): Uint8Array {
  const { buffer } = instance().memory;
  if (whole?.buffer !== buffer) whole = new Uint8Array(buffer);
  return whole;
}

/**
 * A buffer of at least `size` bytes in the scanner's memory, to read a file into. It is reused:
 * its contents last until the next call, and a larger request moves it.
 */
export function arena(size: number): Buffer {
  const { memory } = instance();
  const needed = DATA + size + SLACK;
  growTo(memory, needed);
  if (!view || view.buffer !== memory.buffer) view = Buffer.from(memory.buffer, DATA, memory.buffer.byteLength - DATA - SLACK);
  return view;
}

/** Whether `bytes` lie in the arena, where `someStart` can search them. */
export function inArena(bytes: Uint8Array): boolean {
  return exports !== undefined && bytes.buffer === exports.memory.buffer;
}

const checked = new WeakMap<readonly string[], boolean>();

/** Whether `strings` can be searched for here: ASCII, each at least three bytes, not too many. */
export function searchable(strings: readonly string[]): boolean {
  let known = checked.get(strings);
  if (known === undefined) {
    known = strings.length > 0 && strings.length <= MAX_PATTERNS && strings.every((text) => text.length >= 3 && /^[\x20-\x7e]+$/.test(text));
    checked.set(strings, known);
  }
  return known;
}

const tail = (a: number, b: number, c: number) => (a << 16) | (b << 8) | c;

/**
 * Puts the patterns of `strings` in memory and returns them by their last three bytes. Two
 * string sets take turns on each file, so a switch only rewrites the splats.
 */
function usePatterns(strings: readonly string[], follow: Follow | undefined): Map<number, Array<{ back: number }>> {
  const key = follow ?? strings;
  let patterns = patternsOf.get(key);
  if (!patterns) {
    const byTail = new Map<number, Array<{ back: number }>>();
    const splats = strings.map((text, n) => {
      const codes = [0, 1, 2].map((j) => text.charCodeAt(text.length - 3 + j));
      const id = tail(codes[0]!, codes[1]!, codes[2]!);
      byTail.set(id, [...(byTail.get(id) ?? []), { back: text.length - 3 }]);
      const next = follow?.[n];
      const filtered = next !== undefined && next.length <= 1;
      return [...codes, filtered && next ? next.charCodeAt(0) : SPACE, filtered ? 0 : 0xff];
    });
    patterns = { splats, byTail };
    patternsOf.set(key, patterns);
  }
  if (loaded !== key) {
    const memory = memoryBytes();
    patterns.splats.forEach((bytes, n) => bytes.forEach((byte, j) => memory.fill(byte, 16 + STRIDE * n + 16 * j, 16 + STRIDE * n + 16 * (j + 1))));
    loaded = key;
  }
  return patterns.byTail;
}

/**
 * Whether `test` holds at some offset in `bytes` (which must lie in the arena) where one of
 * `strings` (see `searchable`) may start: its last three bytes are there, followed by what
 * `follow` allows (one entry per string; without it, anything). Offsets come in order; the test
 * checks the rest.
 */
export function someStart(bytes: Uint8Array, strings: readonly string[], test: (start: number) => boolean, follow?: Follow): boolean {
  const byTail = usePatterns(strings, follow);
  const { find } = instance();
  const base = bytes.byteOffset;
  const end = base + bytes.length;
  // A string at the very end is followed by whatever the arena holds next: make that a space.
  const after = memoryBytes();
  const kept = after[end]!;
  after[end] = SPACE;
  try {
    for (let at = find(base, end, strings.length); at !== -1 && at + 3 <= end; at = find(at + 1, end, strings.length)) {
      const offset = at - base;
      for (const { back } of byTail.get(tail(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!))!) {
        if (offset >= back && test(offset - back)) return true;
      }
    }
    return false;
  } finally {
    after[end] = kept;
  }
}
