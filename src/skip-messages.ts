import type { SkipReason } from "./types.js";

/** The one-line reason a file was not checked or not fixed, as printed after its path. */
export function skipMessage(reason: SkipReason): string {
  switch (reason.kind) {
    case "syntax-error":
      return `skipped: syntax error on line ${reason.line}, column ${reason.column}: ${reason.message}`;
    case "lone-cr":
      return `skipped: a lone carriage return (CR) ends line ${reason.line}, and Python and the grammar read such line ends differently`;
    case "unverified":
      return `not fixed: ${reason.detail}`;
  }
}
