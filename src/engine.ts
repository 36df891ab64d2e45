import type { Node, Parser, Tree } from "web-tree-sitter";
import { applyEdits, normalizeEdits } from "./apply-edits.js";
import { planGuards } from "./guard-plan.js";
import { parse, pythonParser } from "./parser.js";
import { firstLoneCr, PositionIndex } from "./positions.js";
import { firstEmptyBlock, firstSyntaxProblem, type SyntaxProblem } from "./syntax-errors.js";
import type { Detection, Edit, Finding, FixResult, TextEdit, Transform } from "./types.js";
import { DEFAULT_CATALOG, type Catalog } from "./catalog.js";
import { applySuppressions } from "./suppression.js";
import { RawText } from "./prefilter.js";
import { differenceAfterGuarding } from "./verify.js";

export interface EngineOptions {
  transforms: readonly Transform[];
  /** Also apply fixes marked unsafe. */
  unsafeFixes?: boolean;
  /** Frameworks and servers to recognise; the built-in catalog by default. */
  catalog?: Catalog;
  /** Skip files the raw-text prefilter rules out (default true; off only to prove it changes nothing). */
  prefilter?: boolean;
}

export interface RunOptions {
  /** Compute the fixed text (fixes that apply: safe ones, and unsafe ones if enabled). */
  fix?: boolean;
  /** Attach to each fixable finding the verified edits that fix it alone (for JSON and SARIF). */
  describeFixes?: boolean;
  /** The transforms the caller's prefilter already chose for this text (see `candidates`). */
  transforms?: Transform[];
}

function toFinding(detection: Detection, positions: PositionIndex): Finding {
  const { node } = detection;
  return {
    rule: detection.rule,
    message: detection.message,
    reason: detection.reason,
    start: positions.at(node.startIndex),
    end: positions.at(node.endIndex),
    ...(detection.fix ? { fix: { applicability: detection.fix.applicability } } : {}),
  };
}

function byPosition(a: Finding, b: Finding): number {
  return a.start.line - b.start.line || a.start.column - b.start.column || a.rule.localeCompare(b.rule);
}

type Rewrite = { output: string; edits: Edit[] } | { error: string };

/** Parses, checks and (when asked) fixes one file's text. Trees are freed before returning. */
export class Engine {
  private parser: Parser | undefined;
  private readonly catalog: Catalog;

  private constructor(private readonly options: EngineOptions) {
    this.catalog = options.catalog ?? DEFAULT_CATALOG;
  }

  static create(options: EngineOptions): Engine {
    return new Engine(options);
  }

  /** The transforms that may find something in a file with these bytes (all, with the prefilter off). */
  candidates(raw: RawText): Transform[] {
    if (this.options.prefilter === false) return [...this.options.transforms];
    return this.options.transforms.filter((transform) => transform.mayMatch(raw, this.catalog));
  }

  /** Whether a fix run would try to fix this finding. */
  willFix(finding: Finding): boolean {
    return finding.fix !== undefined && (finding.fix.applicability === "safe" || this.options.unsafeFixes === true);
  }

  private async parse(source: string): Promise<Tree> {
    this.parser ??= await pythonParser();
    return parse(this.parser, source);
  }

  async run(source: string, path: string, options: RunOptions = {}): Promise<FixResult> {
    const transforms = options.transforms ?? this.candidates(RawText.of(source));
    if (transforms.length === 0) return { output: source, findings: [], applied: 0, suppressed: 0 };
    // Python ends a line at a lone CR; the grammar does not always (inside a comment, say), so the
    // two would disagree about which statement is where.
    const loneCr = firstLoneCr(source);
    if (loneCr !== -1) {
      const at = new PositionIndex(source.slice(0, loneCr)).at(loneCr);
      return { output: source, findings: [], applied: 0, suppressed: 0, skipped: { kind: "lone-cr", ...at } };
    }
    const tree = await this.parse(source);
    try {
      const root = tree.rootNode;
      const error = firstSyntaxProblem(source, root);
      if (error) return this.syntaxError(source, error);
      const context = { source, root, path, catalog: this.catalog };
      const found = transforms.flatMap((transform) => transform.check(context));
      const { kept: detections, suppressed } = applySuppressions(source, root, found);
      if (detections.length === 0) return { output: source, findings: [], applied: 0, suppressed };
      const empty = firstEmptyBlock(root, source);
      if (empty) return this.syntaxError(source, empty);
      const positions = new PositionIndex(source);
      const findings = detections.map((detection) => toFinding(detection, positions));
      if (options.describeFixes) await this.describeFixes(source, root, detections, findings, positions);
      const fixable = detections.filter((_, i) => this.willFix(findings[i]!));
      const sorted = [...findings].sort(byPosition);
      if (!options.fix || fixable.length === 0) return { output: source, findings: sorted, applied: 0, suppressed };
      const statements = [...new Map(fixable.map((d) => [d.fix!.statement.startIndex, d.fix!.statement])).values()];
      const rewrite = await this.rewrite(source, root, statements);
      if ("error" in rewrite) {
        return { output: source, findings: sorted, applied: 0, suppressed, skipped: { kind: "unverified", detail: rewrite.error } };
      }
      return { output: rewrite.output, findings: sorted, applied: fixable.length, guarded: statements.length, suppressed };
    } finally {
      tree.delete();
    }
  }

  private syntaxError(source: string, { line, column, message }: SyntaxProblem): FixResult {
    return { output: source, findings: [], applied: 0, suppressed: 0, skipped: { kind: "syntax-error", line, column, message } };
  }

  /** Plans, applies and verifies guards for `statements`; the output is never returned unverified. */
  private async rewrite(source: string, root: Node, statements: Node[]): Promise<Rewrite> {
    let edits: Edit[];
    let output: string;
    try {
      edits = normalizeEdits(planGuards(source, root, statements));
      output = applyEdits(source, edits);
    } catch (error) {
      // A plan the engine cannot make is a bug of mainguard's, but the file is only left as it was.
      const line = statements[0]!.startPosition.row + 1;
      return { error: `mainguard found no edit that guards line ${line} (${error instanceof Error ? error.message : String(error)}); please report this` };
    }
    const rewritten = await this.parse(output);
    try {
      const difference = differenceAfterGuarding(root, rewritten.rootNode, statements, output);
      return difference ? { error: difference } : { output, edits };
    } finally {
      rewritten.delete();
    }
  }

  private async describeFixes(source: string, root: Node, detections: Detection[], findings: Finding[], positions: PositionIndex) {
    for (const [i, detection] of detections.entries()) {
      const fix = findings[i]!.fix;
      if (!detection.fix || !fix) continue;
      const rewrite = await this.rewrite(source, root, [detection.fix.statement]);
      if ("error" in rewrite) continue;
      fix.edits = rewrite.edits.map((edit): TextEdit => ({ start: positions.at(edit.start), end: positions.at(edit.end), content: edit.text }));
    }
  }
}
