import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Analyzer } from "../core.js";
import { loadEngine } from "./engine.js";
import { SettingsResolver, type Settings } from "../config/settings.js";
import { ConfigError } from "../config/table.js";
import { OpenDocument } from "./open-document.js";

/** A document's settings, or why its pyproject.toml cannot give them (one line, as the CLI says it). */
export type DocumentSettings = { settings: Settings; analyzer: Promise<Analyzer> } | { error: string };

/**
 * The open documents and their settings: each document uses the nearest pyproject.toml with a
 * `[tool.mainguard]` table above its file, resolved as the CLI resolves it, in whichever workspace
 * folder it lies (so several roots need nothing more). One analyzer per distinct settings.
 */
export class Workspace {
  readonly documents = new Map<string, OpenDocument>();
  private resolver = new SettingsResolver();
  private readonly analyzers = new Map<Settings, Promise<Analyzer>>();

  constructor(private readonly cwd: string) {}

  open(uri: string, text: string, version: number): { document: OpenDocument; settings: DocumentSettings } {
    this.documents.get(uri)?.dispose();
    const path = filePath(uri);
    const settings = this.settingsOf(path);
    const document = new OpenDocument(uri, path, text, version, "analyzer" in settings ? settings.analyzer : undefined);
    this.documents.set(uri, document);
    return { document, settings };
  }

  close(uri: string): void {
    this.documents.get(uri)?.dispose();
    this.documents.delete(uri);
  }

  /**
   * Reads every pyproject.toml again (one changed): each open document gets its settings afresh,
   * and the errors of those that have none.
   */
  reloadSettings(): Map<OpenDocument, DocumentSettings> {
    this.resolver = new SettingsResolver();
    this.analyzers.clear();
    const all = new Map<OpenDocument, DocumentSettings>();
    for (const document of this.documents.values()) {
      const settings = this.settingsOf(document.path);
      document.useAnalyzer("analyzer" in settings ? settings.analyzer : undefined);
      all.set(document, settings);
    }
    return all;
  }

  private settingsOf(path: string | undefined): DocumentSettings {
    let settings: Settings;
    try {
      // A buffer that is not a file gets what a file in the server's folder would.
      settings = this.resolver.forFolder(path ? dirname(path) : this.cwd);
    } catch (error) {
      if (error instanceof ConfigError) return { error: error.message };
      throw error;
    }
    let analyzer = this.analyzers.get(settings);
    if (!analyzer) {
      analyzer = loadEngine().then(({ createAnalyzer }) => createAnalyzer({ unsafeFixes: settings.unsafeFixes, ...settings.catalog }));
      this.analyzers.set(settings, analyzer);
    }
    return { settings, analyzer };
  }

  disposeAll(): void {
    for (const document of this.documents.values()) document.dispose();
    this.documents.clear();
  }
}

function filePath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
