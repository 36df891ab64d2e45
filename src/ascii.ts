/** ASCII characters the text and byte scanners look for, by code. */
export const TAB = 0x09;
export const LF = 0x0a;
export const FORM_FEED = 0x0c;
export const CR = 0x0d;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const HASH = 0x23;
export const APOSTROPHE = 0x27;
export const OPEN_PAREN = 0x28;
export const CLOSE_PAREN = 0x29;
export const STAR = 0x2a;
export const COMMA = 0x2c;
export const DOT = 0x2e;
export const COLON = 0x3a;
export const EQUALS = 0x3d;
export const OPEN_BRACKET = 0x5b;
export const BACKSLASH = 0x5c;
export const CLOSE_BRACKET = 0x5d;
export const LOWER_A = 0x61;
export const LOWER_S = 0x73;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;

/** White space within a line, as Python's tokenizer skips it between tokens. */
export const isSpace = (code: number): boolean => code === SPACE || code === TAB || code === FORM_FEED;

export const isLineBreak = (code: number): boolean => code === LF || code === CR;

/** White space, a line break or a backslash: what may stand between a name and the `(` or `=` after it (inside brackets, or across a continuation). */
export const isWhiteOrContinuation = (code: number): boolean => isSpace(code) || isLineBreak(code) || code === BACKSLASH;
