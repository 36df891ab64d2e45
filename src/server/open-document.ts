import type { Analysis, Analyzer, TextChange } from "../core.js";

/**
 * One document the client has open: its latest text and version, and an analysis that is brought
 * up to date only when someone asks (a publish, a code action, a hover). Changes that arrive
 * meanwhile are queued, so a burst of keystrokes costs one incremental re-parse, not one each.
 */
export class OpenDocument {
  /** Changes since the analysis's text, in order; "all" when it has to be analysed afresh. */
  private pending: TextChange[] | "all" = "all";
  private analysis: Analysis | undefined;
  private analysedVersion = -1;
  /** Catching up is one chain: an analysis is never updated by two callers at once. */
  private work: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    readonly uri: string,
    /** The file's path, when it is a file (an untitled buffer has none). */
    readonly path: string | undefined,
    public text: string,
    public version: number,
    /** The analyzer of the document's settings (loaded with the core); undefined when its pyproject.toml is broken. */
    private analyzer: Promise<Analyzer> | undefined,
  ) {}

  /** New text, in the coordinates of the text as the previous change left it. */
  change(change: TextChange, version: number): void {
    this.text = this.text.slice(0, change.start) + change.text + this.text.slice(change.end);
    this.version = version;
    if (this.pending !== "all") this.pending.push(change);
  }

  /** The whole text replaced (a client without incremental sync, or a reload). */
  replace(text: string, version: number): void {
    this.text = text;
    this.version = version;
    this.pending = "all";
  }

  /** New settings: the next analysis starts afresh with them. */
  useAnalyzer(analyzer: Promise<Analyzer> | undefined): void {
    this.analyzer = analyzer;
    this.pending = "all";
  }

  /** The analysis of the latest text and the version it is of; undefined when there is none (broken settings). */
  current(): Promise<{ analysis: Analysis; version: number } | undefined> {
    const caughtUp = this.work.then(() => this.catchUp());
    this.work = caughtUp.catch(() => undefined);
    return caughtUp;
  }

  private async catchUp(): Promise<{ analysis: Analysis; version: number } | undefined> {
    while (this.pending === "all") {
      this.analysis?.dispose();
      this.analysis = undefined;
      if (!this.analyzer || this.disposed) return undefined;
      const [text, version] = [this.text, this.version];
      // Changes that arrive while it is analysed apply to this text.
      this.pending = [];
      const analysis = await (await this.analyzer).analyze(text, this.path ?? this.uri);
      if (this.disposed) {
        analysis.dispose();
        return undefined;
      }
      this.analysis = analysis;
      this.analysedVersion = version;
    }
    const analysis = this.analysis!;
    if (this.pending.length > 0) {
      const changes = this.pending;
      this.pending = [];
      try {
        analysis.update(changes);
      } catch (error) {
        // The next request starts afresh rather than trusting a half-updated analysis.
        this.pending = "all";
        throw error;
      }
    }
    this.analysedVersion = this.version;
    // The same text, now one string shared with the analysis: the next change's positions are
    // read from it without flattening a second copy of the document.
    this.text = analysis.source;
    return { analysis, version: this.analysedVersion };
  }

  /** Frees the tree; the document answers nothing more. */
  dispose(): void {
    this.disposed = true;
    this.analysis?.dispose();
    this.analysis = undefined;
  }
}
