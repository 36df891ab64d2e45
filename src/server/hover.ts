import { MarkupKind, type Hover } from "vscode-languageserver";
import type { Analysis, RuleDoc } from "../core.js";
import { DIRECTIVE } from "../engine/suppression.js";
import { formatRule } from "../output/rule-docs.js";
import type { PositionCodec } from "./lsp-positions.js";

/** Every suppression comment of a line (the engine's own pattern, searched globally). */
const DIRECTIVES = new RegExp(DIRECTIVE.source, "g");
const CODE = /[A-Za-z]+\d+/g;

/**
 * What `mainguard rule CODE` prints, for the rule of a diagnostic under the cursor, or of a code
 * the cursor is on inside `# mainguard: ignore[...]`.
 */
export function hoverAt(analysis: Analysis, codec: PositionCodec, offset: number, rules: readonly RuleDoc[]): Hover | null {
  const ruleDoc = (code: string) => rules.find((rule) => rule.code === code.toUpperCase());
  for (const diagnostic of analysis.diagnostics) {
    if (offset < diagnostic.range.start || offset > diagnostic.range.end) continue;
    const doc = ruleDoc(diagnostic.rule);
    if (doc) return { contents: { kind: MarkupKind.Markdown, value: formatRule(doc) }, range: codec.range(diagnostic.range.start, diagnostic.range.end) };
  }
  const text = analysis.source;
  const line = codec.position(offset).line;
  const lineStart = codec.offset({ line, character: 0 });
  const lineEnd = codec.offset({ line: line + 1, character: 0 });
  const lineText = text.slice(lineStart, lineEnd);
  for (const comment of lineText.matchAll(DIRECTIVES)) {
    // A bare `ignore` names no rule.
    if (comment[1] === undefined) continue;
    const listStart = lineStart + comment.index + comment[0].indexOf("[") + 1;
    for (const code of comment[1].matchAll(CODE)) {
      const start = listStart + code.index;
      const end = start + code[0].length;
      const doc = offset >= start && offset <= end ? ruleDoc(code[0]) : undefined;
      if (doc) return { contents: { kind: MarkupKind.Markdown, value: formatRule(doc) }, range: codec.range(start, end) };
    }
  }
  return null;
}
