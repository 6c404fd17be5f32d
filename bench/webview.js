#!/usr/bin/env node
// `npm run bench`, fourth part: the preview in Debian's chromium (headless, through playwright-core),
// on the standalone page test/webview/server.js serves with the real bundle and CSP:
//   - first paint: navigation to the first distribution drawn (budget 300 ms)
//   - a control change (the seed) to the new histograms and tables drawn, 10^5 samples each
//     (budget: one animation frame, 16 ms, for the work after the frame the change waits for)
//   - a signal control change (generic 50 × 256 stack, Monte Carlo batch 64) to its chart drawn,
//     computed in the Web Worker while the page stays responsive
'use strict';

const { startServer } = require('../test/webview/server.js');
const { launchBrowser } = require('../test/integration/runInHost.js');

const REPS = 9;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Time from a change of the named control to the next change of `results` in the page, in ms. */
function timeChange(page, control, value, results) {
  return page.evaluate(([control, value, results]) => new Promise((resolve) => {
    const target = document.querySelector(results);
    const input = document.querySelector(`[data-control="${control}"]`);
    let t0 = 0;
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-results].computing')) return;
      observer.disconnect();
      resolve(performance.now() - t0);
    });
    observer.observe(target, { childList: true });
    t0 = performance.now();
    input.value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }), [control, value, results]);
}

async function main() {
  const server = await startServer({ port: 0 });
  const browser = await launchBrowser();
  try {
    const firstPaint = [];
    for (let i = 0; i < REPS; i++) {
      const page = await browser.newPage();
      await page.goto(`${server.url}?demo=distribution`);
      await page.locator('#initlens-preview[data-ready="true"]').waitFor();
      firstPaint.push(await page.evaluate(() => {
        const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        const nav = performance.getEntriesByType('navigation')[0];
        return { ready: at('initlens:ready'), html: nav.responseEnd, script: at('initlens:script'), message: at('initlens:message') };
      }));
      await page.close();
    }

    const page = await browser.newPage();
    await page.goto(`${server.url}?demo=distribution`);
    await page.locator('#initlens-preview[data-ready="true"]').waitFor();
    // a distribution with controls: the demo is read-only, so send one as the extension does
    await page.evaluate(() => {
      const d = { family: 'normal', shape: [256, 784], mean: 0, std: Math.sqrt(2 / 784), bounds: [-Infinity, Infinity] };
      window.postMessage({
        type: 'showDistribution', samples: 100000, seed: 0,
        view: { title: 'bench', scheme: 'kaiming_normal_', framework: 'PyTorch', formula: 'f', distribution: d, activation: 'relu',
          source: { framework: 'torch', scheme: 'kaiming_normal_', params: { nonlinearity: 'relu' }, shape: [256, 784] } },
      }, '*');
    });
    await page.locator('[data-control="seed"]').waitFor();
    await page.locator('table[data-stats="current"]').waitFor();
    const redraw = [];
    for (let i = 0; i < REPS + 2; i++) redraw.push(await timeChange(page, 'seed', i + 1, '[data-panes]'));

    await page.evaluate(() => window.postMessage({
      type: 'showSignal', samples: 100000, seed: 0,
      view: { title: 'bench', layers: [], labels: [], generic: { framework: 'torch', scheme: 'kaiming_normal_', params: { nonlinearity: 'relu' }, activation: 'relu', depth: 50, width: 256 } },
    }, '*'));
    await page.locator('table[data-stats="signal"]').waitFor();
    const signal = [];
    for (let i = 0; i < REPS; i++) signal.push(await timeChange(page, 'seed', i + 1, '[data-results]'));
    const kernel = await page.getAttribute('#initlens-preview', 'data-kernel');
    await page.close();

    const row = (what, ms, budget) => `  ${what.padEnd(62)} ${ms.toFixed(1).padStart(8)} ms${budget ? `   budget ${budget} ms: ${ms <= budget ? 'within' : 'OVER'}` : ''}`;
    console.log(`\nThe preview in headless chromium, medians of ${REPS}:`);
    const part = (key) => median(firstPaint.map((p) => p[key]));
    console.log(row('first paint (navigation to the first histograms drawn)', part('ready'), 300));
    console.log(`    of which: page loaded ${part('html').toFixed(0)} ms, bundle running ${part('script').toFixed(0)} ms, `
      + `first message ${part('message').toFixed(0)} ms, sampled and drawn ${(part('ready') - part('message')).toFixed(0)} ms later`);
    console.log(row('control change to 2 × 10^5 samples redrawn (incl. the frame wait)', median(redraw.slice(2)), 16 + 16.7));
    console.log(row(`signal change, 50 × 256, batch 64, 2 curves (worker, ${kernel})`, median(signal), 200));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
