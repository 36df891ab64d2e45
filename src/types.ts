import type { Node } from "web-tree-sitter";
import type { Catalog } from "./catalog.js";
import type { RawText } from "./prefilter/raw-text.js";
import type { Location, Position } from "./line-index.js";

export type { Location, Position } from "./line-index.js";

/** A replacement of the original text [start, end) by `text`; an insertion when start === end.
 * Offsets are JavaScript string offsets (UTF-16 code units) into the source as read. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export type Applicability = "safe" | "unsafe";

/** What a transform asks the engine to do; the engine turns it into edits. */
export interface GuardFix {
  applicability: Applicability;
  /** The top-level statement to move under `if __name__ == "__main__":`. */
  statement: Node;
  /** Top-level statements before it that move with it (what opens the socket it serves, and what lies between). */
  along?: readonly Node[];
}


export interface Finding {
  rule: string;
  message: string;
  /** How the server start was recognised, e.g. "`server` is bound to `fl.Flask(...)` on line 3". */
  reason: string;
  start: Position;
  end: Position;
  /** Present when the engine can fix the finding. */
  fix?: FindingFix;
}

export interface FindingFix {
  applicability: Applicability;
  /** Whether this run's settings apply it: a safe fix, or an unsafe one with unsafe fixes on. */
  enabled: boolean;
  /** The verified edits that fix this finding alone; present when fixes were described. */
  edits?: TextEdit[];
}

/** An edit by position: replace [start, end) with `content` (an insertion when they are equal). */
export interface TextEdit {
  start: Position;
  end: Position;
  content: string;
}

/** A fix as data: edits (offsets into the analysed text) that, applied together, fix one diagnostic. */
export interface Fix {
  applicability: Applicability;
  edits: Edit[];
}

/** A finding of the library API: where it is in the analysed text, and how it can be fixed or silenced. */
export interface Diagnostic {
  rule: string;
  message: string;
  /** How the server start was recognised, e.g. "`server` is bound to `fl.Flask(...)` on line 3". */
  reason: string;
  /** String offsets (UTF-16 code units) of the flagged statement or call. */
  range: { start: number; end: number };
  /** The same range as lines and columns (0-based), each column in UTF-16, UTF-8 and code points. */
  start: Location;
  end: Location;
  /** Present when the engine can fix it; the edits themselves come from `Analysis.fix`. */
  applicability?: Applicability;
  /** Whether the analyzer's settings apply its fix (see `Analysis.fixAll`). */
  enabled: boolean;
  /** The edit that silences it: `# mainguard: ignore[CODE]`, merged into an ignore comment already there. */
  suppression: Edit;
}

/** What fixing every enabled diagnostic gives: the verified output and what is left in it. */
export interface FixAllResult {
  /** The fixed text; the analysed text itself when nothing was applied. */
  output: string;
  /** The edits that turn the analysed text into `output` (sorted, non-overlapping). */
  edits: Edit[];
  /** The diagnostics the output fixes. */
  applied: Diagnostic[];
  /** The diagnostics of `output`, checked again there: positions are the output's. */
  remaining: Diagnostic[];
  /** How many top-level statements moved under a guard (several diagnostics can share one). */
  guarded: number;
  /** Set when the fix was not made: the output could not be verified. */
  skipped?: SkipReason;
}

/** A finding as a transform reports it, with the tree node the engine needs to fix it. */
export interface Detection {
  rule: string;
  message: string;
  reason: string;
  node: Node;
  fix?: GuardFix;
}

export interface TransformContext {
  source: string;
  root: Node;
  path: string;
  catalog: Catalog;
  /** Whether a top-level module the file imports by name is the project's own (see `ProjectModules`). */
  isProjectModule: (name: string) => boolean;
}

/**
 * Whether the top-level module `name`, imported by the file at `path`, is the project's own: the
 * host looks for it beside the file (the Node host: in its folder and the folders above, up to the
 * repository). A host that knows no tree (the page) has none: a file alone imports only packages.
 */
export type ProjectModules = (name: string, path: string) => boolean;

export interface Transform {
  /** Directory name under __testfixtures__ and the module name under transforms/. */
  name: string;
  rules: RuleDoc[];
  /** Cheap test on the raw bytes: false means the file cannot hold a finding, and is not parsed. */
  mayMatch(raw: RawText, catalog: Catalog): boolean;
  check(context: TransformContext): Detection[];
}

export interface RuleDoc {
  code: string;
  /** Kebab-case name, as SARIF's `rule.name`. */
  name: string;
  title: string;
  /** CWE ids without the prefix, e.g. ["668"]. */
  cwe: string[];
  /** Markdown: What it does, Why is this bad?, Example, Use instead, Fix safety, References. */
  documentation: string;
}

export type SkipReason =
  | { kind: "syntax-error"; line: number; column: number; message: string }
  | { kind: "lone-cr"; line: number; column: number }
  /** The parser gave up (out of memory) on `bytes` bytes of statements from `line` on. */
  | { kind: "parser-failed"; line: number; bytes: number }
  /** `detail` is a sentence naming the line concerned. */
  | { kind: "unverified"; detail: string };

export interface FixResult {
  /** The fixed text; equal to the input when nothing was applied. */
  output: string;
  findings: Finding[];
  /** How many findings the output fixes. */
  applied: number;
  /** How many top-level statements the output moved under a guard (several findings can share one). */
  guarded?: number;
  /** Findings silenced by `# mainguard: ignore`. */
  suppressed: number;
  /** Set when the file was not (or could not be) changed for a reason the user must hear. */
  skipped?: SkipReason;
  /** When fixes were applied: the edits that make `output` of the input (positions in the input). */
  edits?: TextEdit[];
  /** When fixes were applied: the findings `output` still holds, checked again there (its positions). */
  remaining?: Finding[];
  /** With `RunOptions.sites`: the verdict on each, in order. */
  verdicts?: SiteVerdict[];
}

/** What a scanner's rule is about: a server start, Werkzeug's debugger, or a bind to every interface. */
export type Concern = "server-start" | "debug" | "bind-all";

/** A line a scanner's report names, to be judged (`--from-report`). */
export interface Site {
  /** 1-based. */
  line: number;
  concern: Concern;
}

/**
 * What mainguard makes of a reported line: a start it fixes, one already guarded or only in a
 * function, no server start, a line that no longer holds a call, or a file it cannot read; and two
 * rarer ones: a finding silenced by `# mainguard: ignore`, a start at import time with no fix.
 */
export type VerdictKind = "fixable" | "guarded" | "in-function" | "not-a-server" | "stale" | "unparsable" | "ignored" | "unfixable";

export interface SiteVerdict {
  verdict: VerdictKind;
  /** Why, in one clause: "`app.run(...)` runs whenever the module is imported (MG001)". */
  explanation: string;
  /** For `fixable` and `ignored`: the finding that covers the site. */
  finding?: { rule: string; line: number; applicability: Applicability };
}
