import type { RuleDoc } from "../types.js";

/** What `mainguard rule MG001` prints: the rule's own documentation, kept beside its transform. */
export function formatRule(doc: RuleDoc): string {
  return `# ${doc.name} (${doc.code})\n\n${doc.title}. ${doc.cwe.map((id) => `CWE-${id}`).join(", ")}; OWASP A01:2021.\n\n${doc.documentation.trimEnd()}\n`;
}

/** What `mainguard rule` prints: one line per rule. */
export function formatRuleList(rules: readonly RuleDoc[]): string {
  const width = Math.max(...rules.map((doc) => doc.name.length));
  return rules.map((doc) => `${doc.code}  ${doc.name.padEnd(width)}  ${doc.title}\n`).join("");
}
