/** Bytes to text, one character per byte with ASCII as itself: the prefilter's patterns are ASCII. */
export type ByteDecoder = (bytes: Uint8Array) => string;

let latin1: TextDecoder | undefined;

/** Any host has this one (the WHATWG "latin1" label is windows-1252, as good for ASCII patterns:
 * every byte still becomes exactly one character). A host may hand in a faster one, and then this
 * decoder is never made. */
export const decodeLatin1: ByteDecoder = (bytes) => (latin1 ??= new TextDecoder("latin1")).decode(bytes);
