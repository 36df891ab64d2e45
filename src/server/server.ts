import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ShowMessageNotification,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import type { Encoding } from "../line-index.js";
import { nodePythonParser } from "../node/python-parser.js";
import { loadEngine } from "./engine.js";
import { codeActions, FIX_ALL } from "./code-actions.js";
import { hoverAt } from "./hover.js";
import { toLspDiagnostic } from "./lsp-diagnostics.js";
import { negotiateEncoding, PositionCodec } from "./lsp-positions.js";
import type { OpenDocument } from "./open-document.js";
import { Workspace, type DocumentSettings } from "./workspace.js";

/** How long a document stays unchanged before its diagnostics are published with their fixes. */
const FIXES_AFTER_MS = 300;

/** What the client said it can do, as far as the server cares. */
interface ClientTraits {
  encoding: Encoding;
  /** `textDocument/diagnostic`: the client pulls, so nothing is pushed. */
  pulls: boolean;
  /** `workspace/diagnostic/refresh`: the client can be told to pull again. */
  refreshes: boolean;
  watchesFiles: boolean;
  versionedEdits: boolean;
}

/**
 * `mainguard server`: the LSP glue over the core's analyses. Diagnostics are pushed after each
 * open and change (or pulled, when the client pulls); code actions carry the verified fixes, the
 * suppression comment and the fix of everything for save; a changed pyproject.toml re-checks the
 * open documents.
 */
export function serve(connection: Connection, cwd: string): void {
  const workspace = new Workspace(cwd);
  let client: ClientTraits = { encoding: "utf-16", pulls: false, refreshes: false, watchesFiles: false, versionedEdits: false };
  /** Documents whose diagnostics are to be published once their changes settle. */
  const scheduled = new Set<OpenDocument>();
  /** Errors already shown, so that one broken table is not announced for every document. */
  const shown = new Set<string>();

  const notOpen = (uri: string) => new ResponseError(ErrorCodes.InvalidParams, `mainguard: ${uri} is not open (textDocument/didOpen first)`);
  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, "cancelled");

  const reportSettings = (uri: string, settings: DocumentSettings) => {
    if (!("error" in settings) || shown.has(settings.error)) return;
    shown.add(settings.error);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `mainguard: ${settings.error}` });
    connection.console.error(`${uri}: no diagnostics: ${settings.error}`);
  };

  /** The document's diagnostics; `withFixes`: each with its fix's edits in its data. */
  const diagnosticsOf = async (document: OpenDocument, withFixes = false) => {
    const current = await document.current();
    if (!current) return { version: document.version, items: [], fixable: false };
    const { analysis, version } = current;
    const codec = new PositionCodec(analysis.source, client.encoding);
    const items = analysis.diagnostics.map((diagnostic) => toLspDiagnostic(diagnostic, codec, version, withFixes ? analysis.fix(diagnostic) : undefined));
    return { version, items, fixable: analysis.diagnostics.some((diagnostic) => diagnostic.applicability !== undefined) };
  };

  const publish = async (document: OpenDocument, withFixes = false) => {
    try {
      const { version, items, fixable } = await diagnosticsOf(document, withFixes);
      // A newer version is on its way: these diagnostics would be stale on arrival.
      if (version !== document.version || workspace.documents.get(document.uri) !== document) return;
      await connection.sendDiagnostics({ uri: document.uri, version, diagnostics: items });
      if (fixable && !withFixes) fixesWhenIdle(document, version);
    } catch (error) {
      connection.console.error(`${document.uri}: ${(error as Error).stack ?? error}`);
    }
  };

  /**
   * Once the document has not changed for a moment, the same version's diagnostics again, each
   * with its verified fix in its data: too slow to make on every keystroke, and then ready for the
   * code actions that follow.
   */
  const idleTimers = new Map<OpenDocument, ReturnType<typeof setTimeout>>();
  const fixesWhenIdle = (document: OpenDocument, version: number) => {
    clearTimeout(idleTimers.get(document));
    idleTimers.set(
      document,
      setTimeout(() => {
        idleTimers.delete(document);
        if (document.version === version && workspace.documents.get(document.uri) === document) void publish(document, true);
      }, FIXES_AFTER_MS),
    );
  };

  /**
   * Publishes once the changes already read are applied, so that a burst is answered by one
   * analysis. The connection handles one message per turn of the event loop, each turn queued as
   * the previous message is done: a check queued after that (through a microtask) runs after the
   * next message, and publishes only when it found no newer version.
   */
  const schedule = (document: OpenDocument) => {
    clearTimeout(idleTimers.get(document));
    if (client.pulls || scheduled.has(document)) return;
    scheduled.add(document);
    let version = document.version;
    const settle = () => {
      if (document.version !== version) {
        version = document.version;
        setImmediate(settle);
        return;
      }
      scheduled.delete(document);
      void publish(document);
    };
    queueMicrotask(() => setImmediate(settle));
  };

  const documentOf = (uri: string) => {
    const document = workspace.documents.get(uri);
    if (!document) throw notOpen(uri);
    return document;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const { capabilities } = params;
    client = {
      encoding: negotiateEncoding(capabilities.general?.positionEncodings),
      pulls: capabilities.textDocument?.diagnostic !== undefined,
      refreshes: capabilities.workspace?.diagnostics?.refreshSupport === true,
      watchesFiles: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      versionedEdits: capabilities.workspace?.workspaceEdit?.documentChanges === true,
    };
    return {
      capabilities: {
        positionEncoding: client.encoding,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
        hoverProvider: true,
        ...(client.pulls ? { diagnosticProvider: { identifier: "mainguard", interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "mainguard" },
    };
  });

  connection.onInitialized(() => {
    // The core and the grammar load once the answer to `initialize` is out (the client says so),
    // while the client sends its first document.
    void loadEngine();
    void nodePythonParser().catch(() => undefined);
    if (client.watchesFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/pyproject.toml" }] });
    }
  });

  // Settings do not depend on the roots (each document's nearest pyproject.toml decides).
  connection.onNotification(DidChangeWorkspaceFoldersNotification.type, () => undefined);

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (!changes.some((change) => change.uri.endsWith("/pyproject.toml"))) return;
    shown.clear();
    for (const [document, settings] of workspace.reloadSettings()) {
      reportSettings(document.uri, settings);
      schedule(document);
    }
    if (client.pulls && client.refreshes) void connection.languages.diagnostics.refresh();
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const { document, settings } = workspace.open(textDocument.uri, textDocument.text, textDocument.version);
    reportSettings(textDocument.uri, settings);
    schedule(document);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const document = workspace.documents.get(textDocument.uri);
    if (!document) return connection.console.error(`didChange for ${textDocument.uri}, which is not open`);
    for (const change of contentChanges) {
      if (!("range" in change)) {
        document.replace(change.text, textDocument.version);
        continue;
      }
      // Each change's range is in the text as the previous change left it.
      const codec = new PositionCodec(document.text, client.encoding);
      document.change({ start: codec.offset(change.range.start), end: codec.offset(change.range.end), text: change.text }, textDocument.version);
    }
    schedule(document);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const known = workspace.documents.has(textDocument.uri);
    workspace.close(textDocument.uri);
    if (known && !client.pulls) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async ({ textDocument }, token) => {
    // Clients pull after each change: the fixes wait for the code actions that ask for them.
    const { items } = await diagnosticsOf(documentOf(textDocument.uri));
    if (token.isCancellationRequested) throw cancelled();
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onCodeAction(async ({ textDocument, range, context }, token: CancellationToken) => {
    const document = documentOf(textDocument.uri);
    const current = await document.current();
    if (token.isCancellationRequested) throw cancelled();
    if (!current) return [];
    const codec = new PositionCodec(current.analysis.source, client.encoding);
    return codeActions({ uri: document.uri, version: current.version, analysis: current.analysis, codec, versioned: client.versionedEdits }, range, context.only);
  });

  connection.onHover(async ({ textDocument, position }, token) => {
    const document = documentOf(textDocument.uri);
    const current = await document.current();
    if (token.isCancellationRequested) throw cancelled();
    if (!current) return null;
    const codec = new PositionCodec(current.analysis.source, client.encoding);
    return hoverAt(current.analysis, codec, codec.offset(position), (await loadEngine()).RULES);
  });

  connection.onShutdown(() => workspace.disposeAll());
}
