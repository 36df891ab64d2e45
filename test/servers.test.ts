import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";

// Real servers on loopback, before and after `mainguard --write` (Debian's gunicorn, uwsgi-core,
// uwsgi-plugin-python3 and python3-flask, which .ci/run installs). Skipped where they are missing.
const have = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
const serversInstalled = have("gunicorn") && have("uwsgi") && spawnSync("/usr/bin/python3", ["-c", "import flask"]).status === 0;

const port = () => 20000 + Math.floor(Math.random() * 20000);
const APP = (devPort: number) =>
  `from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return "hello from the worker"\n\n\napp.run(host="127.0.0.1", port=${devPort}, debug=True)\n`;

interface Server {
  child: ChildProcess;
  output: () => string;
}

function start(command: string, args: string[], cwd: string): Server {
  // Its own process group, so that the reloader's children are stopped with it.
  const child = spawn(command, args, { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function stop(server: Server, signal: NodeJS.Signals): Promise<void> {
  const group = -server.child.pid!;
  const alive = () => {
    try {
      process.kill(group, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(group, signal);
  for (let i = 0; i < 50 && alive(); i++) await sleep(100);
  if (alive()) process.kill(group, "SIGKILL");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

/** Waits up to `ms` for `done`, polling. */
async function within(ms: number, done: () => Promise<boolean> | boolean): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(200)) if (await done()) return true;
  return false;
}

describe.skipIf(!serversInstalled)("real servers before and after mainguard --write", () => {
  const cases = [
    { name: "gunicorn", stopWith: "SIGTERM" as const, args: (p: number) => ["gunicorn", ["--bind", `127.0.0.1:${p}`, "--workers", "1", "app:app"]] as const },
    {
      name: "uWSGI",
      // uWSGI reloads on SIGTERM: stop it with SIGINT.
      stopWith: "SIGINT" as const,
      args: (p: number) => ["uwsgi", ["--plugin", "python3", "--http-socket", `127.0.0.1:${p}`, "--wsgi-file", "app.py", "--callable", "app", "--master", "--processes", "1"]] as const,
    },
  ];

  it.each(cases)("$name: before, the development server starts in the worker and the port does not answer; after, it answers", async ({ args, stopWith, name }) => {
    const devPort = port();
    const root = makeTree({ "app.py": APP(devPort) });
    const serverPort = port();
    const [command, argv] = args(serverPort);
    const url = `http://127.0.0.1:${serverPort}/`;

    const before = start(command, [...argv], root);
    try {
      expect(await within(10_000, () => before.output().includes("Restarting with stat")), before.output()).toBe(true);
      expect(before.output()).toContain("Debug mode: on");
      expect(before.output()).toContain(`Running on http://127.0.0.1:${devPort}`);
      if (name === "gunicorn") expect(await within(5_000, () => before.output().includes("Connection in use"))).toBe(true);
      expect(await answers(url)).toBeUndefined();
    } finally {
      await stop(before, stopWith);
    }

    expect(runCli(["--write", "app.py"], root).code).toBe(0);

    const after = start(command, [...argv], root);
    try {
      expect(await within(10_000, async () => (await answers(url)) === "hello from the worker"), after.output()).toBe(true);
      expect(after.output()).not.toContain("Debug mode");
      expect(after.output()).not.toContain("Running on http");
    } finally {
      await stop(after, stopWith);
    }
  }, 60_000);
});
