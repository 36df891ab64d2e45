import type { Parser } from "web-tree-sitter";
import { Analysis } from "./analysis.js";
import type { ParserSource } from "./parsing.js";
import type { Diagnostic, Finding, FixResult, ProjectModules, Site, TextEdit, Transform } from "../types.js";
import { DEFAULT_CATALOG, type Catalog } from "../catalog.js";
import { RawText } from "../prefilter/raw-text.js";
import type { LineIndex, Location } from "../line-index.js";

export interface EngineOptions {
  transforms: readonly Transform[];
  /** The Python parser, or how to load it on first use (the host's business: Node reads files, a page fetches). */
  parser: ParserSource;
  /** Also apply fixes marked unsafe. */
  unsafeFixes?: boolean;
  /** Frameworks and servers to recognise; the built-in catalog by default. */
  catalog?: Catalog;
  /** Which imported modules are the project's own (the host looks beside the file); none by default. */
  projectModules?: ProjectModules;
  /** Skip texts the raw-text prefilter rules out (default true; off only to prove it changes nothing). */
  prefilter?: boolean;
  /** Texts longer than this are checked in slices and fixed through a condensed view (see condense.ts). */
  condenseAbove?: number;
}

/** 1 M characters: a tree of a file this size takes about 50 MB of WebAssembly memory. */
const CONDENSE_ABOVE = 1 << 20;

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

/** A diagnostic as the CLI shows it: 1-based line, 1-based UTF-16 column, no BOM column. */
function positionOf(location: Location, offset: number, bom: boolean) {
  return { line: location.line + 1, column: location.utf16 + 1 - (bom && location.line === 0 && offset > 0 ? 1 : 0) };
}

export function toFinding(diagnostic: Diagnostic, bom: boolean, enabled = diagnostic.enabled): Finding {
  return {
    rule: diagnostic.rule,
    message: diagnostic.message,
    reason: diagnostic.reason,
    start: positionOf(diagnostic.start, diagnostic.range.start, bom),
    end: positionOf(diagnostic.end, diagnostic.range.end, bom),
    ...(diagnostic.applicability ? { fix: { applicability: diagnostic.applicability, enabled } } : {}),
  };
}

/**
 * Analyses texts with one set of transforms, catalog and fix settings. The core of every host:
 * it reads no file and uses no Node global; the host hands in the parser.
 */
export class Engine {
  private parser: Parser | undefined;
  private readonly catalog: Catalog;

  private constructor(private readonly options: EngineOptions) {
    this.catalog = options.catalog ?? DEFAULT_CATALOG;
  }

  static create(options: EngineOptions): Engine {
    return new Engine(options);
  }

  /** The transforms that may find something in a text with these bytes (all, with the prefilter off). */
  candidates(raw: RawText): Transform[] {
    if (this.options.prefilter === false) return [...this.options.transforms];
    return this.options.transforms.filter((transform) => transform.mayMatch(raw, this.catalog));
  }

  /** Whether unsafe fixes are applied too. */
  get unsafeFixes(): boolean {
    return this.options.unsafeFixes === true;
  }

  /** Loads the parser if the host gave a loader (once), for the synchronous work that follows. */
  async ready(): Promise<Parser> {
    const source = this.options.parser;
    this.parser ??= typeof source === "function" ? await source() : source;
    return this.parser;
  }

  /**
   * The analysis of `source` (`path` names it in messages and settings). Only the transforms the
   * prefilter leaves run (those given, else `candidates`). The caller disposes of it.
   */
  async analyze(source: string, path: string, options: { transforms?: readonly Transform[]; sites?: readonly Site[]; allFindings?: boolean } = {}): Promise<Analysis> {
    const candidates = (text: string) => this.candidates(RawText.of(text));
    const transforms = options.transforms ?? candidates(source);
    // A text no transform can match (and no report names) is never parsed: unless the host made
    // the engine `ready()`, the parser is not even loaded.
    const parser = transforms.length === 0 && !options.sites?.length ? this.parser : await this.ready();
    return new Analysis(
      { parser, catalog: this.catalog, projectModules: this.options.projectModules, unsafeFixes: this.unsafeFixes, condenseAbove: this.options.condenseAbove ?? CONDENSE_ABOVE },
      source,
      path,
      { transforms, candidates, sites: options.sites, allFindings: options.allFindings },
    );
  }

  /** One text from findings to (with `fix`) its verified fixed text, as the CLI and `createMainguard` report it. */
  async run(source: string, path: string, options: RunOptions = {}): Promise<FixResult> {
    const analysis = await this.analyze(source, path, options);
    try {
      return fixResult(analysis, source, options);
    } finally {
      analysis.dispose();
    }
  }
}

/** What an analysis says of a whole file, in the CLI's terms: findings with 1-based positions, and the fix of all. */
export function fixResult(analysis: Analysis, source: string, options: { fix?: boolean; describeFixes?: boolean } = {}): FixResult {
  const bom = source.startsWith("\uFEFF");
  const findings = analysis.diagnostics.map((diagnostic) => {
    const finding = toFinding(diagnostic, bom, analysis.willFix(diagnostic));
    if (options.describeFixes && finding.fix) {
      const fix = analysis.fix(diagnostic);
      if (fix) finding.fix.edits = textEdits(fix.edits, analysis.lines, bom);
    }
    return finding;
  });
  const base: FixResult = { output: source, findings, applied: 0, suppressed: analysis.suppressed };
  if (analysis.skipped) base.skipped = analysis.skipped;
  if (analysis.verdicts) base.verdicts = [...analysis.verdicts];
  if (!options.fix || analysis.skipped) return base;
  const all = analysis.fixAll();
  if (all.skipped) return { ...base, skipped: all.skipped };
  if (all.applied.length === 0) return base;
  return {
    ...base,
    output: all.output,
    applied: all.applied.length,
    guarded: all.guarded,
    edits: textEdits(all.edits, analysis.lines, bom),
    remaining: all.remaining.map((diagnostic) => toFinding(diagnostic, bom)),
  };
}

function textEdits(edits: readonly { start: number; end: number; text: string }[], lines: LineIndex, bom: boolean): TextEdit[] {
  return edits.map((edit) => ({
    start: positionOf(lines.location(edit.start), edit.start, bom),
    end: positionOf(lines.location(edit.end), edit.end, bom),
    content: edit.text,
  }));
}
