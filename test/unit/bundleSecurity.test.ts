import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What the shipped bundles may not contain, read from dist/ as built: no `eval` or `new Function`
 * (a webview CSP without 'unsafe-eval' would refuse them, and the extension host should never run
 * generated code); no child processes (the extension never runs user code); no socket or HTTP
 * modules; in the webview bundles no request API beyond the one fetch of the worker script from the
 * panel's own origin (the CSP's connect-src).
 */
const ROOT = path.join(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const BUNDLES = ['cli.js', 'core.js', 'analysis.js', 'extension.js', 'web/extension.js', 'webview.js', 'webviewWorker.js'];

const read = (name: string) => fs.readFileSync(path.join(DIST, name), 'utf8');
const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

describe('the bundles in dist/', function () {
  this.timeout(120_000);

  before(function () {
    // npm test builds first; a test run on its own builds what is missing
    if (BUNDLES.some((b) => !fs.existsSync(path.join(DIST, b)))) execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  });

  for (const bundle of BUNDLES) {
    it(`${bundle}: no eval, new Function, string timers, child processes or network modules; threads only in the CLI`, () => {
      const text = read(bundle);
      assert.equal(count(text, /(?<![\w$.])eval\s*\(/), 0, 'eval(');
      assert.equal(count(text, /new\s+Function\s*\(/), 0, 'new Function(');
      assert.equal(count(text, /(?<![\w$.])Function\s*\(\s*["'`]/), 0, 'Function("…")');
      assert.equal(count(text, /set(?:Timeout|Interval)\s*\(\s*["'`]/), 0, 'setTimeout("…")');
      assert.equal(count(text, /require\(["'](?:node:)?(?:child_process|http|https|http2|net|tls|dgram)["']\)/), 0, 'a process or network module');
      // `initlens check` runs its own bundle in worker threads (src/cli/parallelCheck.ts); nothing else starts threads
      if (bundle !== 'cli.js') assert.equal(count(text, /require\(["'](?:node:)?worker_threads["']\)/), 0, 'worker_threads');
    });
  }

  for (const bundle of ['webview.js', 'webviewWorker.js']) {
    it(`${bundle}: no XMLHttpRequest, WebSocket, EventSource or sendBeacon; fetch only for the worker script`, () => {
      const text = read(bundle);
      assert.equal(count(text, /XMLHttpRequest|WebSocket|EventSource|sendBeacon/), 0);
      assert.equal(count(text, /(?<![\w$.])fetch\(/), bundle === 'webview.js' ? 1 : 0);
    });
  }
});
