/**
 * Who may import whom (docs/architecture.md). `npm run check-imports` applies these rules to
 * src/, transforms/ and playground/; `npm test` runs it first, and test/import-rules.test.ts shows that each
 * rule catches a planted violation.
 */
/** The host-free core: what the CLI, the language server and the browser page share (src/core.ts). */
const CORE = "^(src/(engine|python|prefilter)/|transforms/|src/(core|catalog|types|line-index|ascii)\\.ts$|src/config/table\\.ts$)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-is-host-free",
      comment: "The core runs in Node, in an editor's server and in a browser: it imports no Node built-in (the host hands in the parser and the text).",
      severity: "error",
      from: { path: CORE },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "core-knows-no-host",
      comment: "The core never imports a host's modules: the command line, the run, files, git, reports, output, the Node parser loader or file settings.",
      severity: "error",
      from: { path: CORE },
      to: { path: "^src/(cli|run|node|discover|git|read|output|report|server)/|^src/config/settings\\.ts$|^src/index\\.ts$" },
    },
    {
      name: "server-is-an-editor-host",
      comment: "The language server answers an editor from the core's analyses: it never reaches into the command line, the run, discovery, git or reports.",
      severity: "error",
      from: { path: "^src/server/" },
      to: { path: "^src/(cli|run|discover|git|read|report)/" },
    },
    {
      name: "playground-is-a-browser-host",
      comment: "The playground page runs the core in a browser: besides the core it takes only the host-free text it shows (rule docs, skip reasons, the patch's hunks), and no Node built-in.",
      severity: "error",
      from: { path: "^playground/" },
      to: {
        path: "^src/",
        pathNot: `${CORE}|^src/output/(rule-docs|unified-hunks)\\.ts$`,
      },
    },
    {
      name: "playground-uses-no-node",
      comment: "A Node built-in does not exist in the page or its worker.",
      severity: "error",
      from: { path: "^playground/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "only-the-server-speaks-lsp",
      comment: "The protocol library is loaded by `mainguard server` only: the check command never pays for it.",
      severity: "error",
      from: { pathNot: "^src/server/" },
      to: { path: "vscode-languageserver" },
    },
    {
      name: "no-cycles",
      comment: "No module imports one that imports it back, directly or through others (type-only imports included).",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "transforms-see-rules-only",
      comment:
        "A transform reads Python (src/python/), the prefilter's byte questions and the shared types and catalog; never I/O, the terminal, the run or output formats.",
      severity: "error",
      from: { path: "^transforms/" },
      to: { path: "^src/", pathNot: "^src/(types|catalog)\\.ts$|^src/(python|prefilter)/" },
    },
    {
      name: "transforms-use-no-io",
      comment: "Transforms touch no file, process or terminal: no Node built-in, no package but the parser's types.",
      severity: "error",
      from: { path: "^transforms/" },
      to: { dependencyTypes: ["core", "npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown"], pathNot: "web-tree-sitter" },
    },
    {
      name: "python-is-pure",
      comment: "src/python/ is knowledge about Python code: it uses no other stage and no Node built-in.",
      severity: "error",
      from: { path: "^src/python/" },
      to: { path: "^src/(engine|prefilter)/|^(node:)?(fs|child_process|worker_threads|process|os|path)$" },
    },
    {
      name: "output-is-not-interactive",
      comment: "Output formats never import review or any other part of the command line.",
      severity: "error",
      from: { path: "^src/output/" },
      to: { path: "^src/(cli|run)/" },
    },
    {
      name: "stages-do-not-reach-up",
      comment: "Discovery, reading and the prefilter are used by the run; they never import the run or the command line.",
      severity: "error",
      from: { path: "^src/(discover|read|prefilter)/" },
      to: { path: "^src/(cli|run|output|engine)/" },
    },
    {
      name: "reports-are-read-not-run",
      comment: "src/report/ reads scanners' reports and joins them with results; it never runs files, fixes or prints.",
      severity: "error",
      from: { path: "^src/report/" },
      to: { path: "^src/(cli|run|output|engine|discover|git|read|prefilter)/" },
    },
    {
      name: "git-only-runs-git",
      comment: "src/git/ asks git and parses its answers; it uses nothing else of mainguard's.",
      severity: "error",
      from: { path: "^src/git/" },
      to: { path: "^src/", pathNot: "^src/git/" },
    },
    {
      name: "only-the-cli-talks-to-the-terminal",
      comment: "Commander and Inquirer belong to src/cli/.",
      severity: "error",
      from: { pathNot: "^src/cli/" },
      to: { path: "node_modules/(commander|@inquirer)/" },
    },
    {
      name: "no-unresolvable",
      comment: "Every import resolves to a file or an installed package.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
