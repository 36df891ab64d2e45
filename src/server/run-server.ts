import { createConnection } from "vscode-languageserver/node.js";
import { serve } from "./server.js";

/**
 * Runs the language server on stdin and stdout until the client says `exit` (status 0 after
 * `shutdown`, 1 without) or goes away. Nothing but the protocol is written to stdout: the
 * connection sends `console.log` to the client as log messages.
 */
export function runServer(): Promise<number> {
  const connection = createConnection(process.stdin, process.stdout);
  serve(connection, process.cwd());
  connection.listen();
  // The connection ends the process itself.
  return new Promise(() => undefined);
}
