/**
 * A service tree whose lines cover every verdict `--from-report` gives, at least twice, and the
 * reports semgrep, CodeQL, ruff and bandit would write for it, in their own shapes.
 */

/** Line by line: the verdict a report on that line gets. */
export const TREE: Record<string, string> = {
  "svc/app.py": [
    "from flask import Flask",
    "",
    "app = Flask(__name__)",
    "",
    "",
    "def main():",
    "    app.run(debug=True)", // 7: guarded (main is called only from the guard)
    "",
    "",
    "def unused():",
    '    app.run(host="0.0.0.0", debug=True)', // 11: in-function
    "",
    "",
    "app.run(debug=True)", // 14: fixable (MG001)
    "",
    'if __name__ == "__main__":',
    '    app.run(host="0.0.0.0", debug=True)', // 17: guarded
    "    main()",
    "",
  ].join("\n"),
  "svc/serve.py": [
    "from flask import Flask",
    "",
    "app = Flask(__name__)",
    "",
    "",
    "def start():",
    "    app.run(debug=True)", // 7: fixable through start() (MG003)
    "",
    "",
    "def later():",
    "    app.run(debug=True)", // 11: in-function
    "",
    "",
    "start()",
    "",
    "try:",
    '    app.run(host="0.0.0.0")', // 17: fixable, unsafe (MG002)
    "except OSError:",
    "    pass",
    "",
    'HOST = "0.0.0.0"', // 21: not-a-server (bind-all)
    'app.logger.info("ready")', // 22: not-a-server
    "",
  ].join("\n"),
  "svc/stale.py": [
    "import os",
    "",
    "# app.run(debug=True) used to be here", // 3: stale
    "PORT = int(os.environ.get('PORT', '5000'))",
    "", // 5: stale
    "",
  ].join("\n"),
  "svc/broken.py": ["from flask import Flask", "app = Flask(__name__)", "app.run(debug=True", "def broken(:", "    pass", ""].join("\n"), // 3, 4: unparsable
  "svc/quiet.py": [
    "from flask import Flask",
    "",
    "app = Flask(__name__)",
    "app.run(port=5000)  # mainguard: ignore", // 4: ignored
    "app.run(port=5001)  # mainguard: ignore[MG001]", // 5: ignored
    "",
  ].join("\n"),
  "svc/odd.py": [
    "from flask import Flask",
    "",
    "app = Flask(__name__)",
    "",
    "",
    "class Server:",
    "    app.run(port=5000)", // 7: unfixable (a class body)
    "",
    "",
    "server = app.run(port=5001)", // 10: unfixable (inside an assignment)
    "",
  ].join("\n"),
  "svc/partial.py": [
    "from flask import Flask",
    "",
    "app = Flask(__name__)",
    "",
    "app.run(port=5000)", // 5: fixable, reported
    "",
    'print("between")',
    "",
    "app.run(port=5001)", // 9: fixable, not reported
    "",
  ].join("\n"),
};

/** `path:line` → the verdict every report below must lead to. */
export const EXPECTED: Record<string, string> = {
  "svc/app.py:7": "guarded",
  "svc/app.py:11": "in-function",
  "svc/app.py:14": "fixable",
  "svc/app.py:17": "guarded",
  "svc/serve.py:7": "fixable",
  "svc/serve.py:11": "in-function",
  "svc/serve.py:17": "fixable",
  "svc/serve.py:21": "not-a-server",
  "svc/serve.py:22": "not-a-server",
  "svc/stale.py:3": "stale",
  "svc/stale.py:5": "stale",
  "svc/broken.py:3": "unparsable",
  "svc/broken.py:4": "unparsable",
  "svc/quiet.py:4": "ignored",
  "svc/quiet.py:5": "ignored",
  "svc/odd.py:7": "unfixable",
  "svc/odd.py:10": "unfixable",
  "svc/partial.py:5": "fixable",
};

/** The lines reported, each with the concern of the rule that reports it in every report. */
export const SITES: ReadonlyArray<{ path: string; line: number; concern: "debug" | "bind-all" }> = Object.keys(EXPECTED).map((key) => {
  const [path, line] = key.split(":") as [string, string];
  const bindAll = key === "svc/serve.py:21" || key === "svc/serve.py:17";
  return { path, line: Number(line), concern: bindAll ? "bind-all" : "debug" };
});
