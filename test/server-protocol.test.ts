/**
 * `mainguard server` over stdio, driven by a JSON-RPC client on the child's pipes: every point of
 * the language server's contract (diagnostics, code actions, positions, settings, updates, hover,
 * protocol hygiene).
 */
import { mkdtempSync, mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic, Hover } from "vscode-languageserver-protocol";
import { applyEdits, editsFor, LspClient, offsetOf, uriOf, type PositionEncoding } from "./lsp-client.js";
import { runCli } from "./cli-utils.js";

const FLASK = 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef index():\n    return "hi"\n\napp.run(debug=True)\n';
const NESTED = "from flask import Flask\napp = Flask(__name__)\nif True:\n    app.run()\n";

const clients: LspClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});

async function start(cwd: string, ...rest: Parameters<typeof LspClient.start> extends [string, ...infer R] ? R : never): Promise<LspClient> {
  const client = await LspClient.start(cwd, ...rest);
  clients.push(client);
  return client;
}

function tree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "mainguard-server-")));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const actionsAt = (client: LspClient, uri: string, line: number, only?: string[]) =>
  client.request<CodeAction[]>("textDocument/codeAction", {
    textDocument: { uri },
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    context: { diagnostics: [], ...(only ? { only } : {}) },
  });

/** What `mainguard --stdin-filename` makes of `text`: the bytes --write would leave. */
const written = (text: string, cwd: string, flags: string[] = []) => runCli(["--stdin-filename", "app.py", ...flags], cwd, {}, text).stdout;

describe("mainguard server: diagnostics", () => {
  it("publishes each open document's findings with source, code, message, reason, and the fix in data once typing pauses", async () => {
    const root = tree({ "app.py": FLASK });
    const client = await start(root);
    expect(client.initialized.capabilities.positionEncoding).toBe("utf-16");
    const uri = uriOf(join(root, "app.py"));
    await client.open(uri, FLASK);
    const [diagnostic, ...others] = await client.diagnostics(uri, 1);
    expect(others).toEqual([]);
    expect(diagnostic).toMatchObject({
      source: "mainguard",
      code: "MG001",
      severity: 2,
      range: { start: { line: 7, character: 0 }, end: { line: 7, character: 19 } },
      data: { rule: "MG001", version: 1, applicability: "safe" },
    });
    // Once the document has been still for a moment, the same version again, with the fix in the data.
    const withFix = await client.until(() => client.published.find((p) => p.uri === uri && p.version === 1 && p.diagnostics[0]?.data?.fix), "the diagnostics with their fix");
    expect(withFix.diagnostics[0]!.data).toEqual({
      rule: "MG001",
      version: 1,
      applicability: "safe",
      fix: { applicability: "safe", edits: [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: 'if __name__ == "__main__":\n    ' }] },
    });
    expect(diagnostic!.message).toBe('`app.run(...)` starts the Flask development server whenever this module is imported; move it under `if __name__ == "__main__":`\n`app` is bound to `Flask(...)` (a Flask application) on line 2');
    expect(await client.shutdownAndExit()).toBe(0);
    expect(client.protocolErrors).toEqual([]);
  });

  it("publishes again after each change, for the latest version only, and clears on close", async () => {
    const root = tree({});
    const client = await start(root);
    const uri = uriOf(join(root, "app.py"));
    await client.open(uri, "import os\n");
    expect(await client.diagnostics(uri, 1)).toEqual([]);
    // Three changes read at once: one analysis answers them, for the last version.
    const change = (version: number, line: number, text: string) => ({
      method: "textDocument/didChange",
      params: { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text }] },
    });
    client.sendAtOnce([change(2, 1, "from flask import Flask\n"), change(3, 2, "app = Flask(__name__)\n"), change(4, 3, "app.run()\n")]);
    const diagnostics = await client.diagnostics(uri, 4);
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([["MG001", 3]]);
    expect([...new Set(client.published.filter((p) => p.uri === uri).map((p) => p.version))]).toEqual([1, 4]);
    // Typing inside the call keeps the diagnostic where it is, then removing the start clears it.
    await client.change(uri, 5, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } }, text: "port=1" }]);
    expect((await client.diagnostics(uri, 5))[0]!.range).toEqual({ start: { line: 3, character: 0 }, end: { line: 3, character: 15 } });
    await client.change(uri, 6, [{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, text: "" }]);
    expect(await client.diagnostics(uri, 6)).toEqual([]);
    await client.change(uri, 7, [{ text: FLASK }]);
    expect((await client.diagnostics(uri, 7)).map((d) => d.code)).toEqual(["MG001"]);
    await client.close(uri);
    await client.until(() => (client.published.at(-1)?.diagnostics.length === 0 && client.published.at(-1)?.version === undefined ? true : undefined), "the close's empty publication");
  });

  it("answers textDocument/diagnostic when the client pulls, and pushes nothing", async () => {
    const root = tree({});
    const client = await start(root, { textDocument: { diagnostic: { dynamicRegistration: false } } });
    expect(client.initialized.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: false, workspaceDiagnostics: false });
    const uri = uriOf(join(root, "app.py"));
    await client.open(uri, FLASK);
    const report = await client.request<{ kind: string; items: Diagnostic[] }>("textDocument/diagnostic", { textDocument: { uri } });
    expect(report.kind).toBe("full");
    expect(report.items.map((d) => d.code)).toEqual(["MG001"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.published).toEqual([]);
  });

  it("gives a file Python rejects no diagnostic and no fix, and goes on", async () => {
    const root = tree({});
    const client = await start(root);
    const uri = uriOf(join(root, "broken.py"));
    await client.open(uri, "from flask import Flask\napp = Flask(__name__)\napp.run(\ndef (\n");
    expect(await client.diagnostics(uri, 1)).toEqual([]);
    expect(await actionsAt(client, uri, 2)).toEqual([]);
    // A start that Python would reject once moved (a keyword argument before a positional one) keeps its diagnostic, and only the suppression.
    const misordered = uriOf(join(root, "misordered.py"));
    await client.open(misordered, "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True, 5000)\n");
    await client.diagnostics(misordered, 1);
    const titles = (await actionsAt(client, misordered, 2)).map((action) => action.title);
    expect(titles.every((title) => title.startsWith("Disable"))).toBe(true);
    await client.open(uri, FLASK, 2);
    expect((await client.diagnostics(uri, 2)).map((d) => d.code)).toEqual(["MG001"]);
  });
});

describe("mainguard server: code actions", () => {
  it("offers the preferred quick fix and the suppression; applied, they give --write's bytes and the ignore comment", async () => {
    const root = tree({});
    const client = await start(root, { workspace: { workspaceEdit: { documentChanges: true } } });
    const uri = uriOf(join(root, "app.py"));
    await client.open(uri, FLASK);
    await client.diagnostics(uri, 1);
    const actions = await actionsAt(client, uri, 7, ["quickfix"]);
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ['Move `app.run(...)` under `if __name__ == "__main__":`', "quickfix", true],
      ["Disable MG001 for this line (# mainguard: ignore[MG001])", "quickfix", false],
    ]);
    // Versioned edits: a client refuses them once the document has moved on.
    expect(actions[0]!.edit!.documentChanges![0]).toMatchObject({ textDocument: { uri, version: 1 } });
    // Minimal edits: the guard line, not the whole document.
    expect(editsFor(actions[0]!.edit!, uri)).toEqual([{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: 'if __name__ == "__main__":\n    ' }]);
    expect(applyEdits(FLASK, editsFor(actions[0]!.edit!, uri), "utf-16")).toBe(written(FLASK, root));
    expect(applyEdits(FLASK, editsFor(actions[1]!.edit!, uri), "utf-16")).toBe(FLASK.replace("app.run(debug=True)", "app.run(debug=True)  # mainguard: ignore[MG001]"));
    // Nothing asked on a line without a finding.
    expect(await actionsAt(client, uri, 0, ["quickfix"])).toEqual([]);
  });

  it("merges the suppression into an ignore comment already there", async () => {
    const root = tree({});
    const client = await start(root);
    const uri = uriOf(join(root, "app.py"));
    const text = 'from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0", debug=True)  # mainguard: ignore[MG101]\n';
    await client.open(uri, text);
    expect((await client.diagnostics(uri, 1)).map((d) => d.code)).toEqual(["MG001"]);
    const suppress = (await actionsAt(client, uri, 2)).find((a) => a.title.startsWith("Disable"))!;
    expect(applyEdits(text, editsFor(suppress.edit!, uri), "utf-16")).toBe(text.replace("ignore[MG101]", "ignore[MG101, MG001]"));
  });

  it("offers an unsafe fix named as such and never preferred; fix-all leaves it unless unsafe-fixes is on for that file", async () => {
    const root = tree({ "unsafe/pyproject.toml": "[tool.mainguard]\nunsafe-fixes = true\n" });
    const client = await start(root);
    const safeUri = uriOf(join(root, "app.py"));
    const unsafeUri = uriOf(join(root, "unsafe", "app.py"));
    for (const uri of [safeUri, unsafeUri]) {
      await client.open(uri, NESTED);
      expect((await client.diagnostics(uri, 1)).map((d) => d.code)).toEqual(["MG002"]);
    }
    const [fix] = await actionsAt(client, safeUri, 3, ["quickfix"]);
    expect(fix!.title).toBe('Move the top-level block around `app.run(...)` under `if __name__ == "__main__":` (unsafe fix: review the behaviour change)');
    expect(fix!.isPreferred).toBe(false);
    expect(applyEdits(NESTED, editsFor(fix!.edit!, safeUri), "utf-16")).toBe(written(NESTED, root, ["--unsafe-fixes"]));
    expect(await actionsAt(client, safeUri, 0, ["source.fixAll.mainguard"])).toEqual([]);
    const [all] = await actionsAt(client, unsafeUri, 0, ["source.fixAll"]);
    expect([all!.kind, all!.title]).toEqual(["source.fixAll.mainguard", "mainguard: fix all fixable findings (unsafe fixes included: unsafe-fixes is on)"]);
    expect(applyEdits(NESTED, editsFor(all!.edit!, unsafeUri), "utf-16")).toBe(written(NESTED, root, ["--unsafe-fixes"]));
  });

  it("gives source.fixAll.mainguard for save: every safe fix at once", async () => {
    const root = tree({});
    const client = await start(root);
    const uri = uriOf(join(root, "app.py"));
    const text = `${FLASK}app.run(port=2)\n`;
    await client.open(uri, text);
    expect((await client.diagnostics(uri, 1)).map((d) => d.code)).toEqual(["MG001", "MG001"]);
    const actions = await actionsAt(client, uri, 0, ["source"]);
    expect(actions.map((a) => [a.kind, a.title])).toEqual([["source.fixAll.mainguard", "mainguard: fix all fixable findings"]]);
    expect(applyEdits(text, editsFor(actions[0]!.edit!, uri), "utf-16")).toBe(written(text, root));
    expect(client.initialized.capabilities.codeActionProvider).toEqual({ codeActionKinds: ["quickfix", "source.fixAll.mainguard"] });
  });
});

describe("mainguard server: positions", () => {
  // Tabs, CR LF, a BOM, CJK and emoji before and inside the call.
  const texts: Record<string, string> = {
    tabs: "from flask import Flask\napp = Flask(__name__)\nif True:\n\tpass\napp.run(host='127.0.0.1')\t# 起動\n",
    crlf: "from flask import Flask\r\napp = Flask(__name__)\r\n\r\napp.run(port=8000)\r\n",
    bom: "\uFEFFfrom flask import Flask\napp = Flask(__name__)\napp.run()\n",
    cjk: "from flask import Flask\n名前 = '日本語'\napp = Flask(__name__)\napp.run(host='0.0.0.0' if 名前 else '', port=5000)  # 😀 起動\n",
    emoji: "from flask import Flask\napp = Flask(__name__)\ns = '😀😀'; app.run(debug=False, extra='😀é')\n",
  };

  for (const encoding of ["utf-8", "utf-16", "utf-32"] as PositionEncoding[]) {
    it(`negotiates ${encoding} and gives ranges and edits in it`, async () => {
      const root = tree({});
      // UTF-8 wins wherever it is offered; UTF-16 needs no offer at all.
      const offered = { "utf-8": ["utf-16", "utf-8"], "utf-16": undefined, "utf-32": ["utf-32"] }[encoding];
      const client = await start(root, offered ? { general: { positionEncodings: offered } } : {});
      expect(client.initialized.capabilities.positionEncoding).toBe(encoding);
      let version = 0;
      for (const [name, text] of Object.entries(texts)) {
        const uri = uriOf(join(root, `${name}.py`));
        await client.open(uri, text, ++version);
        const diagnostics = await client.diagnostics(uri, version);
        const call = text.indexOf("app.run(");
        const starts = diagnostics.map((d) => offsetOf(text, d.range.start.line, d.range.start.character, encoding));
        expect(starts, name).toContain(call);
        for (const d of diagnostics) {
          const [start, end] = [d.range.start, d.range.end].map((p) => offsetOf(text, p.line, p.character, encoding));
          expect(text.slice(start, end), name).toMatch(/^app\.run\(.*\)$/s);
        }
        const [all] = await actionsAt(client, uri, 0, ["source.fixAll.mainguard"]);
        expect(applyEdits(text, editsFor(all!.edit!, uri), encoding), name).toBe(written(text, root));
        // Hover at the call's last character finds it.
        const last = text.indexOf(")", call);
        const lines = text.slice(0, last).split(/\r\n|\r|\n/);
        const character = encoding === "utf-16" ? lines.at(-1)!.length : encoding === "utf-8" ? Buffer.byteLength(lines.at(-1)!) : [...lines.at(-1)!].length;
        const hover = await client.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: { line: lines.length - 1, character } });
        expect(JSON.stringify(hover?.contents), name).toContain("(MG001)");
      }
    });
  }

  it("prefers UTF-16 to UTF-32 when both are offered", async () => {
    const client = await start(tree({}), { general: { positionEncodings: ["utf-32", "utf-16"] } });
    expect(client.initialized.capabilities.positionEncoding).toBe("utf-16");
  });

  it("applies incremental changes given in UTF-8 columns after multi-byte characters", async () => {
    const root = tree({});
    const client = await start(root, { general: { positionEncodings: ["utf-8"] } });
    const uri = uriOf(join(root, "app.py"));
    const text = "from flask import Flask\napp = Flask(__name__)\nx = '起動'; y = 1\n";
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    // Replace `y = 1` (after 3 three-byte characters) by a start.
    const column = Buffer.byteLength("x = '起動'; ");
    await client.change(uri, 2, [{ range: { start: { line: 2, character: column }, end: { line: 2, character: column + 5 } }, text: "app.run()" }]);
    const [diagnostic] = await client.diagnostics(uri, 2);
    expect(diagnostic!.range).toEqual({ start: { line: 2, character: column }, end: { line: 2, character: column + 9 } });
  });
});

describe("mainguard server: settings", () => {
  it("uses each document's nearest pyproject.toml, across workspace folders, and re-publishes when one changes", async () => {
    const text = "from myproject import server\n\nserver.run(port=1)\n";
    // myproject/ is the project's own package: a name imported from it may be an application.
    const root = tree({ "one/pyproject.toml": '[tool.mainguard]\nextra-app-names = ["server"]\n', "two/pyproject.toml": "[tool.mainguard]\n", "one/myproject/__init__.py": "", "two/myproject/__init__.py": "" });
    const client = await start(root, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }, [join(root, "one"), join(root, "two")]);
    await client.until(() => (JSON.stringify(client.registrations).includes("**/pyproject.toml") ? true : undefined), "the pyproject.toml watcher's registration");
    const [one, two] = [uriOf(join(root, "one", "app.py")), uriOf(join(root, "two", "app.py"))];
    await client.open(one, text);
    await client.open(two, text);
    expect((await client.diagnostics(one, 1)).map((d) => d.code)).toEqual(["MG001"]);
    expect(await client.diagnostics(two, 1)).toEqual([]);
    const before = client.published.length;
    writeFileSync(join(root, "two", "pyproject.toml"), '[tool.mainguard]\nextra-app-names = ["server"]\n');
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(join(root, "two", "pyproject.toml")), type: 2 }] });
    await client.until(() => (client.published.slice(before).some((p) => p.uri === two && p.diagnostics.length === 1) ? true : undefined), "re-published diagnostics");
    // A broken table: said once, in the user's terms, and no diagnostics rather than wrong ones.
    writeFileSync(join(root, "two", "pyproject.toml"), "[tool.mainguard]\nextra-app-names = 3\n");
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(join(root, "two", "pyproject.toml")), type: 2 }] });
    const message = await client.until(() => client.shown.at(-1), "the settings error");
    expect(message.type).toBe(1);
    expect(message.message).toMatch(/^mainguard: .*two\/pyproject.toml.*extra-app-names/);
    await client.until(() => (client.published.at(-1)?.uri === two && client.published.at(-1)?.diagnostics.length === 0 ? true : undefined), "cleared diagnostics");
  });

  it("asks a pulling client to pull again after a settings change", async () => {
    const root = tree({ "pyproject.toml": "[tool.mainguard]\n", "myproject/__init__.py": "" });
    const client = await start(root, { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } });
    const uri = uriOf(join(root, "app.py"));
    await client.open(uri, "from myproject import server\n\nserver.run(port=1)\n");
    expect((await client.request<{ items: Diagnostic[] }>("textDocument/diagnostic", { textDocument: { uri } })).items).toEqual([]);
    writeFileSync(join(root, "pyproject.toml"), '[tool.mainguard]\nextra-app-names = ["server"]\n');
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(join(root, "pyproject.toml")), type: 2 }] });
    await client.until(() => (client.refreshes > 0 ? true : undefined), "workspace/diagnostic/refresh");
    expect((await client.request<{ items: Diagnostic[] }>("textDocument/diagnostic", { textDocument: { uri } })).items.map((d) => d.code)).toEqual(["MG001"]);
  });
});

describe("mainguard server: updates", () => {
  it("after random edits, gives what a fresh open of the same text gives", async () => {
    const root = tree({});
    const client = await start(root);
    const uri = uriOf(join(root, "app.py"));
    let text = FLASK;
    await client.open(uri, text);
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pieces = ["app.run()\n", "x", "\n", "    ", "(", ")", "if True:\n", "debug=True", "#", '"', "def f():\n"];
    for (let version = 2; version < 42; version++) {
      const start = random(text.length + 1);
      const end = Math.min(text.length, start + random(4));
      const piece = pieces[random(pieces.length)]!;
      const lines = (offset: number) => text.slice(0, offset).split("\n");
      const [a, b] = [lines(start), lines(end)];
      await client.change(uri, version, [{ range: { start: { line: a.length - 1, character: a.at(-1)!.length }, end: { line: b.length - 1, character: b.at(-1)!.length } }, text: piece }]);
      text = text.slice(0, start) + piece + text.slice(end);
    }
    const updated = await client.diagnostics(uri, 41);
    const fresh = uriOf(join(root, "fresh.py"));
    await client.open(fresh, text);
    const expected = await client.diagnostics(fresh, 1);
    // The same diagnostics; the versions differ, and a publication may or may not carry the fixes yet.
    const comparable = (all: Diagnostic[]) => all.map(({ data, ...d }) => ({ ...d, rule: data.rule, applicability: data.applicability }));
    expect(comparable(updated)).toEqual(comparable(expected));
  });
});

describe("mainguard server: hover", () => {
  it("shows the rule's documentation on a diagnostic and on a code in an ignore comment", async () => {
    const root = tree({});
    const client = await start(root);
    const uri = uriOf(join(root, "app.py"));
    const text = "from flask import Flask\napp = Flask(__name__)\napp.run()\napp.run(port=1)  # mainguard: ignore[MG101, MG001]\n";
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    const rule = runCli(["rule", "MG001"], root).stdout;
    const onDiagnostic = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 2, character: 4 } });
    expect(onDiagnostic.contents).toEqual({ kind: "markdown", value: rule });
    const onCode = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 3, character: text.split("\n")[3]!.indexOf("MG001") + 2 } });
    expect(onCode.contents).toEqual({ kind: "markdown", value: rule });
    const onOther = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 3, character: text.split("\n")[3]!.indexOf("MG101") } });
    expect(JSON.stringify(onOther.contents)).toContain("(MG101)");
    expect(await client.request("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 1 } })).toBeNull();
  });
});

describe("mainguard server: protocol hygiene", () => {
  it("answers a request about a document never opened, and an unknown method, with errors, and goes on", async () => {
    const root = tree({});
    const client = await start(root);
    const uri = uriOf(join(root, "never.py"));
    await expect(client.request("textDocument/codeAction", { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } })).rejects.toMatchObject({ code: -32602 });
    await expect(client.request("textDocument/diagnostic", { textDocument: { uri } })).rejects.toMatchObject({ code: -32602 });
    await expect(client.request("mainguard/nothing", {})).rejects.toMatchObject({ code: -32601 });
    await client.change(uri, 2, [{ text: "x" }]);
    const open = uriOf(join(root, "app.py"));
    await client.open(open, FLASK);
    expect((await client.diagnostics(open, 1)).map((d) => d.code)).toEqual(["MG001"]);
    expect(await client.shutdownAndExit()).toBe(0);
  });

  it("survives a malformed message", async () => {
    const root = tree({});
    const client = await start(root);
    const body = "{not json";
    client.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const uri = uriOf(join(root, "app.py"));
    await client.open(uri, FLASK);
    expect((await client.diagnostics(uri, 1)).map((d) => d.code)).toEqual(["MG001"]);
    expect(await client.shutdownAndExit()).toBe(0);
  });

  it("honours $/cancelRequest", async () => {
    const root = tree({});
    const client = await start(root);
    const uri = uriOf(join(root, "app.py"));
    await client.open(uri, FLASK);
    const { CancellationTokenSource } = await import("vscode-languageserver-protocol/node.js");
    const source = new CancellationTokenSource();
    const asked = client.connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, context: { diagnostics: [] } }, source.token);
    source.cancel();
    await expect(asked).rejects.toMatchObject({ code: -32800 });
  });

  it("exits with 1 on exit without shutdown", async () => {
    const client = await start(tree({}));
    await client.connection.sendNotification("exit");
    expect(await client.exited).toBe(1);
  });
});

describe("mainguard server: a 20 MB document", () => {
  it("goes through the big-file path: its diagnostic, a change, and the fix of all", async () => {
    const route = (n: number) => `@app.route("/r${n}")\ndef r${n}():\n    """Route ${n}."""\n    return {"n": ${n}, "s": "${"x".repeat(40)}"}\n\n\n`;
    const parts = ["from flask import Flask\n\napp = Flask(__name__)\n\n\n"];
    for (let n = 0, length = parts[0]!.length; length < 20_000_000; n++) {
      parts.push(route(n));
      length += parts.at(-1)!.length;
    }
    const body = parts.join("");
    const lines = body.split("\n").length - 1;
    const text = `${body}app.run()\n`;
    const root = tree({});
    const client = await start(root);
    const uri = uriOf(join(root, "big.py"));
    await client.open(uri, text);
    const [diagnostic] = await client.until(() => client.published.find((p) => p.uri === uri)?.diagnostics, "the big document's diagnostics", 120_000);
    expect(diagnostic).toMatchObject({ code: "MG001", range: { start: { line: lines, character: 0 }, end: { line: lines, character: 9 } } });
    await client.change(uri, 2, [{ range: { start: { line: lines, character: 8 }, end: { line: lines, character: 8 } }, text: "port=1" }]);
    const [changed] = await client.until(() => client.published.find((p) => p.uri === uri && p.version === 2)?.diagnostics, "the changed big document's diagnostics", 120_000);
    expect(changed!.range.end).toEqual({ line: lines, character: 15 });
    const [all] = await actionsAt(client, uri, 0, ["source.fixAll.mainguard"]);
    expect(editsFor(all!.edit!, uri)).toEqual([{ range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }, newText: 'if __name__ == "__main__":\n    ' }]);
  }, 240_000);
});
