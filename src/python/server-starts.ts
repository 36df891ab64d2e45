import type { Node } from "web-tree-sitter";
import type { Catalog, EventLoop } from "../catalog.js";
import { bindingOf, explainApplication, qualifiedName } from "./applications.js";
import type { Scopes } from "./module-scope.js";
import { earlierCalls } from "./openers.js";
import { shortText } from "./short-text.js";
import { threadStart, type ThreadStart } from "./threads.js";

/** A call recognised as starting a blocking server. */
export interface ServerStart {
  /** How to show the call: `app.run(...)`, `uvicorn.run(...)`. */
  call: string;
  /** What it starts, for messages: "the Flask development server", "the uvicorn server". */
  server: string;
  /** How it was recognised (--verbose, JSON, SARIF). */
  reason: string;
  /** Where the host goes positionally, and the keyword that turns Werkzeug's debugger on (MG101). */
  hostPosition?: number;
  /** Absent when the server has no interactive debugger to expose. */
  debugKeyword?: string;
  /**
   * What opens the socket it serves, earlier in its scope (tornado's `app.listen(...)`, wsgiref's
   * `httpd = make_server(...)`): a fix moves them with it.
   */
  openers?: Node[];
}

type IsProjectModule = (name: string) => boolean;

/**
 * Whether `call` (a `call` node) starts a server, and how that was recognised: a call of a
 * server function or method, or a thread's `start()` whose target is one (see `threadStart`).
 */
export function serverStart(call: Node, scopes: Scopes, catalog: Catalog, isProjectModule: IsProjectModule): ServerStart | undefined {
  const callee = call.childForFieldName("function");
  if (!callee || (callee.type !== "identifier" && callee.type !== "attribute")) return undefined;
  // The name is read once: each read crosses into WebAssembly, and most calls are not starts.
  const lastName = nameOf(callee);
  const thread = lastName === "start" && callee.type === "attribute" ? threadStart(call, scopes, catalog) : undefined;
  if (thread) return threadedStart(call, thread, scopes, catalog, isProjectModule);
  return startBy(callee, call, scopes, catalog, isProjectModule, undefined, lastName);
}

/** `run` for `run` and for `app.run`. */
function nameOf(callee: Node): string | undefined {
  return callee.type === "identifier" ? callee.text : callee.childForFieldName("attribute")?.text;
}

/**
 * `Thread(target=app.run).start()`: the target, called by the thread at once, as if `call` (the
 * `start()`) called it. Its arguments are the thread's, so no host or debug flag is read (MG101).
 */
function threadedStart(call: Node, thread: ThreadStart, scopes: Scopes, catalog: Catalog, isProjectModule: IsProjectModule): ServerStart | undefined {
  const { target, shown } = thread;
  if (target.type !== "identifier" && target.type !== "attribute") return undefined;
  const start = startBy(target, call, scopes, catalog, isProjectModule);
  if (!start) return undefined;
  return {
    call: shown,
    server: start.server,
    reason: `${start.reason}; \`${shown}\` runs \`${shortText(target)}\` in a ${thread.process ? "process" : "thread"} at once`,
    ...(start.openers ? { openers: start.openers } : {}),
  };
}

/**
 * The start `callee` makes when `call` (a call of it, or what runs it) is made. A coroutine
 * (`hypercorn.asyncio.serve`, uvicorn's `Server.serve`) starts only when `awaited` or run by
 * `asyncio.run`: calling it makes a coroutine object and nothing more.
 */
function startBy(
  callee: Node,
  call: Node,
  scopes: Scopes,
  catalog: Catalog,
  isProjectModule: IsProjectModule,
  awaited = call.parent?.type === "await",
  lastName = nameOf(callee),
): ServerStart | undefined {
  const loop = callee.type === "attribute" && catalog.eventLoops.find((candidate) => candidate.start === lastName);
  if (loop) return loopStart(call, callee, loop, scopes, catalog, isProjectModule);
  // An identifier may be an alias (`from waitress import serve as s`): resolve it whatever its name.
  if (!lastName || (callee.type === "attribute" && !catalog.needles.includes(lastName))) return undefined;

  const qualified = qualifiedName(callee, scopes, call.startIndex, catalog);
  // A thread's target `asyncio.run` gets no coroutine: `call` (the `start()`) holds none.
  if (qualified === "asyncio.run") return coroutineStart(call, scopes, catalog, isProjectModule);
  const fn = qualified && catalog.serverFunctions.find((candidate) => candidate.qualified === qualified && (awaited || !candidate.coroutine));
  if (fn) {
    const through = callee.text === qualified ? "" : ` through the imports`;
    const openedBy = fn.openedBy ?? [];
    const openers = openedBy.length === 0 ? [] : earlierCalls(call).filter((earlier) => openedBy.includes(calledName(earlier, scopes, catalog) ?? ""));
    return {
      call: `${shortText(callee)}(...)`,
      server: fn.server ? `the ${fn.server} server` : "a server",
      reason: `\`${callee.text}\` is \`${qualified}\`${through}`,
      hostPosition: fn.hostPosition,
      debugKeyword: fn.debugKeyword,
      ...(openers.length ? { openers } : {}),
    };
  }
  if (callee.type !== "attribute") return undefined;
  const receiver = callee.childForFieldName("object")!;
  const application = explainApplication(receiver, scopes, call.startIndex, catalog, isProjectModule);
  if (!application) return undefined;
  const frameworks = application.frameworks.filter((framework) => framework.serverMethods.includes(lastName) && (awaited || !framework.coroutine));
  if (frameworks.length === 0) return undefined;
  const opened = application.madeBy && frameworks.every((framework) => framework.opensWhenMade);
  return {
    call: `${shortText(receiver)}.${lastName}(...)`,
    server: frameworks.length === 1 ? (frameworks[0]!.server ?? `the ${frameworks[0]!.name} development server`) : "a development server",
    reason: application.reason,
    hostPosition: frameworks[0]!.hostPosition,
    debugKeyword: frameworks.some((framework) => framework.werkzeugDebugger) ? "debug" : undefined,
    ...(opened ? { openers: [application.madeBy!] } : {}),
  };
}

/** The qualified name of the function a call calls, through the imports. */
function calledName(call: Node, scopes: Scopes, catalog: Catalog): string | undefined {
  const callee = call.childForFieldName("function");
  return callee ? qualifiedName(callee, scopes, call.startIndex, catalog) : undefined;
}

/**
 * `IOLoop.current().start()` (or `loop.start()`, `loop` bound to `IOLoop.current()`): a start of
 * the loop's server only once something has opened a socket on it before, in the same scope.
 */
function loopStart(call: Node, callee: Node, loop: EventLoop, scopes: Scopes, catalog: Catalog, isProjectModule: IsProjectModule): ServerStart | undefined {
  let object = callee.childForFieldName("object")!;
  if (object.type === "identifier") {
    const bound = bindingOf(object.text, scopes, call.startIndex);
    if (bound?.kind !== "assignment") return undefined;
    object = bound.binding.value;
  }
  const getter = object.type === "call" ? object.childForFieldName("function") : null;
  if (getter?.type !== "attribute" || !loop.getters.includes(getter.childForFieldName("attribute")!.text)) return undefined;
  const loopClass = getter.childForFieldName("object")!;
  if (qualifiedName(loopClass, scopes, call.startIndex, catalog) !== loop.qualified) return undefined;
  const openers = earlierCalls(call).filter((earlier) => {
    const opener = earlier.childForFieldName("function");
    if (opener?.type !== "attribute" || opener.childForFieldName("attribute")!.text !== loop.opens) return false;
    const application = explainApplication(opener.childForFieldName("object")!, scopes, earlier.startIndex, catalog, isProjectModule);
    return application?.frameworks.some((framework) => framework.name === loop.framework) === true;
  });
  if (openers.length === 0) return undefined;
  const first = openers[0]!;
  const opened = `${shortText(first.childForFieldName("function")!)}(...)`;
  return {
    call: callee.text.length <= 60 && !callee.text.includes("\n") ? `${callee.text}(...)` : `${shortText(callee)}(...)`,
    server: `the ${loop.server} server`,
    reason: `\`${opened}\` on line ${first.startPosition.row + 1} opens a socket that \`${loop.qualified}\` serves${loopClass.text === loop.qualified ? "" : ` (\`${loopClass.text}\` through the imports)`}`,
    openers,
  };
}

/**
 * `asyncio.run(serve(app, config))`, `asyncio.run(server.serve())`: the event loop runs a
 * coroutine server function or method to its end.
 */
function coroutineStart(call: Node, scopes: Scopes, catalog: Catalog, isProjectModule: IsProjectModule): ServerStart | undefined {
  const argument = call.childForFieldName("arguments")?.namedChild(0);
  const inner = argument?.type === "call" ? argument.childForFieldName("function") : null;
  if (!inner || (inner.type !== "identifier" && inner.type !== "attribute")) return undefined;
  const callee = call.childForFieldName("function")!;
  const qualified = qualifiedName(inner, scopes, call.startIndex, catalog);
  const fn = qualified && catalog.serverFunctions.find((candidate) => candidate.qualified === qualified && candidate.coroutine);
  if (!fn) {
    const method = inner.type === "attribute" ? startBy(inner, argument!, scopes, catalog, isProjectModule, true) : undefined;
    return method && { ...method, call: `${shortText(callee)}(${method.call})`, reason: `${method.reason}; \`${callee.text}\` runs the coroutine to its end` };
  }
  return {
    call: `${shortText(callee)}(${shortText(inner)}(...))`,
    server: `the ${fn.server} server`,
    reason: `\`${inner.text}\` is \`${qualified}\`${inner.text === qualified ? "" : " through the imports"}, a coroutine that \`${callee.text}\` runs to its end`,
  };
}
