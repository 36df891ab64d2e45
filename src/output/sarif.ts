import type * as Sarif from "sarif";
import type { FileResult } from "../file-result.js";
import type { Finding, Position, RuleDoc } from "../types.js";
import type { FilePatch } from "./file-patches.js";

const OWASP = "OWASP A01:2021";

function rule(doc: RuleDoc): Sarif.ReportingDescriptor {
  return {
    id: doc.code,
    name: doc.name,
    shortDescription: { text: doc.title },
    fullDescription: { text: doc.documentation.split("\n## ")[0]!.replace(/^## What it does\n/, "").trim() },
    help: { text: doc.documentation, markdown: doc.documentation },
    defaultConfiguration: { level: "warning" },
    properties: {
      tags: ["security", ...doc.cwe.flatMap((id) => [`CWE-${id}`, `external/cwe/cwe-${id}`]), OWASP],
    },
  };
}

const region = (start: Position, end: Position): Sarif.Region => ({
  startLine: start.line,
  startColumn: start.column,
  endLine: end.line,
  endColumn: end.column,
});

function fixOf(finding: Finding, uri: string): Sarif.Fix[] | undefined {
  if (!finding.fix?.edits?.length) return undefined;
  const applicability = finding.fix.applicability;
  return [
    {
      description: { text: `${applicability === "safe" ? "Safe" : "Unsafe"} fix: move the statement under if __name__ == "__main__":` },
      artifactChanges: [
        {
          artifactLocation: { uri },
          replacements: finding.fix.edits.map((edit) => ({
            deletedRegion: region(edit.start, edit.end),
            insertedContent: { text: edit.content },
          })),
        },
      ],
      properties: { applicability },
    },
  ];
}

/**
 * Each changed file's whole fix (a `--dry-run`), as SARIF has no place for a fix of several
 * results: the run's property bag `mainguard/files`, each an artifact change (its replacements,
 * applied together, give the fixed file) with the patch `--dry-run` prints.
 */
export function sarifPatches(patches: readonly FilePatch[]): Record<string, unknown> {
  const files = patches.map((file) => ({
    artifactLocation: { uri: encodeURI(file.path) },
    replacements: file.edits.map((edit): Sarif.Replacement => ({ deletedRegion: region(edit.start, edit.end), insertedContent: { text: edit.content } })),
    properties: { applied: file.applied, patch: file.patch },
  }));
  return { "mainguard/files": files };
}

/** A SARIF 2.1.0 log: one rule per MG id, results with locations and, where fixable, fixes; with `patches`, each file's whole fix too. */
export function formatSarif(results: readonly FileResult[], rules: readonly RuleDoc[], version: string, patches?: readonly FilePatch[]): string {
  const ruleIndex = new Map(rules.map((doc, index) => [doc.code, index]));
  const log: Sarif.Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "mainguard",
            version,
            informationUri: "https://www.npmjs.com/package/mainguard",
            rules: rules.map(rule),
          },
        },
        columnKind: "utf16CodeUnits",
        results: results.flatMap((file) =>
          file.findings.map((finding): Sarif.Result => {
            const uri = encodeURI(file.path);
            const fixes = fixOf(finding, uri);
            return {
              ruleId: finding.rule,
              ...(ruleIndex.has(finding.rule) ? { ruleIndex: ruleIndex.get(finding.rule)! } : {}),
              level: "warning",
              message: { text: finding.message },
              locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(finding.start, finding.end) } }],
              ...(fixes ? { fixes } : {}),
              properties: { reason: finding.reason, ...(finding.fix ? { applicability: finding.fix.applicability } : {}) },
            };
          }),
        ),
        ...(patches ? { properties: sarifPatches(patches) } : {}),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
