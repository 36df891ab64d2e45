/** The messages between the page (main.ts) and the engine's worker (worker.ts). */

/** The page asks for the results of one state of the editor and the settings pane. */
export interface Request {
  id: number;
  code: string;
  /** The settings pane: a `[tool.mainguard]` table in TOML. */
  settings: string;
}

export interface ShownFinding {
  rule: string;
  message: string;
  reason: string;
  /** Where the start call begins and ends: 1-based lines and columns (UTF-16 code units), as the CLI prints them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** "safe" or "unsafe" when the finding has a fix; whether these settings apply it. */
  fix?: { applicability: "safe" | "unsafe"; enabled: boolean };
}

export interface Response {
  id: number;
  findings: ShownFinding[];
  /** Each finding's rule documentation, as `mainguard rule MGxxx` prints it. */
  docs: Record<string, string>;
  /** Why the code was not checked or not fixed, as the CLI says it after a file's path. */
  skipped?: string;
  /** A settings table that cannot be used: the key, the line and the reason (defaults are used). */
  settingsError?: string;
  /** Settings that mean something for a tree or a report only. */
  settingsNote?: string;
  /** The fixed code (the code itself when nothing is fixed), and the dry-run diff. */
  output: string;
  diff: string;
  /** Milliseconds the engine took for this request. */
  took: number;
}

/** The worker could not start (the grammar failed to load): nothing can be checked. */
export interface Failure {
  id: number;
  failure: string;
}
