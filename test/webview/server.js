// A tiny static server for the preview webview outside VS Code: webview/dev.html, filled in per
// request, and the files a real panel may load (its localResourceRoots: dist/ and media/). Only
// node:http; listens on 127.0.0.1 only. Used by test/webview/webview.test.ts, and on its own to
// work on the UI without VS Code:
//
//   npm run build && node test/webview/server.js [--port N]     (default 5180; 0 = any free port)
//
// then open the printed URL. dist/ is read on every request, so `node esbuild.js --watch` in
// another terminal plus a reload shows each change. ?theme=light|dark picks the colours,
// ?demo=<name> a message from DEMOS below to show.
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const PAGE = path.join(ROOT, 'webview/dev.html');
/** The folders the real panel may load from (PreviewPanel's localResourceRoots). */
const SERVED = ['dist', 'media'];
const TYPES = {
  '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.json': 'application/json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
};

/**
 * Messages to look at while working on the UI, made with the real core (dist/core.js, from
 * npm run build) the way the extension makes them. Built on request, so a rebuilt core is used.
 */
const DEMOS = {
  distribution: () => distributionDemo('self.fc1', 'kaiming_uniform_', [256, 512], { a: Math.sqrt(5) }, 'relu'),
  truncated: () => distributionDemo('self.proj', 'trunc_normal_', [768, 768], { std: 0.02, a: -0.04, b: 0.04 }, 'gelu'),
  constant: () => distributionDemo('self.fc1.bias', 'constant_', [256], { val: 0.1 }),
  'signal-xavier': () => signalDemo('xavier_uniform_', {}),
  'signal-he': () => signalDemo('kaiming_normal_', { nonlinearity: 'relu' }),
  // std NaN as it reaches a real webview: VS Code sends JSON, where NaN becomes null
  error: () => {
    const m = distributionDemo('self.fc1', 'normal_', [4, 4], {});
    m.view.distribution.std = null;
    return m;
  },
};

function core() {
  const bundle = path.join(ROOT, 'dist/core.js');
  if (!fs.existsSync(bundle)) throw new Error('dist/core.js missing: run npm run build');
  delete require.cache[bundle];
  return require(bundle);
}

function distributionDemo(title, name, shape, params, activation) {
  const { findScheme, resolve, recommend } = core();
  const scheme = findScheme('torch', name).scheme;
  const view = { title: `${title}: ${scheme.name}`, scheme: scheme.name, framework: 'PyTorch', formula: scheme.formula, distribution: resolve(scheme, shape, params), activation };
  if (activation) {
    const r = recommend(activation, 'torch');
    view.recommended = { scheme: r.scheme, reason: r.reason, distribution: resolve(findScheme('torch', r.scheme).scheme, shape, r.params) };
  }
  return { type: 'showDistribution', view, samples: 100000, seed: 0 };
}

function signalDemo(name, params) {
  const { findScheme, resolve } = core();
  const weight = resolve(findScheme('torch', name).scheme, [256, 256], params);
  const layers = Array.from({ length: 20 }, () => ({ fanIn: 256, width: 256, activation: 'relu', weight, framework: 'torch' }));
  return { type: 'showSignal', view: { title: `20 × Linear(256, 256) + ReLU, ${name}`, layers, labels: layers.map((_, i) => `layers[${2 * i}]`) }, samples: 100000, seed: 0 };
}

/** dev.html with a fresh nonce, this server's origin as the CSP source, and the demo (if any). */
function page(origin, demoName) {
  let demo = '';
  if (demoName) {
    if (!DEMOS[demoName]) throw new Error(`no demo ${JSON.stringify(demoName)}; there are ${Object.keys(DEMOS).join(', ')}`);
    // Inside <script type="application/json">: no '<' may close the element early
    demo = JSON.stringify(DEMOS[demoName]()).replace(/</g, '\\u003c');
  }
  const nonce = crypto.randomBytes(16).toString('base64');
  return fs.readFileSync(PAGE, 'utf8')
    .replace(/\{\{nonce\}\}/g, nonce)
    .replace(/\{\{cspSource\}\}/g, origin)
    .replace(/\{\{demo\}\}/g, () => demo);
}

function send(res, status, type, body) {
  // no-store: a reload after a rebuild gets the new bundle
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function handle(req, res, origin) {
  const url = new URL(req.url, origin);
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only\n');
  if (url.pathname === '/' || url.pathname === '/index.html') {
    try {
      return send(res, 200, 'text/html; charset=utf-8', page(origin, url.searchParams.get('demo')));
    } catch (e) {
      return send(res, 500, 'text/plain; charset=utf-8', `${e.message}\n`);
    }
  }
  // The browser asks on its own; a 404 would be the only console error of a clean page
  if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
  // Only files under dist/ and media/, never a path that climbs out of them
  let file;
  try {
    file = path.resolve(ROOT, `.${decodeURIComponent(url.pathname)}`);
  } catch {
    return send(res, 400, 'text/plain', 'bad path\n');
  }
  const allowed = SERVED.some((dir) => file.startsWith(path.join(ROOT, dir) + path.sep));
  if (!allowed || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(res, 404, 'text/plain', `not found: ${url.pathname}\n`);
  return send(res, 200, TYPES[path.extname(file)] || 'application/octet-stream', fs.readFileSync(file));
}

/**
 * Starts the server on 127.0.0.1:`port` (0: any free port). Resolves to { url, close() }, url
 * being the page's address (add ?theme=dark, ?demo=…).
 */
function startServer({ port = 0 } = {}) {
  return new Promise((resolve, reject) => {
    let origin;
    const server = http.createServer((req, res) => handle(req, res, origin));
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        url: `${origin}/`,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

module.exports = { startServer, DEMOS };

if (require.main === module) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : Number(process.env.INITLENS_WEBVIEW_PORT || 5180);
  if (!fs.existsSync(path.join(ROOT, 'dist/webview.js'))) console.warn('dist/webview.js missing: run npm run build first');
  startServer({ port }).then(({ url }) => {
    console.log(`InitLens preview (dev): ${url}?theme=light   ${url}?theme=dark`);
    console.log(`demos: ${Object.keys(DEMOS).map((d) => `${url}?theme=dark&demo=${d}`).join('\n       ')}`);
    console.log('Ctrl+C to stop');
  }, (e) => {
    console.error(e.code === 'EADDRINUSE' ? `port ${port} is taken: use --port 0 for any free one` : e.message);
    process.exit(1);
  });
}
