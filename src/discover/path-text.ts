import { sep } from "node:path";

/** A path with forward slashes, as users see paths and as gitignore patterns are written. */
export const toPosix = (path: string): string => (sep === "/" ? path : path.split(sep).join("/"));

/** A directory with exactly one separator at its end, ready to have a name appended. */
export const withSeparator = (directory: string): string => (directory.endsWith(sep) ? directory : directory + sep);
