// Builds every bundle: the CLI and the core library for Node today; the extension and the
// webview join here as their entry points land. `--watch` rebuilds on change.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * tree-sitter.js (Emscripten) keeps an `eval` path for EM_ASM/EM_JS code in side modules. The
 * grammars we load have none, so the bundles carry a throw in its place: no `eval` anywhere in
 * dist/ (test/unit/bundleSecurity.test.ts scans it). The count check catches an upstream change.
 */
const noEval = {
  name: 'no-eval',
  setup(build) {
    build.onLoad({ filter: /tree-sitter-wasm[\\/]wasm[\\/]tree-sitter\.js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const found = text.match(/\beval\(func\)/g)?.length ?? 0;
      if (found !== 2) throw new Error(`${args.path}: expected 2 eval(func) sites to disarm, found ${found}`);
      const contents = text.replace(/\beval\(func\)/g, '(() => { throw new Error("InitLens: a tree-sitter grammar asked to run JS code (EM_ASM), which the extension never does"); })()');
      return { contents, loader: 'js' };
    });
  },
};

const common = {
  plugins: [noEval],
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  target: 'es2022',
};

const builds = [
  { entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['src/analysis/index.ts'], outfile: 'dist/analysis.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  {
    // the web extension host runs this in a worker: tree-sitter.js asks for its own script URL at
    // load time through `document.currentScript`, which a worker lacks; we pass locateFile instead
    entryPoints: ['src/extension/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs',
    // Node-only branches of tree-sitter.js, never taken in a worker
    external: ['vscode', 'fs/promises', 'module', 'url', 'fs', 'path'],
    banner: { js: 'var document = typeof document !== "undefined" ? document : { currentScript: null };' },
    define: { __filename: 'undefined' },
  },
  { entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  { entryPoints: ['webview/worker.ts'], outfile: 'dist/webviewWorker.js', platform: 'browser', format: 'iife' },
].filter((b) => fs.existsSync(b.entryPoints[0]));

async function main() {
  // build/kernels.ts (the WebAssembly kernels as base64, which src/core/matmul.ts bundles), before the bundles
  await require('./scripts/build-wasm').buildWasm();
  const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  // The parsers' WASM files sit next to the bundles that load them (see src/cli/wasmPath.ts)
  const wasm = path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm'));
  for (const file of ['tree-sitter.wasm', 'tree-sitter-python.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-javascript.wasm']) {
    fs.copyFileSync(path.join(wasm, file), path.join('dist', file));
  }
  const cli = 'dist/cli.js';
  if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
