/**
 * Just enough of WebAssembly's binary format to write small modules by hand (the byte scanner,
 * the code blanker): opcodes, LEB128 numbers, sections; and to instantiate them and size their
 * memory. Nothing is compiled at build time and no toolchain is needed; each module is a few
 * hundred bytes made when first used.
 */

const PAGE = 1 << 16;

/** Core opcodes used by the modules here. */
export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, return: 0x0f, void: 0x40,
  localGet: 0x20, localSet: 0x21, localTee: 0x22, load8: 0x2d, store8: 0x3a, i32Const: 0x41,
  i32Eqz: 0x45, i32Eq: 0x46, i32GtU: 0x4b, i32GeU: 0x4f, i32Ctz: 0x68, i32Add: 0x6a, i32Sub: 0x6b, i32And: 0x71, i32Or: 0x72,
} as const;
/** SIMD opcodes (after the 0xfd prefix). */
export const SIMD = { load: 0x00, const: 0x0c, eq: 0x23, ltU: 0x26, not: 0x4d, and: 0x4e, or: 0x50, anyTrue: 0x53, bitmask: 0x64, sub: 0x71 } as const;
export const I32 = 0x7f;
export const V128 = 0x7b;

export const leb = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...leb(n >>> 7)]);
const sleb = (n: number): number[] => (n >= -64 && n < 64 ? [n & 0x7f] : [(n & 0x7f) | 0x80, ...sleb(n >> 7)]);
export const simd = (op: number) => (op < 0x80 ? [0xfd, op] : [0xfd, (op & 0x7f) | 0x80, op >> 7]);
export const i32 = (n: number) => [OP.i32Const, ...sleb(n)];
export const get = (local: number) => [OP.localGet, local];
export const set = (local: number) => [OP.localSet, local];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const vector = (items: number[][]) => [...leb(items.length), ...items.flat()];
const name = (text: string) => [...leb(text.length), ...Buffer.from(text, "latin1")];

/**
 * A module with one exported function, `exported`, of `params` i32 parameters returning `results`
 * i32 values, and one exported memory ("memory", `pages` to start with). `locals` lists runs of
 * locals as [count, type]; `body` is the code, without its final `end`.
 */
export function oneFunctionModule(exported: string, params: number, results: number, locals: Array<[number, number]>, body: number[], pages = 1): Uint8Array<ArrayBuffer> {
  const code = [...vector(locals), ...body, OP.end];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, ...leb(params), ...new Array(params).fill(I32), ...leb(results), ...new Array(results).fill(I32)]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, ...leb(pages)]])),
    ...section(7, vector([[...name(exported), 0x00, 0], [...name("memory"), 0x02, 0]])),
    ...section(10, vector([[...leb(code.length), ...code]])),
  ]);
}

/** The exports of a hand-written module, compiled and instantiated at once: it is a few hundred bytes. */
export function instantiate<Exports>(bytes: Uint8Array<ArrayBuffer>): Exports {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
}

/** Grows `memory` (never shrinks it) until it holds at least `bytes` bytes. */
export function growTo(memory: WebAssembly.Memory, bytes: number): void {
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
}
