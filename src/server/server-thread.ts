/**
 * The language server's thread (see run-server.ts): the connection on the process's stdin and
 * stdout, which Node relays between this thread and the main one.
 */
import { createConnection } from "vscode-languageserver/node.js";
import { serve } from "./server.js";

const connection = createConnection(process.stdin, process.stdout);
serve(connection, process.cwd());
connection.listen();
