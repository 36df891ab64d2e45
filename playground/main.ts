/**
 * The page: two text panes in, the findings, the diff and the fixed code out. The engine runs in a
 * worker (worker.ts); this thread only sends the latest text and shows the latest answer, so a
 * 5 MB paste never blocks typing. At most one request is in flight: while the engine works, only
 * the newest state waits, and the states typed in between are never checked.
 */
import type { Failure, Request, Response } from "./protocol.js";
import { readFragment, writeFragment, type PageState } from "./share.js";

const EXAMPLE_CODE = `from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello"


app.run(host="0.0.0.0", debug=True)
`;
const EXAMPLE_SETTINGS = `[tool.mainguard]
# extra-app-names = ["server"]
# extra-server-calls = ["myproject.serve"]
unsafe-fixes = false
`;

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const code = element<HTMLTextAreaElement>("code");
const settings = element<HTMLTextAreaElement>("settings");
const findings = element<HTMLElement>("findings");
const diff = element<HTMLElement>("diff");
const output = element<HTMLElement>("output");
const status = element<HTMLElement>("status");
const settingsStatus = element<HTMLElement>("settings-status");
const share = element<HTMLButtonElement>("share");
const shareLink = element<HTMLInputElement>("share-link");

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
/**
 * A textarea gives its text with LF line ends whatever it was given (the HTML standard's newline
 * normalisation), so the code a link or a script brings in is kept as it came, byte for byte,
 * until someone edits it; after that a CRLF module stays CRLF.
 */
let loaded: string | undefined;
let lineEnd: "\n" | "\r\n" = "\n";

/** The module as the engine must see it. */
function currentCode(): string {
  if (loaded !== undefined) return loaded;
  return lineEnd === "\r\n" ? code.value.replace(/\n/g, "\r\n") : code.value;
}

/** An offset of `currentCode()` as an offset of the textarea's value (which has no CR). */
function editorOffset(offset: number): number {
  const text = currentCode();
  let carriageReturns = 0;
  for (let at = text.indexOf("\r"); at !== -1 && at < offset; at = text.indexOf("\r", at + 1)) carriageReturns++;
  return offset - carriageReturns;
}

let sent = 0;
let inFlight = false;
let waiting = false;

/** `busy` while an answer for the current text is outstanding: scripts wait for `idle`. */
function setState(state: "busy" | "idle" | "failed") {
  document.body.dataset.state = state;
}

function check() {
  if (inFlight) {
    waiting = true;
    return;
  }
  inFlight = true;
  waiting = false;
  const request: Request = { id: ++sent, code: currentCode(), settings: settings.value };
  worker.postMessage(request);
}

function changed() {
  setState("busy");
  check();
}

worker.onmessage = (event: MessageEvent<Response | Failure>) => {
  inFlight = false;
  if (waiting) {
    check();
    return;
  }
  const answer = event.data;
  if ("failure" in answer) {
    status.textContent = `The engine could not start: ${answer.failure}`;
    setState("failed");
    return;
  }
  show(answer);
  setState("idle");
};

worker.onerror = (event) => {
  status.textContent = `The engine could not start: ${event.message || "its script did not load"}`;
  setState("failed");
};

function show(answer: Response) {
  const items = answer.findings.map((finding) => {
    const item = document.createElement("li");
    item.className = "finding";
    item.dataset.rule = finding.rule;
    item.dataset.line = String(finding.line);
    item.dataset.column = String(finding.column);
    const head = document.createElement("button");
    head.type = "button";
    head.className = "where";
    head.textContent = `${finding.line}:${finding.column} ${finding.rule}`;
    head.title = "Select the call in the code";
    head.onclick = () => {
      code.focus();
      code.setSelectionRange(editorOffset(finding.from), editorOffset(finding.to));
    };
    const message = document.createElement("span");
    message.className = "message";
    message.textContent = ` ${finding.message}`;
    const reason = document.createElement("p");
    reason.className = "reason";
    reason.textContent = finding.reason;
    const fix = document.createElement("p");
    fix.className = "fix";
    fix.textContent = !finding.fix
      ? "No fix: this one needs a person."
      : finding.fix.enabled
        ? `Fixed (${finding.fix.applicability} fix).`
        : "Unsafe fix, not applied: set unsafe-fixes = true to apply it.";
    const doc = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = `mainguard rule ${finding.rule}`;
    const text = document.createElement("pre");
    text.textContent = answer.docs[finding.rule] ?? "";
    doc.append(summary, text);
    item.append(head, message, reason, fix, doc);
    return item;
  });
  findings.replaceChildren(...items);
  const fixed = answer.findings.filter((finding) => finding.fix?.enabled).length;
  const count = `${answer.findings.length} finding${answer.findings.length === 1 ? "" : "s"}`;
  status.textContent = answer.skipped ? `${count}; ${answer.skipped}` : `${count}, ${answer.output === currentCode() ? "nothing changed" : `${fixed} fixed`} (${Math.round(answer.took)} ms)`;
  status.classList.toggle("problem", answer.skipped !== undefined);
  settingsStatus.textContent = answer.settingsError ?? answer.settingsNote ?? "";
  settingsStatus.classList.toggle("problem", answer.settingsError !== undefined);
  diff.textContent = answer.diff || "(no change)";
  output.textContent = answer.output;
  output.dataset.version = String(answer.id);
}

async function load(fragment: string) {
  let state: PageState | undefined;
  try {
    state = await readFragment(fragment);
  } catch (error) {
    status.textContent = (error as Error).message;
    status.classList.add("problem");
  }
  const text = state?.code ?? EXAMPLE_CODE;
  code.value = text;
  loaded = text.includes("\r") ? text : undefined;
  // CRLF throughout is kept on editing; any other use of CR cannot survive a textarea's edit.
  lineEnd = text.includes("\r\n") && !/\r(?!\n)|(?<!\r)\n/.test(text) ? "\r\n" : "\n";
  settings.value = state?.settings ?? EXAMPLE_SETTINGS;
  changed();
}

share.onclick = async () => {
  const fragment = await writeFragment({ code: currentCode(), settings: settings.value });
  history.replaceState(null, "", `#${fragment}`);
  shareLink.value = location.href;
  shareLink.hidden = false;
  shareLink.select();
  await navigator.clipboard?.writeText(location.href).catch(() => undefined);
};

// Tab indents (four spaces) instead of leaving the editor; execCommand keeps the browser's undo.
code.addEventListener("keydown", (event) => {
  if (event.key !== "Tab" || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
  event.preventDefault();
  document.execCommand("insertText", false, "    ");
});
code.addEventListener("input", () => {
  loaded = undefined;
  changed();
});
settings.addEventListener("input", changed);
window.addEventListener("hashchange", () => void load(location.hash));
void load(location.hash);
