/**
 * What counts as a server start. Adding a framework or a server is adding a row
 * here and a fixture pair under __testfixtures__/.
 */

/** An application framework: calling one of its classes makes an application object. */
export interface AppFramework {
  /** Display name, used in messages. */
  name: string;
  /** Top-level package whose import makes the `appNames` below applications by name. */
  package: string;
  /** Qualified names of the application classes. */
  appClasses: string[];
  /** Methods of an application that start a blocking server. */
  serverMethods: string[];
  /** Names that, imported from the project or in a file importing `package`, are such objects. */
  appNames: string[];
  /** Where a server method takes `host` positionally (MG101), if it does. */
  hostPosition?: number;
  /** Whether `debug=True` serves Werkzeug's interactive debugger (MG101). */
  werkzeugDebugger?: boolean;
  /** How its start reads in the documentation, when it is not `X.method(...)` on an application. */
  example?: string;
  /** What its start starts, in messages, when it is not "the <name> development server". */
  server?: string;
  /**
   * Its `appNames` count only in a file that imports `package` (never as names imported from the
   * project): common words such as `server` or `demo` would otherwise let the prefilter read
   * far more files, and the package's name is in every file that can use it.
   */
  namesNeedImport?: boolean;
  /**
   * Making one opens its socket (wsgiref's `make_server` binds the port): the statement that binds
   * the name a start is called on moves with the start.
   */
  opensWhenMade?: boolean;
  /** Methods of an application that return it, so that a start may be chained after them (`demo.queue().launch()`). */
  returnsSelf?: string[];
  /** Its server methods are coroutines: they start only when awaited or run by `asyncio.run`. */
  coroutine?: boolean;
}

/** A function whose call starts a blocking server. */
export interface ServerFunction {
  /** Qualified name, as reached through imports: `uvicorn.run`, `aiohttp.web.run_app`. */
  qualified: string;
  /** Display name of the server, used in messages; empty for calls the configuration adds. */
  server: string;
  /** Where it takes the host positionally, and the keyword that turns Werkzeug's debugger on (MG101). */
  hostPosition?: number;
  debugKeyword?: string;
  /**
   * A coroutine function: calling it starts nothing until an event loop runs it, so its start is
   * `asyncio.run(serve(...))`, not the bare call.
   */
  coroutine?: boolean;
  /** Functions called before it that open the socket it serves (`meinheld.server.listen`): they move with it. */
  openedBy?: string[];
}

/**
 * An event loop whose start serves what was opened on it before: tornado's
 * `IOLoop.current().start()` after `app.listen(8888)`. Its start is a server start only after such
 * an opening, and the two move together.
 */
export interface EventLoop {
  /** Display name of the server, used in messages. */
  server: string;
  /** Qualified name of the loop's class, and its class methods that return the loop. */
  qualified: string;
  getters: string[];
  /** The method that runs the loop until it is stopped. */
  start: string;
  /** The framework whose objects open a socket on the loop, and the method that does. */
  framework: string;
  opens: string;
  /** How the pair reads in the documentation. */
  example: string;
}

const APP = ["app", "application"];

export const APP_FRAMEWORKS: readonly AppFramework[] = [
  { name: "Flask", package: "flask", appClasses: ["flask.Flask", "flask.app.Flask"], serverMethods: ["run"], appNames: APP, hostPosition: 0, werkzeugDebugger: true },
  { name: "Quart", package: "quart", appClasses: ["quart.Quart", "quart.app.Quart"], serverMethods: ["run"], appNames: APP, hostPosition: 0 },
  { name: "Sanic", package: "sanic", appClasses: ["sanic.Sanic", "sanic.app.Sanic"], serverMethods: ["run"], appNames: APP, hostPosition: 0 },
  { name: "Bottle", package: "bottle", appClasses: ["bottle.Bottle", "bottle.default_app"], serverMethods: ["run"], appNames: APP },
  { name: "Dash", package: "dash", appClasses: ["dash.Dash", "dash.dash.Dash"], serverMethods: ["run", "run_server"], appNames: APP, hostPosition: 0, werkzeugDebugger: true },
  {
    name: "Flask-SocketIO",
    package: "flask_socketio",
    appClasses: ["flask_socketio.SocketIO"],
    serverMethods: ["run"],
    appNames: ["socketio", "socket_io", "sio"],
    hostPosition: 1,
    werkzeugDebugger: true,
    example: "socketio.run(app)",
  },
  { name: "Japronto", package: "japronto", appClasses: ["japronto.Application", "japronto.app.Application"], serverMethods: ["run"], appNames: APP, server: "the Japronto server" },
  {
    name: "gevent",
    package: "gevent",
    appClasses: ["gevent.pywsgi.WSGIServer", "gevent.wsgi.WSGIServer"],
    serverMethods: ["serve_forever"],
    appNames: ["http_server", "server"],
    example: "WSGIServer(...).serve_forever()",
    namesNeedImport: true,
    server: "gevent's WSGI server",
  },
  {
    name: "wsgiref",
    package: "wsgiref",
    appClasses: ["wsgiref.simple_server.make_server", "wsgiref.simple_server.WSGIServer"],
    serverMethods: ["serve_forever"],
    appNames: ["httpd", "server"],
    example: "make_server(...).serve_forever()",
    namesNeedImport: true,
    server: "wsgiref's development server",
    opensWhenMade: true,
  },
  {
    name: "uvicorn",
    package: "uvicorn",
    appClasses: ["uvicorn.Server", "uvicorn.server.Server"],
    serverMethods: ["serve"],
    appNames: [],
    example: "await uvicorn.Server(config).serve()",
    namesNeedImport: true,
    server: "the uvicorn server",
    coroutine: true,
  },
  {
    name: "Gradio",
    package: "gradio",
    appClasses: ["gradio.Interface", "gradio.Blocks", "gradio.ChatInterface", "gradio.TabbedInterface"],
    serverMethods: ["launch"],
    returnsSelf: ["queue"],
    appNames: ["demo"],
    example: "demo.launch()",
    namesNeedImport: true,
    server: "the Gradio server",
  },
  // Its applications start nothing themselves: `listen` opens a socket that the IOLoop serves.
  { name: "Tornado", package: "tornado", appClasses: ["tornado.web.Application", "tornado.httpserver.HTTPServer"], serverMethods: [], appNames: APP },
];

export const EVENT_LOOPS: readonly EventLoop[] = [
  {
    server: "Tornado",
    qualified: "tornado.ioloop.IOLoop",
    // Not `instance()`, deprecated since Tornado 5: its letters hold none the prefilter's passes
    // search for already, and one more pass over every file costs more than that old spelling finds.
    getters: ["current"],
    start: "start",
    framework: "Tornado",
    opens: "listen",
    example: "app.listen(...)` then `IOLoop.current().start()",
  },
];

export const SERVER_FUNCTIONS: readonly ServerFunction[] = [
  { qualified: "uvicorn.run", server: "uvicorn" },
  { qualified: "waitress.serve", server: "waitress" },
  { qualified: "aiohttp.web.run_app", server: "aiohttp" },
  { qualified: "werkzeug.serving.run_simple", server: "Werkzeug", hostPosition: 0, debugKeyword: "use_debugger" },
  { qualified: "werkzeug.run_simple", server: "Werkzeug", hostPosition: 0, debugKeyword: "use_debugger" },
  { qualified: "bottle.run", server: "Bottle" },
  { qualified: "cherrypy.quickstart", server: "CherryPy" },
  { qualified: "eventlet.wsgi.server", server: "eventlet" },
  { qualified: "bjoern.run", server: "bjoern" },
  { qualified: "panel.serve", server: "Panel" },
  { qualified: "hypercorn.asyncio.serve", server: "Hypercorn", coroutine: true },
  { qualified: "meinheld.server.run", server: "meinheld", openedBy: ["meinheld.server.listen"] },
];

/** Functions whose call returns an application, whatever module they come from. */
export const APP_FACTORY_NAMES: readonly string[] = ["create_app", "make_app"];

/**
 * Packages whose `app`/`application` attribute is a submodule or something other than the
 * project's own application object: `from flask import app` is not an application.
 */
export const NOT_PROJECT_PACKAGES: readonly string[] = [
  ...APP_FRAMEWORKS.map((framework) => framework.package),
  "celery", "django", "fastapi", "starlette", "tornado", "typer", "click", "kivy", "textual", "werkzeug",
  // GUI toolkits whose `app` module runs an event loop, not a web server.
  "vispy", "pyglet", "glumpy",
];

/** The catalog in force for a run: the rows above plus the project's configuration. */
export interface Catalog {
  frameworks: readonly AppFramework[];
  serverFunctions: readonly ServerFunction[];
  factoryNames: readonly string[];
  /** Every method or function name a server start can end in (the raw-text prefilter). */
  needles: readonly string[];
  /** Event loops that serve what was opened on them (tornado's IOLoop). */
  eventLoops: readonly EventLoop[];
  /** Packages, factories and application names: one of them must occur for a needle to be a server start. */
  receiverWords: readonly string[];
  /** For each needle, the receiver words that make a call of it a start (`current`: only `tornado`). */
  receiversOf: ReadonlyMap<string, readonly string[]>;
  /** Keywords that turn Werkzeug's debugger on when `True` (MG101). */
  debugKeywords: readonly string[];
}

export interface CatalogConfig {
  /** More names that make an imported or framework-file object an application. */
  extraAppNames?: readonly string[];
  /** More qualified functions that start a server (`myproject.serve`). */
  extraServerCalls?: readonly string[];
}

export function createCatalog(config: CatalogConfig = {}): Catalog {
  const extraNames = config.extraAppNames ?? [];
  const frameworks = APP_FRAMEWORKS.map((framework) =>
    framework.appNames === APP ? { ...framework, appNames: [...APP, ...extraNames] } : framework,
  );
  const serverFunctions: ServerFunction[] = [
    ...SERVER_FUNCTIONS,
    ...(config.extraServerCalls ?? []).map((qualified) => ({ qualified, server: "" })),
  ];
  const needles = new Set([
    ...frameworks.flatMap((framework) => framework.serverMethods),
    ...serverFunctions.map((fn) => fn.qualified.split(".").pop()!),
    // A loop's start calls no needle: the call that gets the loop (`IOLoop.current()`) is found.
    ...EVENT_LOOPS.flatMap((loop) => loop.getters),
  ]);
  const receiversOf = new Map<string, string[]>();
  const pair = (needle: string, words: readonly string[]) => receiversOf.set(needle, [...new Set([...(receiversOf.get(needle) ?? []), ...words])]);
  for (const framework of frameworks) {
    const words = [framework.package, ...(framework.namesNeedImport ? [] : framework.appNames), ...APP_FACTORY_NAMES];
    for (const method of framework.serverMethods) pair(method, words);
  }
  for (const fn of serverFunctions) pair(fn.qualified.split(".").pop()!, [fn.qualified.split(".")[0]!]);
  for (const loop of EVENT_LOOPS) for (const getter of loop.getters) pair(getter, [loop.qualified.split(".")[0]!]);
  const receiverWords = new Set([...receiversOf.values()].flat());
  const debugKeywords = [...new Set([
    ...(frameworks.some((framework) => framework.werkzeugDebugger) ? ["debug"] : []),
    ...serverFunctions.flatMap((fn) => (fn.debugKeyword ? [fn.debugKeyword] : [])),
  ])];
  return { frameworks, serverFunctions, factoryNames: APP_FACTORY_NAMES, needles: [...needles], eventLoops: EVENT_LOOPS, receiverWords: [...receiverWords], receiversOf, debugKeywords };
}

export const DEFAULT_CATALOG = createCatalog();

/** `a`, `a or b`, `a, b or c`. */
const listed = (items: readonly string[], last = "or") => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`);

/** How a server function's start reads: `bjoern.run(...)`, `asyncio.run(hypercorn.asyncio.serve(...))`. */
function functionStart(fn: ServerFunction, args: string): string {
  if (fn.coroutine) return `\`asyncio.run(${fn.qualified}(...))\``;
  const call = `${fn.qualified}${args === "" ? "" : `(${args})`}`;
  return fn.openedBy ? `\`${fn.openedBy.map((opener) => `${opener}(${args})`).join("`, `")}\` then \`${call}\`` : `\`${call}\``;
}

/** What MG001 recognises, in one sentence made from the built-in catalog (its documentation and the README say this). */
export function recognisedStarts(): string {
  const starting = APP_FRAMEWORKS.filter((framework) => framework.serverMethods.length > 0);
  const byName = starting.filter((framework) => framework.appNames === APP);
  const byObject = starting.filter((framework) => framework.appNames !== APP);
  const extra = byName.flatMap((framework) => framework.serverMethods.filter((method) => method !== "run").map((method) => `${framework.name}'s \`X.${method}(...)\``));
  const parts = [
    `\`X.run(...)\` on ${/^[AEIOU]/.test(byName[0]!.name) ? "an" : "a"} ${listed(byName.map((framework) => framework.name))} application${extra.length ? ` (and ${listed(extra, "and")})` : ""}`,
    ...byObject.map((framework) => `\`${framework.example}\` (${framework.name})`),
    ...SERVER_FUNCTIONS.map((fn) => functionStart(fn, "")),
    ...EVENT_LOOPS.map((loop) => `\`${loop.example}\` (${loop.server})`),
  ];
  return `Recognised: ${listed(parts, "and")}, through any import alias. Where a call before the start opens its socket, the two move together.`;
}

/** The starts that serve Werkzeug's debugger (MG101), in words made from the built-in catalog. */
export function debuggerStarts(): string {
  const frameworks = APP_FRAMEWORKS.filter((framework) => framework.werkzeugDebugger).map((framework) => `${framework.name}'s`);
  const functions = SERVER_FUNCTIONS.filter((fn) => fn.debugKeyword).map((fn) => `\`${fn.qualified}(${fn.debugKeyword}=True)\``);
  return `${listed(frameworks)} \`run(debug=True)\`, ${listed(functions)}`;
}

/** The README's table of what is recognised: one row per way of starting, naming who starts that way. */
export function catalogTable(): string {
  const rows = new Map<string, string[]>();
  const add = (recognised: string, name: string) => rows.set(recognised, [...(rows.get(recognised) ?? []), name]);
  for (const framework of APP_FRAMEWORKS.filter((candidate) => candidate.serverMethods.length > 0)) {
    if (framework.appNames !== APP) add(`\`${framework.example}\`, on the object or a name bound to it`, framework.name);
    else add(`${framework.serverMethods.map((method) => `\`X.${method}(...)\``).join(", ")} on an application`, framework.name);
  }
  const servers = new Map<string, string[]>();
  for (const fn of SERVER_FUNCTIONS) servers.set(fn.server, [...(servers.get(fn.server) ?? []), functionStart(fn, "...")]);
  for (const [server, calls] of servers) add(calls.join(", "), server);
  for (const loop of EVENT_LOOPS) add(`\`${loop.example}\``, loop.server);
  const lines = [...rows].map(([recognised, names]) => `| ${names.join(", ")} | ${recognised} |`);
  return ["| framework / server | recognised, through any import alias |", "|---|---|", ...lines].join("\n") + "\n";
}
