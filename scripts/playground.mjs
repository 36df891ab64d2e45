// `npm run playground`: builds the page and serves its folder on 127.0.0.1 (port from PORT, else
// 8000; PORT=0 takes a free one), printing the address. Any static host can serve the same folder.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { pathToFileURL } from "node:url";
import { buildPlayground, PLAYGROUND_OUT } from "./build-playground.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  // Served as WebAssembly, the modules compile while they download.
  ".wasm": "application/wasm",
  ".png": "image/png",
};

/** Serves `folder` on 127.0.0.1:`port`; resolves to the server once it listens. */
export function servePlayground(folder = PLAYGROUND_OUT, port = 0) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = join(folder, normalize(path.endsWith("/") ? `${path}index.html` : path));
    let size;
    try {
      if (!file.startsWith(folder)) throw new Error("outside");
      size = statSync(file).size;
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": size, "cache-control": "no-cache" });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = process.env.PORT === undefined ? 8000 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`playground: PORT must be a port number (0-65535), not "${process.env.PORT}"`);
    process.exit(2);
  }
  await buildPlayground();
  const server = await servePlayground(PLAYGROUND_OUT, port).catch((error) => {
    console.error(`playground: cannot listen on 127.0.0.1:${port}: ${error.code === "EADDRINUSE" ? "the port is in use (set PORT)" : error.message}`);
    process.exit(1);
  });
  console.log(`mainguard playground: http://127.0.0.1:${server.address().port}/  (folder: ${PLAYGROUND_OUT}; Ctrl-C stops)`);
}
