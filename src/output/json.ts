import type { FileResult } from "../file-result.js";
import type { Position, TextEdit } from "../types.js";

/** ruff-like locations: 1-based row and column (UTF-16 code units). */
const location = (position: Position) => ({ row: position.line, column: position.column });

const edit = (e: TextEdit) => ({ content: e.content, location: location(e.start), end_location: location(e.end) });

/** The findings as a JSON array (documented in the README). */
export function formatJson(results: readonly FileResult[]): string {
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
  return JSON.stringify(findings, null, 2) + "\n";
}
