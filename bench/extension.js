#!/usr/bin/env node
// `npm run bench`, fifth part: the extension's own cost, on the production bundle.
//   - bundle sizes: dist/extension.js (budget 1 MB), and beside it the parsers' WASM and the webview
//   - activation: require the bundle and run activate() against a stand-in `vscode` module that
//     accepts every registration (budget 50 ms); then the time until the parsers are loaded, which
//     happens after activation, off its critical path
'use strict';

const fs = require('fs');
const Module = require('module');
const path = require('path');
const { performance } = require('perf_hooks');

const DIST = path.join(__dirname, '..', 'dist');
const kb = (file) => fs.statSync(path.join(DIST, file)).size / 1024;

/** A `vscode` that answers anything: every property is a callable, constructible stand-in. */
function anything() {
  const target = function () {};
  return new Proxy(target, {
    get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : key === Symbol.iterator ? [][Symbol.iterator] : anything()),
    apply: () => anything(),
    construct: () => anything(),
    set: () => true,
  });
}

const log = [];
let parsersLoaded;
const uri = (fsPath) => ({ scheme: 'file', fsPath, path: fsPath, toString: () => `file://${fsPath}`, with: () => uri(fsPath) });
/** Every name src/extension reads from `vscode`, own properties (esbuild's interop copies only those). */
const NAMES = ['CancellationTokenSource', 'CodeAction', 'CodeActionKind', 'CodeLens', 'ColorThemeKind', 'Diagnostic', 'DiagnosticSeverity',
  'Disposable', 'EventEmitter', 'Hover', 'InlayHint', 'InlayHintKind', 'MarkdownString', 'NotebookCellKind', 'Position', 'Range', 'Selection',
  'StatusBarAlignment', 'ViewColumn', 'WorkspaceEdit', 'commands', 'languages'];
const vscode = new Proxy({
  ...Object.fromEntries(NAMES.map((n) => [n, anything()])),
  Uri: { joinPath: (base, ...parts) => uri(path.join(base.fsPath, ...parts)), file: uri, parse: (s) => uri(s.replace(/^file:\/\//, '')) },
  workspace: new Proxy({
    fs: { readFile: async (u) => fs.promises.readFile(u.fsPath) },
    getConfiguration: () => ({ get: (_key, fallback) => fallback }),
    textDocuments: [],
    notebookDocuments: [],
  }, { get: (t, key) => (key in t ? t[key] : anything()) }),
  window: new Proxy({
    // a LogOutputChannel: info, warn, error, …, each a line
    createOutputChannel: () => new Proxy({}, {
      get: (_t, key) => (key === 'then' ? undefined : (line) => {
        log.push(String(line));
        if (/parsers loaded/.test(String(line))) parsersLoaded?.(line);
      }),
    }),
    visibleTextEditors: [],
    activeTextEditor: undefined,
  }, { get: (t, key) => (key in t ? t[key] : anything()) }),
}, { get: (t, key) => (key in t ? t[key] : anything()) });

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

async function main() {
  const t0 = performance.now();
  const extension = require(path.join(DIST, 'extension.js'));
  const required = performance.now() - t0;
  const loaded = new Promise((resolve) => (parsersLoaded = resolve));
  const t1 = performance.now();
  await extension.activate({ subscriptions: [], extensionUri: uri(path.join(__dirname, '..')) });
  const activated = performance.now() - t1;
  const parsers = await Promise.race([loaded.then(() => performance.now() - t1), new Promise((r) => setTimeout(() => r(NaN), 10_000))]);
  const wasm = fs.readdirSync(DIST).filter((f) => f.endsWith('.wasm')).reduce((s, f) => s + kb(f), 0);

  const row = (what, value, unit, budget) => `  ${what.padEnd(52)} ${value.toFixed(1).padStart(8)} ${unit}${budget ? `   budget ${budget} ${unit}: ${value <= budget ? 'within' : 'OVER'}` : ''}`;
  console.log('\nThe extension (production bundle; activation against a stand-in vscode module):');
  console.log(row('dist/extension.js', kb('extension.js'), 'KB', 1024));
  console.log(row('parsers\' WASM (tree-sitter + 4 grammars)', wasm, 'KB'));
  console.log(row('dist/webview.js + dist/webviewWorker.js', kb('webview.js') + kb('webviewWorker.js'), 'KB'));
  console.log(row('require(dist/extension.js)', required, 'ms'));
  console.log(row('activate()', activated, 'ms', 50));
  console.log(row('activate() until the parsers are loaded', parsers, 'ms'));
  if (!Number.isFinite(parsers)) console.log(`  (the parsers did not report loading; log: ${log.join(' | ')})`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
