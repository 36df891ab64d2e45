import type { FileResult } from "../file-result.js";
import type { TextEdit } from "../types.js";
import { unifiedPatch } from "./patch.js";

/** One file's whole fix in a `--dry-run` document: its edits (positions in the file as read) and its patch. */
export interface FilePatch {
  path: string;
  /** How many findings the fix resolves. */
  applied: number;
  edits: TextEdit[];
  /** The unified diff `--dry-run` prints for it, as UTF-8 text. */
  patch: string;
}

const UTF8 = new TextDecoder();

/** The files a `--dry-run` would change, in path order, each with its edits and patch. */
export function filePatches(results: readonly FileResult[]): FilePatch[] {
  return results.flatMap((file) =>
    file.change
      ? [{ path: file.path, applied: file.change.applied, edits: file.change.edits, patch: UTF8.decode(unifiedPatch(file.path, file.change.original, file.change.output)) }]
      : [],
  );
}
