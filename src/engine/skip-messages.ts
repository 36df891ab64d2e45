import type { SkipReason } from "../types.js";

/** The one-line reason a file was not checked or not fixed, as printed after its path. */
export function skipMessage(reason: SkipReason): string {
  switch (reason.kind) {
    case "syntax-error":
      return `skipped: syntax error on line ${reason.line}, column ${reason.column}: ${reason.message}`;
    case "lone-cr":
      return `skipped: a lone carriage return (CR) ends line ${reason.line}, and Python and the grammar read such line ends differently`;
    case "parser-failed":
      return `skipped: the parser ran out of memory reading the ${size(reason.bytes)} of statements from line ${reason.line} on`;
    case "unverified":
      return `not fixed: ${reason.detail}`;
  }
}

/** A size as people read it: 103 bytes, 64 KB, 20.0 MB. */
function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  return bytes < 1e6 ? `${Math.round(bytes / 1000)} KB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
