// The UI walk: a user's first minutes with InitLens, in a real VS Code (code-server) driven by
// playwright-core through Debian's chromium. The extension is the packaged vsix, installed with
// `code-server --install-extension` into a throwaway profile: that checks what users install (the
// vsix contents, activation from the installed folder), not just the development tree.
//
//   npm run package && node test/ui/uiTest.js [VSIX]     (default VSIX: initlens-<version>.vsix)
//
// Steps: open the PyTorch example -> warning squiggle -> INIT001 in the Problems panel -> hover
// with fan_in -> quick fix "Use He init…" from Ctrl+. -> squiggle gone -> "Preview distribution"
// code lens -> the webview draws. Each step saves a screenshot in test-results/; a failing step
// is named, and its screen saved as test-results/failure.png. Exits 0 or 1.
// Env: INITLENS_DEBUG=1 prints the browser console.
const fs = require('fs');
const path = require('path');
const { ROOT, RESULTS, launchBrowser, copyWorkspace, startHost, saveLogs } = require('../integration/runInHost');

const FILE = 'mlp.py'; // examples/mlp.py in the test workspace: INIT001 on line 11
const INIT_CALL = 'xavier_uniform_';
const FIXED_CALL = 'kaiming_uniform_(self.fc1'; // what the He fix writes there

const t0 = Date.now();
const log = (...a) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

function defaultVsix() {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return path.join(ROOT, `${name}-${version}.vsix`);
}

async function main() {
  const vsix = path.resolve(process.argv[2] || process.env.INITLENS_UI_VSIX || defaultVsix());
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} missing: run npm run package`);
  fs.mkdirSync(RESULTS, { recursive: true });
  // Screens and logs of an earlier run would pass for this run's
  for (const f of ['problems', 'hover', 'quickfix', 'fixed', 'preview', 'failure']) fs.rmSync(path.join(RESULTS, `${f}.png`), { force: true });
  fs.rmSync(path.join(RESULTS, 'ui-logs'), { recursive: true, force: true });

  const folder = copyWorkspace();
  let host;
  let browser;
  const stopAll = async () => {
    if (browser) await browser.close().catch(() => {});
    if (host) host.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    host = startHost({ folder, vsix }); // code-server --install-extension VSIX, then serve
    browser = await launchBrowser();
  } catch (e) {
    await stopAll();
    throw e;
  }
  process.once('SIGINT', () => stopAll().finally(() => process.exit(130)));

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  if (process.env.INITLENS_DEBUG === '1') page.on('console', (m) => console.log('[browser]', m.text()));
  const shot = (name) => page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const lineOf = (text) => editor.locator('.view-line', { hasText: text }).first();
  // The middle of `text` on screen. Monaco merges same-coloured tokens into one span, so no
  // element holds exactly the call's name: measure a DOM Range over its characters instead.
  const pointAt = async (text) => {
    await lineOf(text).waitFor();
    const box = await page.evaluate((t) => {
      for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-line')) {
        // The line's text nodes end to end (Monaco draws spaces as U+00A0)
        const nodes = [];
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
        const text = nodes.map((n) => n.textContent).join('').replace(/\u00a0/g, ' ');
        const at = text.indexOf(t);
        if (at < 0) continue;
        const locate = (offset) => {
          for (const n of nodes) {
            if (offset <= n.textContent.length) return [n, offset];
            offset -= n.textContent.length;
          }
          return [nodes[nodes.length - 1], nodes[nodes.length - 1].textContent.length];
        };
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + t.length));
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      return null;
    }, text);
    if (!box) throw new Error(`"${text}" is not on screen in the editor`);
    return box;
  };

  let current = 'start';
  const step = async (name, fn) => {
    current = name;
    await fn();
    log(`ok: ${name}`);
  };

  let ok = false;
  try {
    await step('load the workbench', async () => {
      await page.goto(`${host.url}/?folder=${encodeURIComponent(folder)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      // The explorer shows the folder once the remote file system answers
      await page.locator('.explorer-folders-view .monaco-list-row .label-name', { hasText: FILE }).first().waitFor({ timeout: 60_000 });
    });

    await step(`open ${FILE}`, async () => {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(FILE);
      // The row named exactly FILE (flax_mlp.py matches the query too)
      const name = page.locator('.label-name', { hasText: new RegExp(`^${FILE.replace('.', '\\.')}$`) });
      await page.locator('.quick-input-list .monaco-list-row').filter({ has: name }).first().click({ timeout: 30_000 });
      await lineOf(INIT_CALL).waitFor({ timeout: 30_000 });
    });

    await step('warning squiggle on the init call', async () => {
      // Activation (onLanguage:python), the WASM parser's start and the first analysis
      await editor.locator('.squiggly-warning').first().waitFor({ timeout: 60_000 });
    });

    await step('status bar shows the findings count', async () => {
      await page.locator('.statusbar-item', { hasText: /InitLens: 1/ }).first().waitFor({ timeout: 20_000 });
    });

    await step('INIT001 in the Problems panel', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'INIT001' }).first().waitFor({ timeout: 30_000 });
      await shot('problems');
    });

    await step('hover on the init call shows fan_in', async () => {
      const hover = page.locator('.monaco-hover:visible', { hasText: 'fan_in' }).first();
      const at = await pointAt(INIT_CALL);
      // The mouse first; the keyboard command (Ctrl+K Ctrl+I) when the mouse hover does not come
      // up, as happens when a panel or notification animates under the pointer
      await page.mouse.move(at.x, at.y - 20);
      await page.mouse.move(at.x, at.y, { steps: 5 });
      try {
        await hover.waitFor({ timeout: 10_000 });
      } catch {
        log('no mouse hover after 10 s, asking with Ctrl+K Ctrl+I');
        await page.mouse.click(at.x, at.y);
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        await hover.waitFor({ timeout: 20_000 });
      }
      await shot('hover');
    });

    await step('quick fix "Use He init…" from Ctrl+.', async () => {
      await page.keyboard.press('Escape'); // close the hover
      const at = await pointAt(INIT_CALL);
      await page.mouse.click(at.x, at.y); // the cursor on the finding
      await page.mouse.move(at.x, at.y + 200); // away, so no new hover covers the menu
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: /^\s*Use He init/ }).first();
      await item.waitFor({ timeout: 20_000 });
      await shot('quickfix');
      await item.click();
    });

    await step('squiggle gone after the fix', async () => {
      await lineOf(FIXED_CALL).waitFor({ timeout: 20_000 });
      await page.waitForFunction(() => document.querySelectorAll('.editor-instance .monaco-editor .squiggly-warning').length === 0, null, { timeout: 30_000 });
      await shot('fixed');
    });

    await step('status bar counts the file\'s findings', async () => {
      // the example keeps no other finding after the fix: the item shows the clean state
      await page.locator('.statusbar-item', { hasText: /InitLens/ }).first().waitFor({ timeout: 20_000 });
      const text = await page.locator('.statusbar-item', { hasText: /InitLens/ }).first().innerText();
      if (/InitLens: \d/.test(text)) throw new Error(`status bar still counts findings: ${text}`);
    });

    await step('"Preview distribution" code lens opens the preview', async () => {
      // The lens of the fixed call: the nearest one above its line (layers have lenses too)
      const lenses = editor.locator('.codelens-decoration a', { hasText: 'Preview distribution' });
      await lenses.first().waitFor({ timeout: 30_000 });
      const call = await pointAt(FIXED_CALL);
      let best = null;
      for (const lens of await lenses.all()) {
        const box = await lens.boundingBox();
        if (box && box.y < call.y && (!best || box.y > best.box.y)) best = { lens, box };
      }
      if (!best) throw new Error(`no "Preview distribution" lens above ${FIXED_CALL}`);
      await best.lens.click();
      await page.locator('.tab', { hasText: 'InitLens Preview' }).first().waitFor({ timeout: 30_000 });
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await frame.locator('#initlens-preview[data-ready="true"]').waitFor({ timeout: 60_000 });
      // drawn, not an error box: the histogram of the init as written
      const error = await frame.locator('.error').count();
      if (error) throw new Error(`the preview shows an error: ${await frame.locator('.error').first().innerText()}`);
      await frame.locator('canvas[data-chart="histogram-current"]').waitFor({ timeout: 10_000 });
      // the sampling ran in the Web Worker, which VS Code's webview CSP and origin allow
      const thread = await frame.locator('#initlens-preview').getAttribute('data-compute');
      if (thread !== 'worker') throw new Error(`the preview computed on the ${thread ?? 'unknown'} thread, not in its Web Worker`);
      await shot('preview');
    });
    ok = true;
    log(`UI walk passed; screenshots in ${path.relative(ROOT, RESULTS)}/`);
  } catch (e) {
    console.error(`[ui] FAILED at step "${current}": ${e.message.split('\n')[0]}`);
    await shot('failure').catch(() => {});
    console.error(`[ui] screen saved as ${path.relative(ROOT, path.join(RESULTS, 'failure.png'))}`);
    saveLogs(host, 'ui-logs');
  }
  await stopAll();
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`[ui] ${e.message}`);
  process.exit(1);
});
