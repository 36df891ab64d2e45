import { CodeActionKind, type CodeAction, type Range, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type { Analysis, Diagnostic } from "../core.js";
import { fixTitle, textEdits, toLspDiagnostic } from "./lsp-diagnostics.js";
import type { PositionCodec } from "./lsp-positions.js";

/** The kind editors run on save (`source.fixAll` and `source` include it). */
export const FIX_ALL = `${CodeActionKind.SourceFixAll}.mainguard`;

/** What a code action answers about: the document as analysed, and how the client takes edits. */
export interface ActionTarget {
  uri: string;
  version: number;
  analysis: Analysis;
  codec: PositionCodec;
  /** The client takes versioned `documentChanges`: an edit made for an older version is refused. */
  versioned: boolean;
}

/** Whether a requested kind (`only`) asks for actions of `kind`: a kind covers its sub-kinds. */
const asks = (only: readonly string[] | undefined, kind: string) => !only || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));

export function codeActions(target: ActionTarget, range: Range, only: readonly string[] | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  if (asks(only, CodeActionKind.QuickFix)) {
    // By whole lines: a client may send the cursor's line in its own columns (Neovim 0.7 sends bytes).
    for (const diagnostic of target.analysis.diagnostics) {
      if (diagnostic.end.line < range.start.line || diagnostic.start.line > range.end.line) continue;
      actions.push(...quickFixes(target, diagnostic));
    }
  }
  if (asks(only, FIX_ALL)) {
    const fixed = target.analysis.fixAll();
    if (fixed.edits.length > 0) {
      const unsafe = fixed.applied.some((diagnostic) => diagnostic.applicability === "unsafe");
      const title = `mainguard: fix all fixable findings${unsafe ? " (unsafe fixes included: unsafe-fixes is on)" : ""}`;
      actions.push({ title, kind: FIX_ALL, edit: workspaceEdit(target, textEdits(fixed.edits, target.codec)) });
    }
  }
  return actions;
}

function quickFixes(target: ActionTarget, diagnostic: Diagnostic): CodeAction[] {
  const { analysis, codec } = target;
  const fix = analysis.fix(diagnostic);
  const lsp = toLspDiagnostic(diagnostic, codec, target.version);
  const actions: CodeAction[] = [];
  if (fix) {
    actions.push({
      title: fixTitle(diagnostic, fix.applicability),
      kind: CodeActionKind.QuickFix,
      diagnostics: [lsp],
      // An unsafe fix changes behaviour: offered, never the one an editor applies by itself.
      isPreferred: fix.applicability === "safe",
      edit: workspaceEdit(target, textEdits(fix.edits, codec)),
    });
  }
  actions.push({
    title: `Disable ${diagnostic.rule} for this line (# mainguard: ignore[${diagnostic.rule}])`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [lsp],
    edit: workspaceEdit(target, textEdits([diagnostic.suppression], codec)),
  });
  return actions;
}

function workspaceEdit({ uri, version, versioned }: ActionTarget, edits: TextEdit[]): WorkspaceEdit {
  return versioned ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
}
