// Bundles the integration tests for the extension host: index.ts -> out/integration/index.js and
// every suites/*.test.ts -> out/integration/suites/*.test.js (CommonJS, what the host requires).
// `vscode` is provided by the host; mocha is required at run time from the repo's node_modules
// (out/integration/ resolves up to it), so the suites and the runner share one mocha instance.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '../..');
const outdir = path.join(root, 'out/integration');
const suites = path.join(__dirname, 'suites');

async function main() {
  // A fresh folder, so a deleted or renamed suite does not keep running from a stale bundle
  fs.rmSync(outdir, { recursive: true, force: true });
  const entries = fs.readdirSync(suites).filter((f) => f.endsWith('.test.ts')).sort();
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
    absWorkingDir: root,
  };
  await esbuild.build({ ...common, entryPoints: [path.join(__dirname, 'index.ts')], outfile: path.join(outdir, 'index.js') });
  await esbuild.build({
    ...common,
    entryPoints: entries.map((f) => path.join(suites, f)),
    outdir: path.join(outdir, 'suites'),
  });
  console.log(`integration tests bundled: index.js + ${entries.length} suite(s) in ${path.relative(root, outdir)}/`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
