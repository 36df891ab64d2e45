// npm run bench: builds its trees, then times mainguard against references measured in the same
// run (ripgrep for reading the tree, ast-grep for a native tree-sitter tool, `node -e 0` for
// start-up), the language server (scripts/bench-server.mjs) and the playground in Chromium
// (scripts/bench-playground.mjs). Each figure is the median of
// interleaved runs. Nothing here is a test: it measures.
import { benchPlayground, playgroundRows } from "./bench-playground.mjs";
import { benchServer, serverRows } from "./bench-server.mjs";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist/cli.js");
const FLOOR = join(ROOT, "scripts/floor.mjs");
const AST_GREP = join(ROOT, "node_modules/.bin/ast-grep");
const WORK = join(tmpdir(), "mainguard-bench");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PLANTED = 300;
const PARSE_FILES = 2000;

const SKIPPED = new Set([".git", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__", "site-packages", "dist-packages",
  ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", ".eggs"]);

function need(command, hint) {
  if (spawnSync("sh", ["-c", `command -v ${command}`]).status !== 0) {
    console.error(`bench: ${command} is not installed (${hint})`);
    process.exit(2);
  }
}

/** Every .py file under `from`, copied to `to`; directory names mainguard always skips get a `_`
 * so that mainguard, ripgrep and ast-grep all read the same files. */
function copyPython(from, to) {
  let count = 0;
  const walk = (source, target) => {
    for (const entry of readdirSync(source, { withFileTypes: true })) {
      const path = join(source, entry.name);
      if (entry.isDirectory()) walk(path, join(target, SKIPPED.has(entry.name) ? `${entry.name}_` : entry.name));
      else if (entry.isFile() && entry.name.endsWith(".py")) {
        mkdirSync(target, { recursive: true });
        cpSync(path, join(target, entry.name));
        count++;
      }
    }
  };
  walk(from, to);
  return count;
}

function flaskService(n, routes) {
  let text = `"""Service ${n}."""\nimport os\n\nfrom flask import Flask, jsonify, request\n\napp = Flask(__name__)\nSETTINGS = {"name": "svc-${n}", "debug": os.environ.get("DEBUG") == "1"}\n\n`;
  for (let r = 0; r < routes; r++) {
    text += `\n@app.route("/items/${r}/<int:item_id>", methods=["GET", "POST"])\ndef item_${r}(item_id):\n    """Return item ${r}."""\n    if request.method == "POST":\n        payload = request.get_json(force=True) or {}\n        return jsonify(id=item_id, route=${r}, saved=sorted(payload))\n    values = [item_id * k for k in range(${(r % 7) + 3})]\n    return jsonify(id=item_id, route=${r}, values=values, name=SETTINGS["name"])\n\n`;
  }
  return `${text}\napp.run(host="127.0.0.1", port=${5000 + (n % 1000)})\n`;
}

function buildTrees() {
  rmSync(WORK, { recursive: true, force: true });
  const python = execFileSync("python3", ["-c", 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: "utf8" }).trim();
  const big = join(WORK, "big");
  const copied = copyPython(python, join(big, "python"));
  for (let n = 0; n < PLANTED; n++) {
    mkdirSync(join(big, "services", `svc-${n}`), { recursive: true });
    writeFileSync(join(big, "services", `svc-${n}`, "app.py"), flaskService(n, 3));
  }
  const parse = join(WORK, "parse");
  for (let n = 0; n < PARSE_FILES; n++) {
    mkdirSync(join(parse, `app${Math.floor(n / 100)}`), { recursive: true });
    writeFileSync(join(parse, `app${Math.floor(n / 100)}`, `service_${n}.py`), flaskService(n, 36));
  }
  const small = join(WORK, "small");
  mkdirSync(small, { recursive: true });
  writeFileSync(join(small, "app.py"), flaskService(1, 2));
  writeFileSync(join(WORK, "rule.yml"), "id: run-call\nlanguage: python\nrule:\n  pattern: $APP.run($$$ARGS)\n");
  return { big, parse, small: join(small, "app.py"), copied, python };
}

/** The big tree again, hard-linked, committed into a throwaway git repository: git lists its files. */
function gitTree(big) {
  const tree = join(WORK, "big-git");
  const link = (from, to) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.isDirectory()) link(join(from, entry.name), join(to, entry.name));
      else linkSync(join(from, entry.name), join(to, entry.name));
    }
  };
  link(big, tree);
  const git = (...args) => execFileSync("git", ["-c", "user.email=bench@example.com", "-c", "user.name=bench", "-c", "commit.gpgsign=false", ...args], { cwd: tree, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "bench");
  return tree;
}

function sizeOf(dir) {
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else bytes += statSync(join(d, e.name)).size;
    }
  };
  walk(dir);
  return bytes;
}

/** Wall time of one run, in milliseconds (output discarded). */
function time(command, args, cwd) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", "ignore", "ignore"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs each command `runs` times, interleaved, after one warm-up each; returns medians. */
function compare(commands, runs = RUNS) {
  for (const c of commands) time(c.command, c.args, c.cwd);
  const samples = commands.map(() => []);
  for (let r = 0; r < runs; r++) commands.forEach((c, i) => samples[i].push(time(c.command, c.args, c.cwd)));
  return samples.map(median);
}

function peakRss(args, cwd) {
  const result = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, CLI, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  return Number(result.stderr.trim().split("\n").pop()) / 1024;
}

need("rg", "apt-get install ripgrep");
need("/usr/bin/time", "apt-get install time");
need("git", "apt-get install git");
if (!existsSync(CLI)) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });

const trees = buildTrees();
const gitBig = gitTree(trees.big);
const mg = (args, cwd) => ({ command: process.execPath, args: [CLI, "-q", ...args], cwd });

const [scan, rg, sg, floor] = compare([
  mg(["."], trees.big),
  { command: "rg", args: ["-l", "-F", ".run(", "."], cwd: trees.big },
  { command: AST_GREP, args: ["scan", "--rule", join(WORK, "rule.yml"), "."], cwd: trees.big },
  { command: process.execPath, args: [FLOOR, "."], cwd: trees.big },
]);
const [gitScan, gitRg, walkerScan] = compare([
  mg(["."], gitBig),
  { command: "rg", args: ["-l", "-F", ".run(", "."], cwd: gitBig },
  mg(["--no-git", "."], gitBig),
]);
const [parseMg, parseSg] = compare([
  mg(["."], trees.parse),
  { command: AST_GREP, args: ["scan", "--rule", join(WORK, "rule.yml"), "."], cwd: trees.parse },
]);
// A pair of one-file runs takes a fifth of a second, and its ratio has the least room: more runs.
const ONE_FILE_RUNS = RUNS * 4;
const [one, node] = compare([mg([trees.small], WORK), { command: process.execPath, args: ["-e", "0"], cwd: WORK }], ONE_FILE_RUNS);
const rss = peakRss(["-q", "."], trees.big);
const planted = (cwd) => {
  const report = spawnSync(process.execPath, [CLI, "--format", "json", "services"], { cwd, encoding: "utf8", maxBuffer: 1e8 });
  return new Set(JSON.parse(report.stdout).filter((f) => f.code === "MG001").map((f) => f.path)).size;
};
const found = planted(trees.big);
const foundInGit = planted(gitBig);

const server = await benchServer();
const playground = await benchPlayground();

const files = (dir) => execFileSync("rg", ["--files", "-g", "*.py", dir], { encoding: "utf8", maxBuffer: 1e9 }).split("\n").filter(Boolean).length;
const ratio = (a, b) => (a / b).toFixed(2);
const ms = (v) => `${v.toFixed(0)} ms`;
const rows = [
  ["big tree: mainguard scan / `rg -l -F .run(`", `${ms(scan)} / ${ms(rg)}`, ratio(scan, rg), "≤ 4"],
  ["big tree: floor (scripts/floor.mjs) / `rg -l -F .run(`", `${ms(floor)} / ${ms(rg)}`, ratio(floor, rg), "(reference)"],
  ["big tree in git: mainguard scan / `rg -l -F .run(`", `${ms(gitScan)} / ${ms(gitRg)}`, ratio(gitScan, gitRg), "≤ 2.0"],
  ["big tree in git: scan with git / with `--no-git`", `${ms(gitScan)} / ${ms(walkerScan)}`, ratio(gitScan, walkerScan), "(reference)"],
  ["big tree: ast-grep / mainguard", `${ms(sg)} / ${ms(scan)}`, ratio(sg, scan), "≥ 5"],
  ["parse-bound tree: mainguard / ast-grep", `${ms(parseMg)} / ${ms(parseSg)}`, ratio(parseMg, parseSg), "≤ 1.5"],
  ["one small file: mainguard / `node -e 0`", `${ms(one)} / ${ms(node)}`, ratio(one, node), "≤ 2.0"],
  ["big tree: peak RSS", `${rss.toFixed(0)} MB`, "", "≤ 200 MB"],
  ["planted services found (plain tree, git tree)", `${found}, ${foundInGit} of ${PLANTED}`, "", `${PLANTED}`],
  ...serverRows(server),
  ...playgroundRows(playground),
];
console.log(`\nmainguard bench — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, median of ${RUNS} interleaved runs (${ONE_FILE_RUNS} for one small file)`);
console.log(`big tree: ${files(trees.big)} files, ${(sizeOf(trees.big) / 1e6).toFixed(0)} MB (${trees.copied} from ${trees.python} and its site-packages, ${PLANTED} planted Flask services)`);
console.log(`parse-bound tree: ${PARSE_FILES} Flask apps, ${(sizeOf(trees.parse) / 1e6).toFixed(0)} MB\n`);
console.log("| measure | times | ratio | target |\n|---|---|---|---|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
