// The UI walk: a user's first minutes with InitLens, in a real VS Code (code-server) driven by
// playwright-core through Debian's chromium. The extension is the packaged vsix, installed with
// `code-server --install-extension` into a throwaway profile: that checks what users install (the
// vsix contents, activation from the installed folder), not just the development tree.
//
//   npm run package && node test/ui/uiTest.js [VSIX]     (default VSIX: initlens-<version>.vsix)
//
// Steps: open the PyTorch example -> warning squiggle -> INIT001 in the Problems panel -> hover
// with fan_in -> quick fix "Use He init…" from Ctrl+. -> squiggle gone -> "Preview distribution"
// code lens -> the webview draws -> a click on another init call: the panel follows the cursor ->
// a window reload: the panel comes back with the same view. Each step saves a screenshot in
// test-results/; a failing step is named, and its screen saved as test-results/failure.png.
// Exits 0 or 1.
// Env: INITLENS_DEBUG=1 prints the browser console.
const fs = require('fs');
const path = require('path');
const { ROOT, RESULTS, launchBrowser, copyWorkspace, startHost, saveLogs } = require('../integration/runInHost');

const FILE = 'mlp.py'; // examples/mlp.py in the test workspace: INIT001 on line 11
const INIT_CALL = 'xavier_uniform_';
const FIXED_CALL = 'kaiming_uniform_(self.fc1'; // what the He fix writes there
const FIXED_SCHEME = 'kaiming_uniform_'; // its preview's title is `<layer>: <scheme>`
// Another init site of the file (line 12): the preview follows the cursor there from line 11's
const OTHER_CALL = 'kaiming_normal_(self.fc2';
const OTHER_SCHEME = 'kaiming_normal_';
// Their lines (1-based) in the example, as the status bar's "Ln N" shows them
const lineNumber = (text) => fs.readFileSync(path.join(ROOT, 'examples', FILE), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
const INIT_LINE = lineNumber(INIT_CALL); // the fix stays on it
const OTHER_LINE = lineNumber(OTHER_CALL);

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
  for (const f of ['problems', 'hover', 'quickfix', 'fixed', 'preview', 'preview-reloaded', 'failure']) fs.rmSync(path.join(RESULTS, `${f}.png`), { force: true });
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
  // The preview's webview: VS Code's outer frame, and the page of the panel inside it
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const previewRoot = frame.locator('#initlens-preview');
  const previewTitle = frame.locator('#initlens-preview h1');
  // What the panel shows, in one line, for an error message
  const previewText = async () => {
    const text = await previewRoot.innerText({ timeout: 5_000 }).catch(() => null);
    return text === null ? '(no preview page in the webview)' : JSON.stringify(text.replace(/\s+/g, ' ').trim().slice(0, 160));
  };
  // The preview titled `title`, drawn: rendered, no error box, the histogram of the init as
  // written and its stats table (written once the samples are drawn on the canvas). data-ready
  // is set after each render and never reset, so it says nothing about a second view: the title
  // is waited for first.
  const previewDrawn = async (title, timeout) => {
    const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    try {
      await frame.locator('#initlens-preview h1', { hasText: exact }).waitFor({ timeout });
    } catch {
      throw new Error(`expected the preview titled "${title}", it shows ${await previewText()}`);
    }
    try {
      await frame.locator('#initlens-preview[data-ready="true"]').waitFor({ timeout: 30_000 });
      await frame.locator('#initlens-preview table[data-stats="current"]').waitFor({ timeout: 30_000 });
    } catch {
      const error = await frame.locator('.error').count();
      throw new Error(`the preview "${title}" is not drawn after 30 s${error ? ' (error box)' : ''}: it shows ${await previewText()}`);
    }
    if (await frame.locator('.error').count()) throw new Error(`the preview shows an error: ${await frame.locator('.error').first().innerText()}`);
    const charts = await frame.locator('canvas[data-chart^="histogram-"]').count();
    if (!charts) throw new Error(`the preview "${title}" has no histogram canvas: it shows ${await previewText()}`);
  };
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
  // A click on `text`, on line `line`, checked with the status bar's "Ln N": the code lenses and
  // inlay hints that arrive late move the lines under a point measured a moment before, so the
  // point is measured again until the cursor is on the right line. Returns the point.
  const cursorLine = async () => {
    const text = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText({ timeout: 10_000 }).catch(() => '');
    const m = /Ln (\d+)/.exec(text);
    return m ? Number(m[1]) : null;
  };
  const clickOn = async (text, line) => {
    let seen;
    for (let attempt = 0; attempt < 3; attempt++) {
      const at = await pointAt(text);
      await page.mouse.click(at.x, at.y);
      const deadline = Date.now() + 2_000;
      while ((seen = await cursorLine()) !== line && Date.now() < deadline) await page.waitForTimeout(100);
      if (seen === line) return at;
      log(`the click on "${text}" put the cursor on line ${seen}, not ${line}: measuring again`);
    }
    throw new Error(`clicks on "${text}" put the cursor on line ${seen}, not on line ${line}`);
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
      const at = await clickOn(INIT_CALL, INIT_LINE); // the cursor on the finding
      await page.mouse.move(at.x, at.y + 200); // away, so no new hover covers the menu
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: /^\s*Use He init/ }).first();
      // Once in a while (a loaded machine) the first Ctrl+. shows no menu, the light bulb only: ask again
      try {
        await item.waitFor({ timeout: 10_000 });
      } catch {
        log('no quick fix menu after 10 s, pressing Ctrl+. again');
        await page.keyboard.press('Escape');
        const again = await clickOn(INIT_CALL, INIT_LINE);
        await page.mouse.move(again.x, again.y + 200);
        await page.keyboard.press('Control+.');
        await item.waitFor({ timeout: 20_000 });
      }
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
      // The lens of the fixed call: the one in the zone right above its line. Layers have lenses
      // too, and the fixed line's own lens comes back a moment after the edit: until then the
      // nearest lens above is the `self.out` layer's.
      await lineOf(FIXED_CALL).waitFor();
      const lens = await page.waitForFunction((call) => {
        const line = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')]
          .find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(call));
        if (!line) return null;
        const top = line.getBoundingClientRect().top;
        const height = line.getBoundingClientRect().height;
        for (const a of document.querySelectorAll('.editor-instance .monaco-editor .codelens-decoration a')) {
          if (!a.textContent.includes('Preview distribution')) continue;
          const r = a.getBoundingClientRect();
          if (r.bottom <= top + 1 && r.bottom > top - height) return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }
        return null;
      }, FIXED_CALL, { timeout: 30_000 }).then((h) => h.jsonValue(), () => {
        throw new Error(`no "Preview distribution" lens right above ${FIXED_CALL} after 30 s`);
      });
      await page.mouse.click(lens.x, lens.y);
      await page.locator('.tab', { hasText: 'InitLens Preview' }).first().waitFor({ timeout: 30_000 });
      await frame.locator('#initlens-preview[data-ready="true"]').waitFor({ timeout: 60_000 });
      // the fixed call's preview, not another layer's
      const title = (await previewTitle.innerText()).trim();
      if (!new RegExp(`: ${FIXED_SCHEME}$`).test(title)) throw new Error(`expected the preview of the fixed call ("…: ${FIXED_SCHEME}"), it shows "${title}"`);
      // drawn, not an error box: the histogram of the init as written
      const error = await frame.locator('.error').count();
      if (error) throw new Error(`the preview shows an error: ${await frame.locator('.error').first().innerText()}`);
      await frame.locator('canvas[data-chart="histogram-current"]').waitFor({ timeout: 10_000 });
      // the sampling ran in the Web Worker, which VS Code's webview CSP and origin allow
      const thread = await frame.locator('#initlens-preview').getAttribute('data-compute');
      if (thread !== 'worker') throw new Error(`the preview computed on the ${thread ?? 'unknown'} thread, not in its Web Worker`);
      await shot('preview');
    });

    // The title the panel shows, set by the follow step and compared after the reload
    let followed;
    await step('the preview follows the cursor onto another init call', async () => {
      const before = (await previewTitle.innerText()).trim();
      const at = await clickOn(OTHER_CALL, OTHER_LINE); // a plain click in the editor
      await page.mouse.move(at.x, at.y + 200); // away, so no hover covers the code
      // the title is `<layer>: <scheme>`, here the fc2 layer's kaiming_normal_
      const title = frame.locator('#initlens-preview h1', { hasText: new RegExp(`: ${OTHER_SCHEME}\\s*$`) });
      try {
        await title.waitFor({ timeout: 30_000 });
      } catch {
        throw new Error(`after a click on ${OTHER_CALL} the preview should show its "…: ${OTHER_SCHEME}", it still shows ${await previewText()}`);
      }
      followed = (await title.innerText()).trim();
      if (followed === before) throw new Error(`the preview's title did not change: "${before}"`);
      await previewDrawn(followed, 10_000);
      // the panel is revealed with preserveFocus: typing still goes to the editor
      const focused = await editor.evaluate((e) => e.contains(document.activeElement));
      if (!focused) {
        const where = await page.evaluate(() => {
          const a = document.activeElement;
          return a ? `${a.tagName.toLowerCase()}${a.className ? `.${String(a.className).trim().split(/\s+/).join('.')}` : ''}` : 'nothing';
        });
        throw new Error(`the editor lost the focus when the preview followed the cursor; the focus is on ${where}`);
      }
      log(`preview: "${before}" -> "${followed}"`);
    });

    await step('the preview survives a window reload', async () => {
      // "Developer: Reload Window", as a user reloads VS Code: the workbench saves its state
      // (the webview's with it) and then reloads the page. A bare page.reload() (F5) right after
      // the follow can restore an older state: the web workbench writes it to IndexedDB a few
      // seconds after a change, and an F5 does not wait for that write.
      await page.keyboard.press('Control+Shift+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>Developer: Reload Window');
      const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 }).then(() => true, () => false);
      const name = page.locator('.label-name', { hasText: /^Developer: Reload Window$/ });
      await page.locator('.quick-input-list .monaco-list-row').filter({ has: name }).first().click({ timeout: 20_000 });
      if (!(await reloaded)) throw new Error('"Developer: Reload Window" did not reload the page within 60 s');
      await page.waitForLoadState('load', { timeout: 60_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const tab = page.locator('.tab', { hasText: 'InitLens Preview' }).first();
      try {
        await tab.waitFor({ timeout: 60_000 });
      } catch {
        const tabs = await page.locator('.tab').allInnerTexts();
        throw new Error(`no "InitLens Preview" tab after the reload; the tabs: ${JSON.stringify(tabs.map((t) => t.trim()))}`);
      }
      // VS Code restores a webview when its tab is shown: bring it to the front if it is not
      if (!(await tab.evaluate((t) => t.classList.contains('active')))) {
        log('the preview tab is not active after the reload: clicking it');
        await tab.click();
      }
      await previewDrawn(followed, 60_000);
      await shot('preview-reloaded');
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
