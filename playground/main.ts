/**
 * The page: the module and its settings in, the findings, the diff and the fixed module out. The
 * engine runs in a worker (worker.ts); this thread only sends the latest text and shows the latest
 * answer. At most one request is in flight: while the engine works, only the newest state waits,
 * and the states typed in between are never checked.
 */
import { CodePane, type Mark } from "./editor.js";
import type { Failure, Request, Response, ShownFinding } from "./protocol.js";
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
const settings = element<HTMLTextAreaElement>("settings");
const findings = element<HTMLElement>("findings");
const diff = element<HTMLElement>("diff");
const output = element<HTMLElement>("output");
const status = element<HTMLElement>("status");
const took = element<HTMLElement>("took");
const notice = element<HTMLElement>("notice");
const settingsStatus = element<HTMLElement>("settings-status");
const share = element<HTMLButtonElement>("share");
const shareLink = element<HTMLInputElement>("share-link");
const code = new CodePane(element("code"), { label: "Python module", onChange: changed });
const fixed = new CodePane(element("fixed"), { label: "Fixed module", readOnly: true });

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
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
  const request: Request = { id: ++sent, code: code.text, settings: settings.value };
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
  try {
    show(answer);
    setState("idle");
  } catch (error) {
    // A bug of the page's, said where a user and a script both see it.
    status.textContent = `The page could not show the results: ${error instanceof Error ? error.message : String(error)}; please report this`;
    setState("failed");
  }
};

worker.onerror = (event) => {
  status.textContent = `The engine could not start: ${event.message || "its script did not load"}`;
  setState("failed");
};

/** A finding's range in the editor: the engine's columns do not count a BOM, the editor's do. */
function markOf(finding: ShownFinding, text: string): Mark {
  const bom = text.startsWith("\uFEFF") ? 1 : 0;
  return {
    line: finding.line,
    column: finding.column + (finding.line === 1 ? bom : 0),
    endLine: finding.endLine,
    endColumn: finding.endColumn + (finding.endLine === 1 ? bom : 0),
  };
}

function findingItem(finding: ShownFinding, doc: string | undefined, text: string): HTMLElement {
  const item = document.createElement("li");
  item.className = "finding";
  item.dataset.rule = finding.rule;
  item.dataset.line = String(finding.line);
  item.dataset.column = String(finding.column);
  const where = document.createElement("button");
  where.type = "button";
  where.className = "where";
  where.textContent = `${finding.line}:${finding.column} ${finding.rule}`;
  where.title = "Select the call in the module";
  where.onclick = () => code.select(markOf(finding, text));
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
  const details = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = `mainguard rule ${finding.rule}`;
  const docText = document.createElement("pre");
  docText.textContent = doc ?? "";
  details.append(summary, docText);
  item.append(where, message, reason, fix, details);
  return item;
}

function show(answer: Response) {
  const text = code.text;
  findings.replaceChildren(...answer.findings.map((finding) => findingItem(finding, answer.docs[finding.rule], text)));
  code.mark(answer.findings.map((finding) => markOf(finding, text)));
  const fixedCount = answer.findings.filter((finding) => finding.fix?.enabled).length;
  const count = `${answer.findings.length} finding${answer.findings.length === 1 ? "" : "s"}`;
  status.textContent = answer.skipped
    ? `${count}; ${answer.skipped}`
    : `${count}, ${answer.output === text ? "nothing changed" : `${fixedCount} fixed`}`;
  took.textContent = `${Math.round(answer.took)} ms`;
  status.classList.toggle("problem", answer.skipped !== undefined);
  settingsStatus.textContent = answer.settingsError ?? answer.settingsNote ?? "";
  settingsStatus.classList.toggle("problem", answer.settingsError !== undefined);
  showDiff(answer.diff);
  fixed.replace(answer.output);
  // For scripts: the fixed module as plain text (the view above draws only the lines in sight).
  output.textContent = answer.output;
  output.dataset.version = String(answer.id);
}

/** The patch, its added and removed lines coloured (one text node each: a patch is short). */
function showDiff(patch: string) {
  if (!patch) {
    diff.textContent = "(no change)";
    return;
  }
  diff.replaceChildren(
    ...patch.split(/(?<=\n)/).map((line) => {
      const kind = line.startsWith("+++") || line.startsWith("---") ? "head" : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : "";
      if (!kind) return document.createTextNode(line);
      const span = document.createElement("span");
      span.className = kind;
      span.textContent = line;
      return span;
    }),
  );
}

async function load(fragment: string) {
  let state: PageState | undefined;
  notice.textContent = "";
  try {
    state = await readFragment(fragment);
  } catch (error) {
    notice.textContent = `${(error as Error).message}; showing the example instead`;
  }
  settings.value = state?.settings ?? EXAMPLE_SETTINGS;
  code.text = state?.code ?? EXAMPLE_CODE;
  changed();
}

share.onclick = async () => {
  const fragment = await writeFragment({ code: code.text, settings: settings.value });
  history.replaceState(null, "", `#${fragment}`);
  shareLink.value = location.href;
  shareLink.hidden = false;
  shareLink.select();
  await navigator.clipboard?.writeText(location.href).catch(() => undefined);
};

settings.addEventListener("input", changed);
window.addEventListener("hashchange", () => void load(location.hash));
void load(location.hash);
