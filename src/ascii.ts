/** ASCII bytes the raw-bytes scanners look for, by name. */
export const TAB = 0x09;
export const LF = 0x0a;
export const FORM_FEED = 0x0c;
export const CR = 0x0d;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const HASH = 0x23;
export const APOSTROPHE = 0x27;
export const OPEN_PAREN = 0x28;
export const DOT = 0x2e;
export const EQUALS = 0x3d;
export const BACKSLASH = 0x5c;
export const LOWER_A = 0x61;
export const LOWER_S = 0x73;
