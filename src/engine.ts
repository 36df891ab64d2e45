import type { Node, Parser, Tree } from "web-tree-sitter";
import { applyEdits } from "./apply-edits.js";
import { planGuards } from "./guard-plan.js";
import { parse, pythonParser } from "./parser.js";
import { firstSyntaxError } from "./syntax-errors.js";
import type { Detection, Finding, FixResult, Transform } from "./types.js";
import { differenceAfterGuarding } from "./verify.js";

export interface EngineOptions {
  transforms: readonly Transform[];
  /** Also apply fixes marked unsafe. */
  unsafeFixes?: boolean;
}

function toFinding(detection: Detection, source: string): Finding {
  const { node } = detection;
  // A BOM is not a column the user sees.
  const bomShift = (row: number) => (row === 0 && source.startsWith("\uFEFF") ? 1 : 0);
  return {
    rule: detection.rule,
    message: detection.message,
    reason: detection.reason,
    start: { line: node.startPosition.row + 1, column: node.startPosition.column + 1 - bomShift(node.startPosition.row) },
    end: { line: node.endPosition.row + 1, column: node.endPosition.column + 1 - bomShift(node.endPosition.row) },
    ...(detection.fix ? { fix: { applicability: detection.fix.applicability } } : {}),
  };
}

function byPosition(a: Finding, b: Finding): number {
  return a.start.line - b.start.line || a.start.column - b.start.column || a.rule.localeCompare(b.rule);
}

/** Parses, checks and (when asked) fixes one file's text. Trees are freed before returning. */
export class Engine {
  private constructor(
    private readonly options: EngineOptions,
    private parser: Parser | undefined,
  ) {}

  static create(options: EngineOptions): Engine {
    return new Engine(options, undefined);
  }

  private async parse(source: string): Promise<Tree> {
    this.parser ??= await pythonParser();
    return parse(this.parser, source);
  }

  /** Whether a fix run would try to fix this finding. */
  willFix(finding: Finding): boolean {
    return finding.fix !== undefined && (finding.fix.applicability === "safe" || this.options.unsafeFixes === true);
  }

  async run(source: string, path: string, fix: boolean): Promise<FixResult> {
    const transforms = this.options.transforms.filter((transform) => transform.mayMatch(source));
    if (transforms.length === 0) return { output: source, findings: [], applied: 0 };
    const tree = await this.parse(source);
    try {
      const error = firstSyntaxError(tree.rootNode);
      if (error) return { output: source, findings: [], applied: 0, skipped: { kind: "syntax-error", ...error } };
      const detections = transforms.flatMap((transform) => transform.check({ source, root: tree.rootNode, path }));
      const unsorted = detections.map((detection) => toFinding(detection, source));
      const fixable = detections.filter((_, i) => this.willFix(unsorted[i]!));
      const findings = [...unsorted].sort(byPosition);
      if (!fix || fixable.length === 0) return { output: source, findings, applied: 0 };
      return await this.rewrite(source, tree.rootNode, fixable, findings);
    } finally {
      tree.delete();
    }
  }

  private async rewrite(source: string, root: Node, fixable: Detection[], findings: Finding[]): Promise<FixResult> {
    const statements = fixable.map((detection) => detection.fix!.statement);
    let output: string;
    try {
      output = applyEdits(source, planGuards(source, root, statements));
    } catch (error) {
      return { output: source, findings, applied: 0, skipped: { kind: "unverified", detail: String(error) } };
    }
    const rewritten = await this.parse(output);
    try {
      const difference = differenceAfterGuarding(root, rewritten.rootNode, statements);
      if (difference) return { output: source, findings, applied: 0, skipped: { kind: "unverified", detail: difference } };
      return { output, findings, applied: fixable.length };
    } finally {
      rewritten.delete();
    }
  }
}
