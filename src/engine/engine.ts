import type { Node, Parser, Tree } from "web-tree-sitter";
import { applyEdits, normalizeEdits } from "./apply-edits.js";
import { planGuards } from "./guard-plan.js";
import { parse, pythonParser } from "./parser.js";
import { firstLoneCr, PositionIndex } from "./positions.js";
import { firstEmptyBlock, firstSyntaxError, firstSyntaxProblem, type SyntaxProblem } from "./syntax-errors.js";
import { condense, includedRanges, shiftedBlanked, slices, topLevelRanges, touchesBlanked, type Condensed, type TopLevelRange } from "./condense.js";
import { indentUnit, logicalLinesIn, readLogicalLines, type LogicalLines } from "../python/indentation.js";
import type { Detection, Edit, Finding, FixResult, Site, SiteVerdict, TextEdit, Transform, VerdictKind } from "../types.js";
import { DEFAULT_CATALOG, type Catalog } from "../catalog.js";
import { applySuppressions } from "./suppression.js";
import { RawText } from "../prefilter/raw-text.js";
import { differenceAfterGuarding } from "./verify.js";
import { judgeSites } from "./verdicts.js";

export interface EngineOptions {
  transforms: readonly Transform[];
  /** Also apply fixes marked unsafe. */
  unsafeFixes?: boolean;
  /** Frameworks and servers to recognise; the built-in catalog by default. */
  catalog?: Catalog;
  /** Skip files the raw-text prefilter rules out (default true; off only to prove it changes nothing). */
  prefilter?: boolean;
  /** Texts longer than this are checked in slices and fixed through a condensed view (see condense.ts). */
  condenseAbove?: number;
}

/** 1 M characters: a tree of a file this size takes about 50 MB of WebAssembly memory. */
const CONDENSE_ABOVE = 1 << 20;
/** Small slices parse fastest (a 20 MB module: 4.3 s in 64 K slices, 5.8 s in 1 M ones). */
const SLICE = 1 << 16;

export interface RunOptions {
  /** Compute the fixed text (fixes that apply: safe ones, and unsafe ones if enabled). */
  fix?: boolean;
  /** Attach to each fixable finding the verified edits that fix it alone (for JSON and SARIF). */
  describeFixes?: boolean;
  /** The transforms the caller's prefilter already chose for this text (see `candidates`). */
  transforms?: Transform[];
  /**
   * Lines a scanner reported (`--from-report`): each gets a verdict, and only the findings that
   * some verdict rests on are fixed, unless `allFindings`.
   */
  sites?: readonly Site[];
  allFindings?: boolean;
}

/** Every site gets the same verdict: the file could not be read as Python. */
const all = (sites: readonly Site[] | undefined, verdict: VerdictKind, explanation: string): SiteVerdict[] | undefined =>
  sites?.map(() => ({ verdict, explanation }));

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

/** The parser failed (web-tree-sitter aborts when its WebAssembly memory runs out) on text from `line` on. */
class ParseFailure extends Error {
  constructor(
    readonly line: number,
    readonly bytes: number,
  ) {
    super(`the parser failed on ${bytes} bytes from line ${line}`);
  }
}

/** What a fix is planned on: the file's text, the view parsed (the text itself unless condensed), its tree, the indent unit. */
interface Plan {
  source: string;
  view: Condensed;
  root: Node;
  unit: string;
}

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

  /** Whether unsafe fixes are applied too. */
  get unsafeFixes(): boolean {
    return this.options.unsafeFixes === true;
  }

  /** Whether a fix run would try to fix this finding. */
  willFix(finding: Finding): boolean {
    return finding.fix !== undefined && (finding.fix.applicability === "safe" || this.options.unsafeFixes === true);
  }

  /**
   * The tree of `text` (which starts at line `line` of its file), not reading its `blanked`
   * ranges; a ParseFailure if the parser fails (out of memory).
   */
  private async parse(text: string, line = 1, blanked: ReadonlyArray<[number, number]> = []): Promise<Tree> {
    this.parser ??= await pythonParser();
    try {
      return parse(this.parser, text, blanked.length > 0 ? includedRanges(text, blanked) : undefined);
    } catch {
      throw new ParseFailure(line, Buffer.byteLength(text));
    }
  }

  async run(source: string, path: string, options: RunOptions = {}): Promise<FixResult> {
    try {
      return await this.check(source, path, options);
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      const verdicts = all(options.sites, "unparsable", `the parser failed on line ${error.line}`);
      return { output: source, findings: [], applied: 0, suppressed: 0, skipped: { kind: "parser-failed", line: error.line, bytes: error.bytes }, verdicts };
    }
  }

  private async check(source: string, path: string, options: RunOptions): Promise<FixResult> {
    const transforms = options.transforms ?? this.candidates(RawText.of(source));
    const { sites } = options;
    // A reported line is judged even where the prefilter rules out every finding.
    if (transforms.length === 0 && !sites?.length) return { output: source, findings: [], applied: 0, suppressed: 0 };
    // Python ends a line at a lone CR; the grammar does not always (inside a comment, say), so the
    // two would disagree about which statement is where.
    const loneCr = firstLoneCr(source);
    if (loneCr !== -1) {
      const at = new PositionIndex(source.slice(0, loneCr)).at(loneCr);
      const verdicts = all(sites, "unparsable", `line ${at.line} ends with a lone carriage return, which mainguard does not read`);
      return { output: source, findings: [], applied: 0, suppressed: 0, skipped: { kind: "lone-cr", ...at }, verdicts };
    }
    const logical = readLogicalLines(source);
    const big = source.length > (this.options.condenseAbove ?? CONDENSE_ABOVE);
    let view: Condensed = { text: source, blanked: [] };
    if (big) {
      const ranges = topLevelRanges(source, logical);
      const error = await this.checkInSlices(source, logical, ranges);
      if (error) return this.syntaxError(source, error, sites);
      view = condense(source, ranges, this.catalog);
    }
    const tree = await this.parse(view.text, 1, view.blanked);
    try {
      const root = tree.rootNode;
      // A big file's syntax was checked slice by slice; its condensed view holds nothing new.
      const error = big ? firstSyntaxError(root) : firstSyntaxProblem(source, root, logical);
      if (error) return this.syntaxError(source, error, sites);
      const context = { source: view.text, root, path, catalog: this.catalog };
      const found = transforms.flatMap((transform) => transform.check(context));
      const { kept: detections, silenced } = applySuppressions(view.text, root, found);
      const suppressed = silenced.length;
      const judgement = sites ? judgeSites(context, sites, detections, silenced, view.blanked) : undefined;
      const verdicts = judgement?.verdicts;
      if (detections.length === 0) return { output: source, findings: [], applied: 0, suppressed, verdicts };
      const empty = firstEmptyBlock(root, view.text);
      if (empty) return this.syntaxError(source, empty, sites);
      const positions = new PositionIndex(view.text);
      const findings = detections.map((detection) => toFinding(detection, positions));
      const plan = { source, view, root, unit: indentUnit(source, logical) };
      if (options.describeFixes) await this.describeFixes(plan, detections, findings, positions);
      // From a report, only what it names is fixed: a reviewer sees the scanner's list, no more.
      const wanted = (detection: Detection) => !judgement || options.allFindings === true || judgement.covering.has(detection);
      const fixable = detections.filter((detection, i) => this.willFix(findings[i]!) && wanted(detection));
      const sorted = [...findings].sort(byPosition);
      if (!options.fix || fixable.length === 0) return { output: source, findings: sorted, applied: 0, suppressed, verdicts };
      const statements = [...new Map(fixable.map((d) => [d.fix!.statement.startIndex, d.fix!.statement])).values()];
      const rewrite = await this.rewrite(plan, statements);
      if ("error" in rewrite) {
        return { output: source, findings: sorted, applied: 0, suppressed, skipped: { kind: "unverified", detail: rewrite.error }, verdicts };
      }
      return { output: rewrite.output, findings: sorted, applied: fixable.length, guarded: statements.length, suppressed, verdicts };
    } finally {
      tree.delete();
    }
  }

  private syntaxError(source: string, { line, column, message }: SyntaxProblem, sites?: readonly Site[]): FixResult {
    const verdicts = all(sites, "unparsable", `syntax error on line ${line}: ${message}`);
    return { output: source, findings: [], applied: 0, suppressed: 0, skipped: { kind: "syntax-error", line, column, message }, verdicts };
  }

  /**
   * The first syntax problem of a big file, found a slice of whole top-level statements at a time:
   * each slice is a module of its own, and its tree is freed before the next is built. With an
   * indentation error, Python stops there: only the statements before the line ahead of it matter
   * (that line may open the block the error leaves empty).
   */
  private async checkInSlices(source: string, logical: LogicalLines, ranges: TopLevelRange[]): Promise<SyntaxProblem | undefined> {
    const before = logical.indentationError ? (logical.starts[logical.starts.length - 2] ?? 0) : source.length;
    for (const { start, end, line } of slices(ranges.filter((range) => range.end <= before), SLICE)) {
      const text = source.slice(start, end);
      // A BOM is allowed at the start of the file only, not at the start of a slice.
      if (start > 0 && text.startsWith("\uFEFF")) return { line, column: 1, message: "invalid non-printable character U+FEFF" };
      const tree = await this.parse(text, line);
      let problem: SyntaxProblem | undefined;
      try {
        problem = firstSyntaxProblem(text, tree.rootNode, logicalLinesIn(logical, start, end, line));
      } finally {
        tree.delete();
      }
      if (problem) return { ...problem, line: problem.line + line - 1 };
    }
    return logical.indentationError;
  }

  /** Plans, applies and verifies guards for `statements`; the output is never returned unverified. */
  private async rewrite({ source, view, root, unit }: Plan, statements: Node[]): Promise<Rewrite> {
    let edits: Edit[];
    let output: string;
    const line = statements[0]!.startPosition.row + 1;
    try {
      edits = normalizeEdits(planGuards(view.text, root, statements, unit));
      output = applyEdits(view.text, edits);
    } catch (error) {
      // A plan the engine cannot make is a bug of mainguard's, but the file is only left as it was.
      return { error: `mainguard found no edit that guards line ${line} (${error instanceof Error ? error.message : String(error)}); please report this` };
    }
    if (edits.some((edit) => touchesBlanked(view.blanked, edit.start, edit.end))) {
      return { error: `guarding line ${line} would change a function or class mainguard did not read (this file is too big to read whole)` };
    }
    let rewritten: Tree;
    try {
      rewritten = await this.parse(output, 1, shiftedBlanked(view.blanked, edits));
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      return { error: `guarding line ${line} gives a file too big for the parser to read again and verify` };
    }
    try {
      const difference = differenceAfterGuarding(root, rewritten.rootNode, statements, output);
      if (difference) return { error: difference };
    } finally {
      rewritten.delete();
    }
    return { output: view.text === source ? output : applyEdits(source, edits), edits };
  }

  private async describeFixes(plan: Plan, detections: Detection[], findings: Finding[], positions: PositionIndex) {
    for (const [i, detection] of detections.entries()) {
      const fix = findings[i]!.fix;
      if (!detection.fix || !fix) continue;
      const rewrite = await this.rewrite(plan, [detection.fix.statement]);
      if ("error" in rewrite) continue;
      fix.edits = rewrite.edits.map((edit): TextEdit => ({ start: positions.at(edit.start), end: positions.at(edit.end), content: edit.text }));
    }
  }
}
