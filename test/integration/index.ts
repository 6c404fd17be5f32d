/**
 * The integration tests' entry point, loaded by the VS Code extension host (code-server's remote
 * host through test/integration/runInHost.js, or Electron through runElectron.js): the host calls
 * run(), and exits 0 when its promise resolves, 1 when it rejects.
 *
 * Suites use mocha's BDD interface: `describe`, `it`, `before`, `beforeEach`, `after`, `afterEach`,
 * imported from 'mocha' (`import { describe, it } from 'mocha'`, which also type-checks without
 * relying on globals). Helpers that are not suites live next to them without the `.test.ts`
 * suffix (suites/host.ts) and are bundled into each suite. Each `suites/*.test.ts` is bundled on its own by build.js into
 * out/integration/suites/; mocha itself stays external and is required from the repo's
 * node_modules at run time.
 *
 * The spec reporter writes through console.log. Electron's host prints that to the terminal;
 * code-server's host forwards it to the workbench page, where it arrives mixed with the
 * workbench's own log, so runInHost.js sets INITLENS_TEST_LOG_MARK and run() prefixes everything
 * the host's console prints while the tests run with it: the runner relays exactly those lines.
 *
 * Env (read in the extension host, which inherits it from the runner): INITLENS_TEST_GREP runs
 * only the tests whose full title matches; INITLENS_TEST_TIMEOUT_MS is the per-test timeout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // Stack traces point into the TypeScript suites (the bundles carry inline source maps)
  process.setSourceMapsEnabled?.(true);
  const restoreConsole = markConsole(process.env.INITLENS_TEST_LOG_MARK);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false, // the output ends up in CI logs, not a terminal
    timeout: Number(process.env.INITLENS_TEST_TIMEOUT_MS ?? 60_000),
  });
  if (process.env.INITLENS_TEST_GREP) mocha.grep(process.env.INITLENS_TEST_GREP);

  const dir = path.join(__dirname, 'suites');
  // smoke first: when the extension does not even activate, that is the first failure shown
  const order = (f: string) => (f === 'smoke.test.js' ? '' : f);
  const files = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort((a, b) => order(a).localeCompare(order(b)))
    : [];
  if (files.length === 0) return Promise.reject(new Error(`no compiled suites in ${dir}: run node test/integration/build.js`));
  for (const f of files) mocha.addFile(path.join(dir, f));

  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (err) {
      // A suite that throws while loading fails the whole run with its message
      console.error(err);
      reject(err);
    }
  }).finally(restoreConsole);
}

/** Prefixes each console line with `mark` (when set) until the returned function restores it. */
function markConsole(mark: string | undefined): () => void {
  // mocha's reporters print through Base.consoleLog, captured when mocha was loaded: re-route it
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(...args);
  if (!mark) return () => {};
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  // The host's console forwarder defines these as accessors whose setter does nothing, so plain
  // assignment is ignored: redefine the properties, and put the forwarder's back afterwards
  const saved = methods.map((m) => Object.getOwnPropertyDescriptor(console, m));
  methods.forEach((m) => {
    const forward = console[m];
    Object.defineProperty(console, m, {
      configurable: true,
      get: () => (...args: unknown[]) => forward.call(console, mark + format(...args)),
      set: () => {},
    });
  });
  return () => methods.forEach((m, i) => saved[i] && Object.defineProperty(console, m, saved[i]));
}
