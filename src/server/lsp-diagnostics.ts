import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type TextEdit } from "vscode-languageserver";
import type { Applicability, Diagnostic, Edit, Fix } from "../types.js";
import type { PositionCodec } from "./lsp-positions.js";

export const SOURCE = "mainguard";

/**
 * What a published diagnostic carries for the code actions asked about it later: its rule, the
 * version it belongs to, whether it has a fix and how safe it is, and, once typing pauses, the
 * fix's edits. Each fix is verified by parsing the fixed text whole, which on a 7,500-line module
 * costs more than the keystroke's own re-parse, so it is not made for every keystroke (see
 * docs/performance.md).
 */
export interface DiagnosticData {
  rule: string;
  version: number;
  applicability?: Applicability;
  fix?: { applicability: Applicability; edits: TextEdit[] };
}

export function textEdits(edits: readonly Edit[], codec: PositionCodec): TextEdit[] {
  return edits.map((edit) => ({ range: codec.range(edit.start, edit.end), newText: edit.text }));
}

export function toLspDiagnostic(diagnostic: Diagnostic, codec: PositionCodec, version: number, fix?: Fix): LspDiagnostic {
  const data: DiagnosticData = {
    rule: diagnostic.rule,
    version,
    ...(diagnostic.applicability ? { applicability: diagnostic.applicability } : {}),
    ...(fix ? { fix: { applicability: fix.applicability, edits: textEdits(fix.edits, codec) } } : {}),
  };
  return {
    range: codec.range(diagnostic.range.start, diagnostic.range.end),
    severity: DiagnosticSeverity.Warning,
    code: diagnostic.rule,
    source: SOURCE,
    message: `${diagnostic.message}\n${diagnostic.reason}`,
    data,
  };
}

/** The call as the rule's message names it (`app.run(...)`, `main()`). */
export function callNamed(diagnostic: Diagnostic): string {
  return /`([^`]+)`/.exec(diagnostic.message)?.[1] ?? diagnostic.rule;
}

const GUARD = '`if __name__ == "__main__":`';

/** The quick fix's title, which says what moves, and says so when the fix is unsafe. */
export function fixTitle(diagnostic: Diagnostic, applicability: Applicability): string {
  // MG002's fix moves the whole top-level block the start sits in.
  const what = diagnostic.rule === "MG002" ? `the top-level block around \`${callNamed(diagnostic)}\`` : `\`${callNamed(diagnostic)}\``;
  const title = `Move ${what} under ${GUARD}`;
  return applicability === "unsafe" ? `${title} (unsafe fix: review the behaviour change)` : title;
}
