/**
 * A language-server client for the tests: `mainguard server` as a child process, spoken to over
 * its stdin and stdout with vscode-languageserver-protocol's own connection (what VS Code's client
 * is built on), and the edits it answers applied as a client applies them.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CLI } from "./cli-utils.js";

export type PositionEncoding = "utf-8" | "utf-16" | "utf-32";

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly shown: ShowMessageParams[] = [];
  readonly registrations: unknown[] = [];
  stderr = "";
  /** Bytes on stdout that were not a protocol message (must stay empty). */
  readonly protocolErrors: string[] = [];
  private waiters: Array<() => void> = [];
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.notify();
    });
    connection.onNotification("window/logMessage", (params: LogMessageParams) => this.logs.push(params));
    connection.onNotification("window/showMessage", (params: ShowMessageParams) => {
      this.shown.push(params);
      this.notify();
    });
    connection.onRequest("window/showMessageRequest", () => null);
    connection.onRequest("client/registerCapability", (params: unknown) => {
      this.registrations.push(params);
      return null;
    });
    connection.onRequest("workspace/diagnostic/refresh", () => {
      this.refreshes++;
      this.notify();
      return null;
    });
    connection.onError(([error]) => this.protocolErrors.push(String(error)));
  }

  refreshes = 0;
  initialized!: InitializeResult;

  static async start(cwd: string, capabilities: ClientCapabilities = {}, workspaceFolders: string[] = [cwd]): Promise<LspClient> {
    const child = spawn(process.execPath, [CLI, "server"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection);
    connection.listen();
    client.initialized = await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: uriOf(workspaceFolders[0]!),
      workspaceFolders: workspaceFolders.map((folder) => ({ uri: uriOf(folder), name: folder })),
      capabilities,
    });
    await connection.sendNotification("initialized", {});
    return client;
  }

  private notify(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }

  /** Resolves when `ready()` holds (checked after every notification), or fails after `ms`. */
  async until<T>(ready: () => T | undefined, what: string, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = ready();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** The diagnostics published for `uri` at `version` (the last such publication). */
  diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    return this.until(() => this.published.findLast((p) => p.uri === uri && p.version === version)?.diagnostics, `diagnostics of ${uri} v${version}`);
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges });
  }

  /** Notifications written in one piece, so that the server reads them together. */
  sendAtOnce(notifications: Array<{ method: string; params: unknown }>): void {
    const framed = notifications.map((notification) => {
      const body = JSON.stringify({ jsonrpc: "2.0", ...notification });
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    });
    this.child.stdin.write(framed.join(""));
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async shutdownAndExit(): Promise<number | null> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    return this.exited;
  }

  kill(): void {
    this.connection.dispose();
    this.child.kill();
  }
}

export const uriOf = (path: string) => `file://${path.split("/").map(encodeURIComponent).join("/")}`;

/** The edits a workspace edit makes to `uri` (either form). */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  if (edit.documentChanges) return edit.documentChanges.flatMap((change) => ("textDocument" in change && change.textDocument.uri === uri ? change.edits : []));
  return edit.changes?.[uri] ?? [];
}

/**
 * A position's offset in `text`, counted in `encoding`: written out here from the LSP's
 * definition, apart from the server's own conversion (line breaks: LF, CR LF, CR).
 */
export function offsetOf(text: string, line: number, character: number, encoding: PositionEncoding): number {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  if (line >= starts.length) return text.length;
  const start = starts[line]!;
  const end = line + 1 < starts.length ? starts[line + 1]! - /(\r\n|\r|\n)$/.exec(text.slice(start, starts[line + 1]))![0].length : text.length;
  let at = start;
  let counted = 0;
  for (const char of text.slice(start, end)) {
    const width = encoding === "utf-16" ? char.length : encoding === "utf-8" ? Buffer.byteLength(char) : 1;
    if (counted + width > character) break;
    counted += width;
    at += char.length;
  }
  return at;
}

/** The text after a client applies `edits` (in `encoding`): UTF-16 through vscode-languageserver-textdocument, as VS Code's servers do. */
export function applyEdits(text: string, edits: readonly TextEdit[], encoding: PositionEncoding): string {
  if (encoding === "utf-16") return TextDocument.applyEdits(TextDocument.create("file:///x.py", "python", 0, text), [...edits]);
  const ranges = edits.map((edit) => ({
    start: offsetOf(text, edit.range.start.line, edit.range.start.character, encoding),
    end: offsetOf(text, edit.range.end.line, edit.range.end.character, encoding),
    text: edit.newText,
  }));
  ranges.sort((a, b) => b.start - a.start);
  return ranges.reduce((out, edit) => out.slice(0, edit.start) + edit.text + out.slice(edit.end), text);
}
