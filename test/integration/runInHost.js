// Runs the integration suites inside a real VS Code extension host: code-server (started through
// scripts/vscode-host.sh) with a fresh test workspace (see copyWorkspace), and headless Debian
// chromium opening the workbench with a `payload` that names the extension under development and
// the tests' entry (out/integration/index.js). That is how VS Code runs its own browser
// integration tests: the host runs the mocha suites, its console reaches the page, and the page
// calls window.codeAutomationExit(code) at the end. Exits 0 when every test passed, else 1.
//
//   node test/integration/runInHost.js        (after npm run build and node test/integration/build.js)
//
// Env: INITLENS_EXT_DIR                 extension folder to load (default: this repo)
//      INITLENS_INTEGRATION_TIMEOUT_MS  whole run, default 300000
//      INITLENS_TEST_GREP               only tests whose title matches (read by index.ts)
//      INITLENS_DEBUG=1                 also print the browser console and keep the host's profile
//
// The helpers are exported for test/ui/uiTest.js.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');

const ROOT = path.resolve(__dirname, '../..');
const { copyWorkspace } = require('./workspace');
const HOST_SH = path.join(ROOT, 'scripts/vscode-host.sh');
const HOST_DIR = path.join(ROOT, 'node_modules/.cache/initlens-host');
const RESULTS = path.join(ROOT, 'test-results');
const DEBUG = process.env.INITLENS_DEBUG === '1';
const LOG_MARK = '\u2063initlens-test\u2063 '; // prefix of the test output (see index.ts)

/** playwright-core: the devDependency, or the copy scripts/vscode-host.sh install put in the host folder. */
function playwright() {
  const where = require.resolve('playwright-core', { paths: [ROOT, path.join(HOST_DIR, 'tools')] });
  return require(where);
}

/** Headless Debian chromium; no browser download, no network beyond 127.0.0.1. */
async function launchBrowser() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`${executablePath} missing: run npm run test:setup`);
  return playwright().chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}


function readState(file) {
  const state = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^(\w+)=(.*)$/.exec(line);
    if (m) state[m[1]] = m[2];
  }
  return state;
}

/**
 * Starts code-server on a free port through scripts/vscode-host.sh, with its own state file so a
 * running `npm run example` server is left alone. Returns { url, log, runDir, stop() }.
 */
function startHost({ folder, vsix, smokeTestDriver = false, env = {} }) {
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'initlens-state-')), 'state.env');
  const hostEnv = { ...process.env, ...env, INITLENS_HOST_STATE: stateFile, INITLENS_HOST_KEEP: DEBUG ? '1' : '0' };
  const args = [HOST_SH, 'start'];
  if (smokeTestDriver) args.push('--smoke-test-driver');
  if (vsix) args.push('--install-extension', vsix);
  args.push(folder);
  const r = spawnSync('bash', args, { env: hostEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`scripts/vscode-host.sh start failed (exit ${r.status})`);
  const state = readState(stateFile);
  return {
    url: state.URL,
    log: state.LOG,
    runDir: state.RUN_DIR,
    stop() {
      spawnSync('bash', [HOST_SH, 'stop'], { env: hostEnv, stdio: ['ignore', 'inherit', 'inherit'] });
      fs.rmSync(path.dirname(stateFile), { recursive: true, force: true });
    },
  };
}

/** Copies code-server's log and the host's VS Code logs into test-results/ for CI to keep. */
function saveLogs(host, name) {
  if (!host || !host.runDir || !fs.existsSync(host.runDir)) return;
  const dest = path.join(RESULTS, name);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  if (fs.existsSync(host.log)) fs.copyFileSync(host.log, path.join(dest, 'code-server.log'));
  const logs = path.join(host.runDir, 'user-data/logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dest, 'vscode-logs'), { recursive: true });
  console.log(`[host] logs saved in ${path.relative(ROOT, dest)}/`);
}

async function main() {
  const extDir = path.resolve(process.env.INITLENS_EXT_DIR || ROOT);
  const testsEntry = path.join(ROOT, 'out/integration/index.js');
  const timeoutMs = Number(process.env.INITLENS_INTEGRATION_TIMEOUT_MS || 300_000);
  const entry = path.join(extDir, JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8')).main);
  if (!fs.existsSync(entry)) throw new Error(`${entry} missing: run npm run build`);
  if (!fs.existsSync(testsEntry)) throw new Error(`${testsEntry} missing: run node test/integration/build.js`);
  // Artifacts of an earlier failed run would pass for this run's
  fs.rmSync(path.join(RESULTS, 'integration-logs'), { recursive: true, force: true });
  fs.rmSync(path.join(RESULTS, 'integration-timeout.png'), { force: true });

  const folder = copyWorkspace();
  const started = Date.now();
  let host;
  try {
    host = startHost({ folder, smokeTestDriver: true, env: { INITLENS_TEST_LOG_MARK: LOG_MARK } });
  } catch (e) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw e;
  }
  let browser;
  let code = 1;
  const stopAll = async () => {
    if (browser) await browser.close().catch(() => {});
    host.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  };
  // Ctrl+C: still stop code-server and its extension host
  process.once('SIGINT', () => stopAll().finally(() => process.exit(130)));
  process.once('SIGTERM', () => stopAll().finally(() => process.exit(143)));
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    let exitWith;
    const exited = new Promise((resolve) => (exitWith = resolve));
    // The workbench log arrives here too; the tests' output is what carries LOG_MARK (index.ts).
    // Besides that, keep workbench errors that name the extension (a failed activation).
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...(args || []));
      if (text.startsWith(LOG_MARK)) console.log(text.slice(LOG_MARK.length));
      else if (DEBUG || (type === 'error' && /initlens/i.test(text))) console.log(`[workbench ${type}] ${text}`);
    });
    await page.exposeFunction('codeAutomationExit', (status) => exitWith(status));
    // The page's own console is workbench noise (open-vsx lookups, auth providers): shown only to debug
    if (DEBUG) page.on('console', (m) => console.log('[browser]', m.text()));

    const authority = new URL(host.url).host;
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(extDir)],
      ['extensionTestsPath', remote(testsEntry)],
      ['skipWelcome', 'true'],
    ]);
    console.log(`[integration] extension ${extDir}, workspace ${folder}`);
    await page.goto(`${host.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);

    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const status = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (status === 'timeout') {
      console.error(`[integration] TIMEOUT: the extension host did not finish the tests within ${timeoutMs / 1000}s ` +
        '(no codeAutomationExit). The host may have crashed, hung in a test, or never loaded the tests: ' +
        'the last test title above is where it stopped; the workbench is in test-results/integration-timeout.png ' +
        'and the logs in test-results/integration-logs/. Raise INITLENS_INTEGRATION_TIMEOUT_MS if the machine is just slow.');
      fs.mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS, 'integration-timeout.png') }).catch(() => {});
    } else {
      console.log(`[integration] extension host exited with ${status} after ${secs}s`);
      code = status === 0 ? 0 : 1;
    }
  } catch (e) {
    console.error(`[integration] ${e.message}`);
  }
  if (code !== 0) saveLogs(host, 'integration-logs');
  await stopAll();
  return code;
}

module.exports = { ROOT, RESULTS, playwright, launchBrowser, copyWorkspace, startHost, saveLogs };

if (require.main === module) {
  main().then((code) => process.exit(code), (e) => {
    console.error(`[integration] ${e.message}`);
    process.exit(1);
  });
}
