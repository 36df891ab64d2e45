/**
 * One text, analysed: its diagnostics, each with a fix and a suppression as data, and the fix of
 * all of them, verified and checked again. It keeps its tree, so that an editor can update it with
 * text edits and re-parse incrementally; `dispose()` frees the tree (WebAssembly memory is not
 * collected).
 */
import type { Node, Parser, Tree } from "web-tree-sitter";
import { applyEdits, normalizeEdits } from "./apply-edits.js";
import { planGuards } from "./guard-plan.js";
import { parseText, ParseFailure } from "./parsing.js";
import { firstLoneCr } from "./positions.js";
import { firstSyntaxError, firstSyntaxProblem, problemBeforeReport, type SyntaxProblem } from "./syntax-errors.js";
import { condense, includedRanges, shiftedBlanked, slices, topLevelRanges, touchesBlanked, type Condensed } from "./condense.js";
import { indentUnit, logicalLinesIn, readLogicalLines, type LogicalLines } from "../python/indentation.js";
import type { Applicability, Detection, Diagnostic, Edit, Fix, FixAllResult, GuardFix, ProjectModules, Site, SiteVerdict, SkipReason, Transform, TransformContext, VerdictKind } from "../types.js";
import type { Catalog } from "../catalog.js";
import { applySuppressions, suppressionEdit } from "./suppression.js";
import { clearOf, differenceAfterGuarding } from "./verify.js";
import { judgeSites } from "./verdicts.js";
import { LineIndex, scanPosition } from "../line-index.js";

/** What an analysis is made with: the analyzer's settings and its loaded parser. */
export interface AnalysisSettings {
  /** Absent only when the host knows no transform can match (the parser is then never loaded). */
  parser?: Parser;
  catalog: Catalog;
  /** The host's answer to "is this imported module the project's own?" (none: a file alone). */
  projectModules?: ProjectModules;
  /** Whether unsafe fixes are enabled (safe ones always are). */
  unsafeFixes: boolean;
  /** Texts longer than this are checked in slices and fixed through a condensed view (see condense.ts). */
  condenseAbove: number;
}

export interface AnalyzeOptions {
  /** The transforms to run: the prefilter's candidates for this text. */
  transforms: readonly Transform[];
  /** The prefilter's candidates for a text, asked again after each `update`. */
  candidates: (source: string) => readonly Transform[];
  /**
   * Lines a scanner reported (`--from-report`): each gets a verdict, and only the findings that
   * some verdict rests on are fixed, unless `allFindings`.
   */
  sites?: readonly Site[];
  allFindings?: boolean;
}

/** A text edit as editors send them: replace [start, end) of the current text by `text`. */
export type TextChange = Edit;

/** Small slices parse fastest (a 20 MB module: 4.3 s in 64 K slices, 5.8 s in 1 M ones). */
const SLICE = 1 << 16;

/** A verified rewrite: the file's output, the parsed view's output and its tree (the caller deletes it). */
type Rewrite = { output: string; viewOutput: string; edits: Edit[]; tree: Tree } | { error: string };

/** What one pass over the text found. */
interface State {
  /** What was parsed: the text itself, or a big text's condensed view. */
  view: Condensed;
  tree?: Tree;
  /** The view's lines, made when first needed: most texts analysed have no diagnostic. */
  lines?: LineIndex;
  unit: string;
  diagnostics: Diagnostic[];
  suppressed: number;
  skipped?: SkipReason;
  verdicts?: SiteVerdict[];
  /** From a report: the detections its verdicts rest on (only these are fixed, unless allFindings). */
  covering?: Set<Detection>;
}

/** A safe fix is always applied, an unsafe one only when unsafe fixes are on. */
const enabledFix = (applicability: Applicability, unsafe: boolean) => applicability === "safe" || unsafe;

const byPosition = (a: Diagnostic, b: Diagnostic) => a.range.start - b.range.start || a.rule.localeCompare(b.rule);

/** Every site gets the same verdict: the file could not be read as Python. */
const all = (sites: readonly Site[] | undefined, verdict: VerdictKind, explanation: string): SiteVerdict[] | undefined =>
  sites?.map(() => ({ verdict, explanation }));

export class Analysis {
  private state: State;
  private readonly fixes = new Map<Diagnostic, Fix | null>();
  private readonly detectionOf = new Map<Diagnostic, Detection>();
  private text: string;
  private transforms: readonly Transform[];

  constructor(
    private readonly settings: AnalysisSettings,
    source: string,
    readonly path: string,
    private readonly options: AnalyzeOptions,
  ) {
    this.text = source;
    this.transforms = options.transforms;
    this.state = this.analyse(source);
  }

  /** The text analysed (after `update`, the updated text). */
  get source(): string {
    return this.text;
  }

  /** Every diagnostic, in the order of the text. */
  get diagnostics(): readonly Diagnostic[] {
    return this.state.diagnostics;
  }

  /** How many findings `# mainguard: ignore` silenced. */
  get suppressed(): number {
    return this.state.suppressed;
  }

  /** Why the text could not be analysed (a syntax error Python would report, say); then there are no diagnostics. */
  get skipped(): SkipReason | undefined {
    return this.state.skipped;
  }

  /** With `sites`: the verdict on each, in order. */
  get verdicts(): readonly SiteVerdict[] | undefined {
    return this.state.verdicts;
  }

  get lines(): LineIndex {
    return (this.state.lines ??= new LineIndex(this.state.view.text));
  }

  /**
   * Whether `fixAll` fixes this diagnostic: it has a fix, enabled by the settings (or by `unsafe`
   * for an unsafe one) and, from a report, one a verdict rests on. Decided here only.
   */
  willFix(diagnostic: Diagnostic, unsafe = this.settings.unsafeFixes): boolean {
    const detection = this.detectionOf.get(diagnostic);
    if (!detection?.fix || !enabledFix(detection.fix.applicability, unsafe)) return false;
    return !this.state.covering || this.options.allFindings === true || this.state.covering.has(detection);
  }

  /** The verified edits that fix `diagnostic` (and the starts on its lines: see `sharingLines`), or undefined when it has none (or none could be verified). */
  fix(diagnostic: Diagnostic): Fix | undefined {
    const known = this.fixes.get(diagnostic);
    if (known !== undefined) return known ?? undefined;
    const detection = this.detectionOf.get(diagnostic);
    let fix: Fix | null = null;
    if (detection?.fix) {
      const rewrite = this.rewrite(this.sharingLines(detection.fix));
      if (!("error" in rewrite)) {
        rewrite.tree.delete();
        fix = { applicability: detection.fix.applicability, edits: rewrite.edits };
      }
    }
    this.fixes.set(diagnostic, fix);
    return fix ?? undefined;
  }

  /**
   * Applies every fix `willFix` allows (`unsafe`, when given, in place of the settings' choice),
   * verifies the output, and checks it again for what remains.
   */
  fixAll(options: { unsafe?: boolean } = {}): FixAllResult {
    const { state } = this;
    const wanted = state.diagnostics.filter((diagnostic) => this.willFix(diagnostic, options.unsafe));
    const unchanged: FixAllResult = { output: this.text, edits: [], applied: [], remaining: [...state.diagnostics], guarded: 0 };
    if (wanted.length === 0) return unchanged;
    const statements = [...new Map(wanted.flatMap((d) => guarded(this.detectionOf.get(d)!.fix!)).map((s) => [s.startIndex, s])).values()];
    const rewrite = this.rewrite(statements);
    if ("error" in rewrite) return { ...unchanged, skipped: { kind: "unverified", detail: rewrite.error } };
    try {
      const { viewOutput, tree } = rewrite;
      const found = this.transforms.flatMap((transform) => transform.check(this.context(viewOutput, tree.rootNode)));
      const { kept } = applySuppressions(viewOutput, tree.rootNode, found);
      const lines = new LineIndex(viewOutput);
      // Diagnostics of the output, not of this analysis: they are not registered for `fix`.
      const remaining = kept.map((detection) => this.diagnosticOf(detection, viewOutput, lines, tree.rootNode, false)).sort(byPosition);
      return { output: rewrite.output, edits: rewrite.edits, applied: wanted, remaining, guarded: statements.length };
    } finally {
      rewrite.tree.delete();
    }
  }

  /**
   * The statement `fix` guards, with the statements of other fixes on its lines (`a.run(); b.run()`):
   * guarding one alone would split the line, which fixing them together (as `fixAll` does) never
   * does. Only fixes as safe as this one are taken along.
   */
  private sharingLines(fix: GuardFix): Node[] {
    const own = guarded(fix);
    const first = own[0]!.startPosition;
    const last = fix.statement.endPosition;
    const statements = new Map(own.map((statement) => [statement.startIndex, statement]));
    for (const other of this.detectionOf.values()) {
      if (!other.fix || (other.fix.applicability === "unsafe" && fix.applicability === "safe")) continue;
      const theirs = guarded(other.fix);
      if (theirs[0]!.startPosition.row <= last.row && other.fix.statement.endPosition.row >= first.row) {
        for (const statement of theirs) statements.set(statement.startIndex, statement);
      }
    }
    return [...statements.values()];
  }

  /**
   * Applies `changes` (each in the coordinates of the text as the previous changes left it) and
   * analyses the new text, re-parsing incrementally from the old tree.
   */
  update(changes: readonly TextChange[]): void {
    let text = this.text;
    const old = this.state.tree;
    // The condensed view's tree does not match the text: a big text is analysed afresh.
    const incremental = old !== undefined && this.state.view.text === this.text;
    for (const change of changes) {
      const next = text.slice(0, change.start) + change.text + text.slice(change.end);
      if (incremental) {
        // Scanned, not indexed: an index of a long text per keystroke is garbage the next one makes again.
        old.edit({
          startIndex: change.start,
          oldEndIndex: change.end,
          newEndIndex: change.start + change.text.length,
          startPosition: point(text, change.start),
          oldEndPosition: point(text, change.end),
          newEndPosition: point(next, change.start + change.text.length),
        });
      }
      text = next;
    }
    this.text = text;
    this.transforms = this.options.candidates(text);
    this.fixes.clear();
    this.detectionOf.clear();
    // The old tree is deleted whatever happens, and never again through the old state.
    this.state.tree = undefined;
    try {
      this.state = this.analyse(text, incremental ? old : undefined);
    } finally {
      old?.delete();
    }
  }

  /** Frees the tree. The analysis answers nothing more after this. */
  dispose(): void {
    this.state.tree?.delete();
    this.state.tree = undefined;
  }

  private analyse(source: string, old?: Tree): State {
    try {
      return this.check(source, old);
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      const verdicts = all(this.options.sites, "unparsable", `the parser failed on line ${error.line}`);
      return this.empty(source, { skipped: { kind: "parser-failed", line: error.line, bytes: error.bytes }, verdicts });
    }
  }

  /** What the transforms are given for a parsed text (the file's own, or its fixed output). */
  private context(source: string, root: Node): TransformContext {
    const { projectModules } = this.settings;
    const isProjectModule = projectModules ? (name: string) => projectModules(name, this.path) : () => false;
    return { source, root, path: this.path, catalog: this.settings.catalog, isProjectModule };
  }

  private empty(source: string, more: Partial<State> = {}): State {
    return { view: { text: source, blanked: [] }, unit: "", diagnostics: [], suppressed: 0, ...more };
  }

  private check(source: string, old?: Tree): State {
    const { sites } = this.options;
    const { transforms } = this;
    // A reported line is judged even where the prefilter rules out every finding.
    if (transforms.length === 0 && !sites?.length) return this.empty(source);
    // Python ends a line at a lone CR; the grammar does not always (inside a comment, say), so the
    // two would disagree about which statement is where.
    const loneCr = firstLoneCr(source);
    if (loneCr !== -1) {
      const at = new LineIndex(source.slice(0, loneCr)).position(loneCr);
      const verdicts = all(sites, "unparsable", `line ${at.line} ends with a lone carriage return, which mainguard does not read`);
      return this.empty(source, { skipped: { kind: "lone-cr", ...at }, verdicts });
    }
    const logical = readLogicalLines(source);
    const big = source.length > this.settings.condenseAbove;
    let view: Condensed = { text: source, blanked: [] };
    if (big) {
      const ranges = topLevelRanges(source, logical);
      const error = this.checkInSlices(source, logical, slices(ranges.filter((range) => range.end <= beforeIndentationError(source, logical)), SLICE));
      if (error) return this.syntaxError(source, error);
      view = condense(source, ranges, this.settings.catalog);
    }
    const tree = this.parse(view.text, view.blanked, big ? undefined : old);
    const state: State = { ...this.empty(source), view, tree };
    const root = tree.rootNode;
    // A big file's syntax was checked slice by slice (its lists' order too); its condensed view holds nothing new.
    const error = big ? firstSyntaxError(root) : firstSyntaxProblem(source, root, logical, false);
    if (error) return { ...state, ...this.syntaxError(source, error), tree, view };
    const context = this.context(view.text, root);
    const found = transforms.flatMap((transform) => transform.check(context));
    const { kept, silenced } = applySuppressions(view.text, root, found);
    state.suppressed = silenced.length;
    if (sites) {
      const judgement = judgeSites(context, sites, kept, silenced, view.blanked);
      state.verdicts = judgement.verdicts;
      state.covering = judgement.covering;
    }
    if (kept.length === 0) return state;
    const empty = problemBeforeReport(root, view.text, !big);
    if (empty) return { ...state, ...this.syntaxError(source, empty), tree, view, verdicts: state.verdicts };
    state.unit = indentUnit(source, logical);
    const lines = (state.lines = new LineIndex(view.text));
    state.diagnostics = kept.map((detection) => this.diagnosticOf(detection, view.text, lines, root)).sort(byPosition);
    return state;
  }

  private diagnosticOf(detection: Detection, text: string, lines: LineIndex, root: Node, own = true): Diagnostic {
    const { node, fix } = detection;
    const diagnostic: Diagnostic = {
      rule: detection.rule,
      message: detection.message,
      reason: detection.reason,
      range: { start: node.startIndex, end: node.endIndex },
      start: lines.location(node.startIndex),
      end: lines.location(node.endIndex),
      ...(fix ? { applicability: fix.applicability } : {}),
      enabled: fix !== undefined && enabledFix(fix.applicability, this.settings.unsafeFixes),
      suppression: suppressionEdit(text, lines, root, detection),
    };
    if (own) this.detectionOf.set(diagnostic, detection);
    return diagnostic;
  }

  private syntaxError(source: string, { line, column, message }: SyntaxProblem): State {
    const verdicts = all(this.options.sites, "unparsable", `syntax error on line ${line}: ${message}`);
    return this.empty(source, { skipped: { kind: "syntax-error", line, column, message }, verdicts });
  }

  private parse(text: string, blanked: ReadonlyArray<[number, number]>, old?: Tree, line = 1): Tree {
    if (!this.settings.parser) throw new Error("this analysis was made without a parser (the engine's `ready()` loads one)");
    return parseText(this.settings.parser, text, { line, old, ranges: blanked.length > 0 ? includedRanges(text, blanked) : undefined });
  }

  /**
   * The first syntax problem of a big file, found a slice of whole top-level statements at a time:
   * each slice is a module of its own, and its tree is freed before the next is built.
   */
  private checkInSlices(source: string, logical: LogicalLines, parts: Array<{ start: number; end: number; line: number }>): SyntaxProblem | undefined {
    for (const { start, end, line } of parts) {
      const text = source.slice(start, end);
      // A BOM is allowed at the start of the file only, not at the start of a slice.
      if (start > 0 && text.startsWith("\uFEFF")) return { line, column: 1, message: "invalid non-printable character U+FEFF" };
      const tree = this.parse(text, [], undefined, line);
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
  private rewrite(statements: Node[]): Rewrite {
    const { view, tree, unit } = this.state;
    const root = tree!.rootNode;
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
    // Parsed from the input's tree with the edits applied, as an editor re-parses (1 ms against 19
    // for a 2,000-line module), and the statements the parse shows unchanged are not walked again.
    // A big file's condensed view is parsed afresh.
    const edited = view.blanked.length === 0 ? editedCopy(tree!, view.text, edits) : undefined;
    let unchanged: ((node: Node) => boolean) | undefined;
    try {
      rewritten = this.parse(output, shiftedBlanked(view.blanked, edits), edited);
      if (edited) unchanged = clearOf(edited.getChangedRanges(rewritten), edits);
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      return { error: `guarding line ${line} gives a file too big for the parser to read again and verify` };
    } finally {
      edited?.delete();
    }
    const difference = differenceAfterGuarding(root, rewritten.rootNode, statements, output, unchanged);
    if (difference) {
      rewritten.delete();
      return { error: difference };
    }
    return { output: view.text === this.text ? output : applyEdits(this.text, edits), viewOutput: output, edits, tree: rewritten };
  }
}

/** The top-level statements a fix moves under the guard, in order. */
function guarded(fix: GuardFix): Node[] {
  return [...(fix.along ?? []), fix.statement];
}

/** A copy of `tree` (of `text`) edited by `edits` (sorted, not overlapping), ready to re-parse the edited text from. */
function editedCopy(tree: Tree, text: string, edits: readonly Edit[]): Tree {
  const copy = tree.copy();
  // From the last edit to the first: each one's offsets are still those of the text it edits.
  for (let i = edits.length - 1; i >= 0; i--) {
    const { start, end, text: inserted } = edits[i]!;
    const next = text.slice(0, start) + inserted + text.slice(end);
    copy.edit({
      startIndex: start,
      oldEndIndex: end,
      newEndIndex: start + inserted.length,
      startPosition: point(text, start),
      oldEndPosition: point(text, end),
      newEndPosition: point(next, start + inserted.length),
    });
    text = next;
  }
  return copy;
}

/** With an indentation error, Python stops there: only the statements before the line ahead of it
 * matter (that line may open the block the error leaves empty). */
function beforeIndentationError(source: string, logical: LogicalLines): number {
  return logical.indentationError ? (logical.starts[logical.starts.length - 2] ?? 0) : source.length;
}

/** web-tree-sitter's point for an offset: row, and column in UTF-16 code units. */
function point(text: string, offset: number): { row: number; column: number } {
  const { line, column } = scanPosition(text, offset);
  return { row: line, column };
}
