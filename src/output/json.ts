import type { FileResult } from "../file-result.js";
import type { Position, TextEdit } from "../types.js";
import type { FilePatch } from "./file-patches.js";

/** ruff-like locations: 1-based row and column (UTF-16 code units). */
const location = (position: Position) => ({ row: position.line, column: position.column });

const edit = (e: TextEdit) => ({ content: e.content, location: location(e.start), end_location: location(e.end) });

/** The findings as a JSON array (documented in the README); with `patches` (a `--dry-run`), an
 * object holding that array and each changed file's whole fix: its edits and its patch. */
export function formatJson(results: readonly FileResult[], patches?: readonly FilePatch[]): string {
  const findings = results.flatMap((file) =>
    file.findings.map((finding) => ({
      path: file.path,
      code: finding.rule,
      message: finding.message,
      reason: finding.reason,
      location: location(finding.start),
      end_location: location(finding.end),
      fix: finding.fix ? { applicability: finding.fix.applicability, edits: (finding.fix.edits ?? []).map(edit) } : null,
    })),
  );
  if (!patches) return JSON.stringify(findings, null, 2) + "\n";
  return JSON.stringify({ findings, files: patchesJson(patches) }, null, 2) + "\n";
}

/** Each changed file's fix, as `--dry-run --format json` (and `--from-report`'s JSON) carries it. */
export function patchesJson(patches: readonly FilePatch[]) {
  return patches.map((file) => ({ path: file.path, applied: file.applied, edits: file.edits.map(edit), patch: file.patch }));
}
