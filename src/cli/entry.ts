#!/usr/bin/env node
/**
 * The `mainguard` command. `mainguard server`, as an editor starts it, goes straight to the
 * language server: the editor waits for its answer to `initialize`, and the check command's
 * modules are not needed. Every other command line (`server --help` too) goes to main.ts, where
 * commander reads it.
 */
const [command, ...rest] = process.argv.slice(2);
if (command === "server" && rest.every((arg) => arg === "--stdio")) {
  const { runServer } = await import("../server/run-server.js");
  const code = await runServer();
  // The client may keep its end of stdin open: exit once the last reply is written.
  process.stdout.write("", () => process.exit(code));
} else {
  await import("./main.js");
}
