/**
 * The preview webview in headless Chromium (Debian's, through playwright-core): the real bundle
 * (dist/webview.js, from npm run build) in webview/dev.html under the panel's CSP, served by
 * ./server.js, and fed the messages the extension sends, built here with the real core.
 * In the light and the dark theme:
 *   - one distribution of each sampled family (torch uniform_, normal_, trunc_normal_,
 *     orthogonal_, constant_, sparse_): the histogram canvases hold a drawing; the stats tables'
 *     theory column is the distribution's mean and std, the sampled column agrees within 5
 *     standard errors for n = 100,000 and stays inside the bounds;
 *   - malformed messages: a visible .error, never a blank panel; the next good message draws again;
 *   - the signal through 20 Linear(256, 256) + ReLU layers: Xavier's forward std vanishes,
 *     He's holds;
 * and in every case no CSP violation and no uncaught error in the page.
 * Screenshots: test-results/webview-<case>-<theme>.png.
 *
 *   npm run test:webview        (= npm run build && mocha test/webview/webview.test.ts)
 *
 * Env: INITLENS_DEBUG=1 prints the page's console.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { findScheme, moments, propagate, recommend, resolve, sample, type Distribution, type LayerSpec, type Params } from '../../src/core';
import type { DistributionView, ExtensionToWebview, SignalView } from '../../src/protocol';

// Plain JS shared with the dev server and the VS Code host tests, required for that reason
interface DevServer { url: string; close(): Promise<void> }
const { startServer } = require('./server.js') as { startServer(options?: { port?: number }): Promise<DevServer> };
const { launchBrowser, RESULTS } = require('../integration/runInHost.js') as { launchBrowser(): Promise<Browser>; RESULTS: string };

const SAMPLES = 100_000;
const SEED = 0;
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number] | 'hc';
const DEBUG = process.env.INITLENS_DEBUG === '1';
/** The rows every stats table has (the contract with webview/main.ts). */
const STAT_ROWS = ['mean', 'std', 'min', 'max', 'bound', 'beyond2sigma', 'kurtosis'];

// ---------------------------------------------------------------------------------------------
// The messages, as src/extension/initTarget.ts builds them
// ---------------------------------------------------------------------------------------------

function torch(name: string, shape: number[], params: Params = {}): Distribution {
  const match = findScheme('torch', name);
  if (!match) throw new Error(`no torch scheme ${name}`);
  return resolve(match.scheme, shape, params);
}

function showDistribution(title: string, name: string, shape: number[], params: Params, activation?: string): ExtensionToWebview {
  const scheme = findScheme('torch', name)!.scheme;
  const view: DistributionView = {
    title: `${title}: ${scheme.name}`, scheme: scheme.name, framework: 'PyTorch', formula: scheme.formula,
    distribution: resolve(scheme, shape, params), activation,
  };
  if (activation) {
    // the scheme that fits the activation, in the second pane
    const r = recommend(activation, 'torch');
    view.recommended = { scheme: r.scheme, reason: r.reason, distribution: torch(r.scheme, shape, r.params) };
  }
  return { type: 'showDistribution', view, samples: SAMPLES, seed: SEED };
}

function showSignal(title: string, weight: Distribution): ExtensionToWebview {
  const layers: LayerSpec[] = Array.from({ length: 20 }, () => ({ fanIn: 256, width: 256, activation: 'relu', weight, framework: 'torch' }));
  const view: SignalView = {
    title, layers, labels: layers.map((_, i) => `self.layers[${2 * i}]`),
    generic: { framework: 'torch', scheme: 'kaiming_normal_', params: { nonlinearity: 'relu' }, activation: 'relu', depth: 20, width: 256 },
  };
  return { type: 'showSignal', view, samples: SAMPLES, seed: SEED };
}

/** One family each, with parameters that give a non-zero mean where the family allows one. */
const FAMILIES: { family: Distribution['family']; message: () => ExtensionToWebview }[] = [
  { family: 'uniform', message: () => showDistribution('self.fc1', 'uniform_', [256, 512], { a: -0.05, b: 0.15 }, 'relu') },
  { family: 'normal', message: () => showDistribution('self.fc1', 'normal_', [256, 512], { mean: 0.1, std: 0.02 }, 'tanh') },
  { family: 'truncatedNormal', message: () => showDistribution('self.proj', 'trunc_normal_', [768, 768], { std: 0.02, a: -0.04, b: 0.04 }, 'gelu') },
  { family: 'orthogonal', message: () => showDistribution('self.fc2', 'orthogonal_', [256, 128], { gain: Math.SQRT2 }, 'relu') },
  { family: 'constant', message: () => showDistribution('self.fc1.bias', 'constant_', [256], { val: 0.1 }) },
  { family: 'sparse', message: () => showDistribution('self.fc3', 'sparse_', [256, 128], { sparsity: 0.1, std: 0.01 }, 'relu') },
];

/** A valid normal_ message with one thing broken. */
function broken(change: (m: { type: string; view: DistributionView; samples: number; seed: number }) => void): unknown {
  const m = showDistribution('self.fc1', 'normal_', [256, 512], { std: 0.02 }) as { type: string; view: DistributionView; samples: number; seed: number };
  change(m);
  return m;
}

/**
 * `refused`: the page must show .error. samples: 1e12 may instead be clamped (DESIGN.md: "bad
 * values are clamped or answered with a visible error"): then it must draw, not try 1e12 samples.
 */
const MALFORMED: { name: string; what: string; refused: boolean; message: () => unknown }[] = [
  // NaN survives window.postMessage's structured clone; VS Code's JSON would turn it into null
  { name: 'std-nan', what: 'a distribution with std NaN', refused: true, message: () => broken((m) => { m.view.distribution.std = NaN; }) },
  { name: 'negative-shape', what: 'a negative shape', refused: true, message: () => broken((m) => { m.view.distribution.shape = [-1, 512]; }) },
  { name: 'huge-samples', what: 'samples: 1e12', refused: false, message: () => broken((m) => { m.samples = 1e12; }) },
  { name: 'unknown-type', what: 'an unknown message type', refused: true, message: () => broken((m) => { m.type = 'showHistogram'; }) },
];

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

interface Preview { page: Page; theme: Theme; errors: string[] }

/** What the stats table of one pane shows, by row: the text of td.theory and td.sampled. */
type StatsTable = Record<string, { theory: string; sampled: string }>;

/** How much of a canvas is drawn: colours covering ≥ 0.1 % of it each, and the share not background. */
interface Ink { width: number; height: number; colours: number; inked: number }

/** Parses a table cell; an empty cell is NaN, not Number('') = 0. */
const numberIn = (text: string) => (text.trim() === '' ? NaN : Number(text));

function assertNear(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, expected ${expected} ± ${tolerance.toPrecision(3)}`);
}

describe('preview webview in Chromium', function () {
  let server: DevServer;
  let browser: Browser;
  const open: Page[] = [];

  before(async function () {
    fs.mkdirSync(RESULTS, { recursive: true });
    // Screenshots of an earlier run would pass for this run's
    for (const f of fs.readdirSync(RESULTS)) if (/^webview-.*\.png$/.test(f)) fs.rmSync(path.join(RESULTS, f));
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async function () {
    await browser?.close();
    await server?.close();
  });

  afterEach(async function () {
    while (open.length) await open.pop()!.close();
  });

  /** A fresh page that has said it is ready, as PreviewPanel waits for before it posts. */
  async function openPreview(theme: Theme, query = ''): Promise<Preview> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    open.push(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    if (DEBUG) page.on('console', (m) => console.log(`    [page ${m.type()}] ${m.text()}`));
    await page.goto(`${server.url}?theme=${theme}${query}`);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m?.type === 'ready'));
    return { page, theme, errors };
  }

  /**
   * Sends `message` as VS Code delivers one (a `message` event on window) and waits for the page
   * to mark the render done. data-ready is reset first: the page only ever sets it to "true".
   */
  async function post({ page }: Preview, message: unknown): Promise<void> {
    await page.evaluate((m) => {
      document.getElementById('initlens-preview')!.dataset.ready = 'false';
      window.postMessage(m, '*');
    }, message);
    await page.locator('#initlens-preview[data-ready="true"]').waitFor();
  }

  /** The canvas's pixels, copied onto a 2-D canvas so any kind of context can be read. */
  function inkOf(page: Page, selector: string): Promise<Ink | null> {
    return page.evaluate((sel) => {
      const canvas = document.querySelector(sel);
      if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0 || canvas.height === 0) return null;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(canvas, 0, 0);
      const px = ctx.getImageData(0, 0, copy.width, copy.height).data;
      const counts = new Map<number, number>();
      for (let i = 0; i < px.length; i += 4) {
        const rgba = ((px[i] << 24) | (px[i + 1] << 16) | (px[i + 2] << 8) | px[i + 3]) >>> 0;
        counts.set(rgba, (counts.get(rgba) ?? 0) + 1);
      }
      const total = copy.width * copy.height;
      const sizes = [...counts.values()].sort((a, b) => b - a);
      return { width: copy.width, height: copy.height, colours: sizes.filter((n) => n >= total * 0.001).length, inked: 1 - sizes[0] / total };
    }, selector);
  }

  /**
   * Waits (up to 5 s, in case the chart animates) for the canvas to hold a drawing: at least 3
   * colours of some extent (background, and e.g. bars, curve, axes, text) and ≥ 1 % of it not
   * background. Blank, single-colour and barely touched canvases fail.
   */
  async function assertDrawn({ page, theme }: Preview, chart: string): Promise<void> {
    const selector = `canvas[data-chart="${chart}"]`;
    const drawn = (ink: Ink | null) => !!ink && ink.colours >= 3 && ink.inked >= 0.01;
    let ink = await inkOf(page, selector);
    // no canvas at all once the page says it is done is a plain failure, not worth waiting on
    for (const until = Date.now() + 5_000; ink && !drawn(ink) && Date.now() < until;) {
      await page.waitForTimeout(100);
      ink = await inkOf(page, selector);
    }
    assert.ok(ink, `${theme}: no ${selector} of non-zero size`);
    assert.ok(drawn(ink), `${theme}: ${selector} looks blank: ${ink.colours} colours, ${(100 * ink.inked).toFixed(2)} % drawn (${ink.width}×${ink.height})`);
  }

  function readStats(page: Page, which: string): Promise<StatsTable> {
    return page.$$eval(`table[data-stats="${which}"] tr[data-stat]`, (rows) => Object.fromEntries(rows.map((r) => [
      r.getAttribute('data-stat'),
      { theory: r.querySelector('td.theory')?.textContent ?? '', sampled: r.querySelector('td.sampled')?.textContent ?? '' },
    ])));
  }

  /**
   * The table against the distribution. Theory: its mean and std to 1e-3 (relative to the std for
   * the mean, which may be 0). Sampled: within 5 standard errors of n = 100,000 draws, the std's
   * from the kurtosis (SE ≈ σ·√((κ−1)/4n), κ from a reference sample of the core), plus the same
   * 1e-3 for the table's rounding; min and max inside the bounds.
   */
  async function assertStats({ page, theme }: Preview, which: string, d: Distribution): Promise<void> {
    const table = await readStats(page, which);
    const label = `${theme}, ${which} (${d.family})`;
    assert.deepEqual(Object.keys(table).sort(), [...STAT_ROWS].sort(), `${label}: the rows of table[data-stats="${which}"]`);
    const round = (x: number) => 1e-3 * x + 1e-12;
    const scale = Math.max(Math.abs(d.mean), d.std);
    const kurtosis = moments(sample(d, SAMPLES, SEED + 1)).kurtosis;
    const seMean = d.std / Math.sqrt(SAMPLES);
    const seStd = d.std * Math.sqrt(Math.max(Number.isFinite(kurtosis) ? kurtosis - 1 : 0, 0) / (4 * SAMPLES));

    assertNear(numberIn(table.mean.theory), d.mean, round(scale), `${label}: theory mean`);
    assertNear(numberIn(table.std.theory), d.std, round(d.std), `${label}: theory std`);
    assertNear(numberIn(table.mean.sampled), d.mean, 5 * seMean + round(scale), `${label}: sampled mean (5 SE = ${(5 * seMean).toPrecision(3)})`);
    assertNear(numberIn(table.std.sampled), d.std, 5 * seStd + round(d.std), `${label}: sampled std (5 SE = ${(5 * seStd).toPrecision(3)})`);
    const [low, high] = d.bounds;
    if (Number.isFinite(low)) assert.ok(numberIn(table.min.sampled) >= low - round(scale), `${label}: sampled min ${table.min.sampled} below the bound ${low}`);
    if (Number.isFinite(high)) assert.ok(numberIn(table.max.sampled) <= high + round(scale), `${label}: sampled max ${table.max.sampled} above the bound ${high}`);
  }

  /** Not blank: data-ready, and visible text in the panel. */
  async function assertNotBlank({ page, theme }: Preview): Promise<void> {
    const root = page.locator('#initlens-preview');
    assert.equal(await root.getAttribute('data-ready'), 'true', `${theme}: data-ready`);
    assert.ok((await root.innerText()).trim().length > 0, `${theme}: the panel shows no text`);
  }

  /** Nothing the real panel would refuse or crash on: no CSP violation, no uncaught error. */
  async function assertClean({ page, theme, errors }: Preview): Promise<void> {
    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: unknown[] }).__cspViolations);
    assert.deepEqual(violations, [], `${theme}: CSP violations (the real panel would block these)`);
    assert.deepEqual(errors, [], `${theme}: uncaught errors in the page`);
  }

  /** kaiming_normal_(nonlinearity='relu') on `shape`, before ReLU, with the controls' source, as the extension sends it. */
  async function showKaiming(preview: Preview, shape: number[]): Promise<Distribution> {
    const asWritten = torch('kaiming_normal_', shape, { nonlinearity: 'relu' });
    await post(preview, {
      type: 'showDistribution', samples: SAMPLES, seed: SEED,
      view: {
        title: 'self.fc: kaiming_normal_', scheme: 'kaiming_normal_', framework: 'PyTorch', formula: 'f', distribution: asWritten, activation: 'relu',
        source: { framework: 'torch', scheme: 'kaiming_normal_', params: { nonlinearity: 'relu' }, shape },
      },
    });
    return asWritten;
  }

  it('webview/dev.html has the panel\'s CSP and page skeleton (src/extension/preview/previewPanel.ts)', function () {
    // Read from both sources, so a change to the panel's CSP that dev.html misses fails here
    const read = (file: string) => fs.readFileSync(path.join(__dirname, '../..', file), 'utf8');
    const panel = read('src/extension/preview/previewPanel.ts').replace(/\$\{webview\.cspSource\}/g, '{{cspSource}}').replace(/\$\{n\}/g, '{{nonce}}');
    const dev = read('webview/dev.html');
    const csp = (html: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    const skeleton = (html: string) => /<main id="initlens-preview"[^>]*>/.exec(html)?.[0];
    assert.ok(csp(panel), 'no CSP found in previewPanel.ts');
    assert.equal(csp(dev), csp(panel), 'the CSP of webview/dev.html');
    assert.equal(skeleton(dev), skeleton(panel), 'the <main> of webview/dev.html');
  });

  const screenshot = ({ page, theme }: Preview, name: string) => page.screenshot({ path: path.join(RESULTS, `webview-${name}-${theme}.png`), fullPage: true });

  for (const theme of THEMES) {
    describe(`${theme} theme`, function () {
      for (const { family, message } of FAMILIES) {
        it(`${family}: draws the histogram, the stats table matches the distribution`, async function () {
          const m = message();
          assert.ok(m.type === 'showDistribution');
          assert.equal(m.view.distribution.family, family, 'the core resolved another family than this case is for');
          const preview = await openPreview(theme);
          await post(preview, m);
          await screenshot(preview, family);
          await assertDrawn(preview, 'histogram-current');
          await assertStats(preview, 'current', m.view.distribution);
          if (m.view.recommended) {
            await assertDrawn(preview, 'histogram-recommended');
            await assertStats(preview, 'recommended', m.view.recommended.distribution);
          }
          await assertClean(preview);
        });
      }

      for (const { name, what, refused, message } of MALFORMED) {
        const title = refused ? `${what}: a visible error, never a blank panel` : `${what}: clamped and drawn, or a visible error; never a blank panel`;
        it(title, async function () {
          const preview = await openPreview(theme);
          await post(preview, message());
          await screenshot(preview, `error-${name}`);
          await assertNotBlank(preview);
          const error = preview.page.locator('.error');
          if (refused || await error.count() > 0) {
            assert.ok(await error.first().isVisible(), `${theme}: no visible .error`);
            assert.ok((await error.first().innerText()).trim().length > 0, `${theme}: the .error has no text`);
          } else {
            await assertDrawn(preview, 'histogram-current');
          }
          await assertClean(preview);
        });
      }

      it('after an error, the next good message draws again', async function () {
        const preview = await openPreview(theme);
        await post(preview, MALFORMED[0].message());
        const good = FAMILIES[1].message();
        await post(preview, good);
        assert.equal(await preview.page.locator('.error').count(), 0, `${theme}: the error is still shown`);
        await assertDrawn(preview, 'histogram-current');
        await assertClean(preview);
      });

      it('controls: another scheme and its argument re-resolve with the core, a refused value shows its error, reset goes back to the code', async function () {
        const preview = await openPreview(theme);
        const shape = [128, 256];
        const asWritten = await showKaiming(preview, shape);
        const { page } = preview;
        const theoryStd = async () => numberIn((await readStats(page, 'current')).std.theory);
        assertNear(await theoryStd(), asWritten.std, 1e-3 * asWritten.std, `${theme}: as written`);
        // the scheme: xavier_uniform_ on the same shape
        await page.selectOption('[data-control="scheme"]', 'xavier_uniform_');
        const xavier = torch('xavier_uniform_', shape);
        await page.waitForFunction((want) => Math.abs(Number(document.querySelector('table[data-stats="current"] tr[data-stat="std"] td.theory')?.textContent) - want) < 1e-3 * want, xavier.std);
        // its argument: gain=2 doubles the std
        await page.fill('[data-control="param"][data-param="gain"]', '2');
        await page.waitForFunction((want) => Math.abs(Number(document.querySelector('table[data-stats="current"] tr[data-stat="std"] td.theory')?.textContent) - want) < 1e-3 * want, 2 * xavier.std);
        // a value the framework refuses: its error beside the controls, the charts kept
        await page.fill('[data-control="param"][data-param="gain"]', 'relu');
        await page.locator('[data-control-error]', { hasText: /gain/ }).waitFor();
        await assertDrawn(preview, 'histogram-current');
        await page.click('[data-control="reset"]');
        await page.waitForFunction((want) => Math.abs(Number(document.querySelector('table[data-stats="current"] tr[data-stat="std"] td.theory')?.textContent) - want) < 1e-3 * want, asWritten.std);
        await screenshot(preview, 'controls');
        await assertClean(preview);
      });

      it('export: the chart as PNG and the samples as CSV go to the extension, which saves them', async function () {
        const preview = await openPreview(theme);
        await post(preview, FAMILIES[1].message());
        const { page } = preview;
        await page.click('[data-export="png:histogram-current"]');
        await page.click('[data-export="csv:samples-current"]');
        const exported = await page.evaluate(() => (window as unknown as { __posted: { type: string; format?: string; name?: string; data?: string }[] }).__posted.filter((m) => m.type === 'export'));
        assert.deepEqual(exported.map((m) => [m.format, m.name]), [['png', 'initlens-histogram-current'], ['csv', 'initlens-samples-current']]);
        // a real PNG (its signature) and one CSV line per sample under a header
        assert.equal(Buffer.from(exported[0].data!, 'base64').subarray(0, 8).toString('hex'), '89504e470d0a1a0a');
        const lines = exported[1].data!.trim().split('\n');
        assert.equal(lines[0], 'value');
        assert.equal(lines.length, SAMPLES + 1);
        assert.ok(lines.slice(1).every((l) => Number.isFinite(Number(l))));
        await assertClean(preview);
      });

      const signals = [
        { name: 'xavier', title: '20 × Linear(256, 256) + ReLU, xavier_uniform_', weight: () => torch('xavier_uniform_', [256, 256]) },
        { name: 'he', title: '20 × Linear(256, 256) + ReLU, kaiming_normal_(nonlinearity="relu")', weight: () => torch('kaiming_normal_', [256, 256], { nonlinearity: 'relu' }) },
      ];
      for (const { name, title, weight } of signals) {
        const expectation = name === 'xavier' ? 'the forward std at layer 20 is below 0.01× layer 1\'s' : 'the forward std at layer 20 stays within 0.5×–2× layer 1\'s';
        it(`signal, ${name}: ${expectation}`, async function () {
          const preview = await openPreview(theme);
          await post(preview, showSignal(title, weight()));
          await screenshot(preview, `signal-${name}`);
          // the Monte Carlo pass ran in the Web Worker (started from a blob under the panel's CSP)
          assert.equal(await preview.page.locator('#initlens-preview').getAttribute('data-compute'), 'worker', `${theme}: computed on the page's thread`);
          await assertDrawn(preview, 'signal');
          const forward = await preview.page.$$eval('table[data-stats="signal"] tr[data-layer]', (rows) => rows.map((r) => r.querySelector('td.forward')?.textContent ?? ''));
          assert.equal(forward.length, 20, `${theme}: rows of table[data-stats="signal"]`);
          const std = forward.map(numberIn);
          assert.ok(std.every((s) => Number.isFinite(s) && s > 0), `${theme}: forward stds ${forward.join(', ')}`);
          const ratio = std[19] / std[0];
          // ReLU halves the variance at each layer that does not make up for it: Xavier's is
          // (1/2)^19 ≈ 1.9e-6 of the first layer's by layer 20 (std ratio ≈ 0.0014); He keeps it
          if (name === 'xavier') assert.ok(ratio < 0.01, `${theme}: layer 20 / layer 1 = ${std[19]} / ${std[0]} = ${ratio.toPrecision(3)}, not < 0.01`);
          else assert.ok(ratio >= 0.5 && ratio <= 2, `${theme}: layer 20 / layer 1 = ${std[19]} / ${std[0]} = ${ratio.toPrecision(3)}, not within 0.5–2`);
          await assertClean(preview);
        });
      }
    });
  }

  describe('controls beyond the code', function () {
    const waitStd = (page: Page, want: number) => page.waitForFunction((w) => Math.abs(Number(document.querySelector('table[data-stats="current"] tr[data-stat="std"] td.theory')?.textContent) - w) < 1e-3 * w, want);


    it('framework: PyTorch kaiming_normal_ on [128, 256] becomes Keras HeNormal on [256, 128], same std, truncated', async function () {
      const preview = await openPreview('light');
      const { page } = preview;
      const asWritten = await showKaiming(preview, [128, 256]);
      await page.selectOption('[data-control="framework"]', 'keras');
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-control="scheme"]')?.value === 'HeNormal');
      assert.equal(await page.inputValue('[data-control="shape"]'), '256, 128');
      const he = resolve(findScheme('keras', 'HeNormal')!.scheme, [256, 128], {});
      // the std alone cannot tell the new panes from the old ones (it is the same): wait for the title
      await page.waitForFunction(() => /HeNormal \(as set here\)/.test(document.querySelector('section.pane h2')?.textContent ?? ''));
      await waitStd(page, he.std);
      assertNear(he.std, asWritten.std, 1e-9, 'HeNormal and kaiming_normal_ have one std');
      await assertStats(preview, 'current', he);
      await assertClean(preview);
    });

    it('fan mode: a list of the framework\'s values; fan_out on [128, 256] scales the std by √(256/128)', async function () {
      const preview = await openPreview('light');
      const { page } = preview;
      const asWritten = await showKaiming(preview, [128, 256]);
      const modes = await page.$$eval('select[data-param="mode"] option', (os) => os.map((o) => o.textContent));
      assert.deepEqual(modes, ['fan_in', 'fan_out']);
      await page.selectOption('select[data-param="mode"]', 'fan_out');
      await waitStd(page, asWritten.std * Math.sqrt(256 / 128));
      // the shape control: a wider layer, a smaller std
      await page.fill('[data-control="shape"]', '128, 1024');
      await waitStd(page, torch('kaiming_normal_', [128, 1024], { nonlinearity: 'relu', mode: 'fan_out' }).std);
      await page.fill('[data-control="shape"]', '128, -4');
      await page.locator('[data-control-error]', { hasText: /shape/ }).waitFor();
      await assertDrawn(preview, 'histogram-current');
      await assertClean(preview);
    });

    it('signal: a generic stack from the controls, depth 30 × width 128, Xavier before tanh; back to the model', async function () {
      const preview = await openPreview('light');
      const { page } = preview;
      await post(preview, showSignal('20 × Linear(256, 256) + ReLU', torch('xavier_uniform_', [256, 256])));
      assert.equal(await page.locator('#initlens-preview').getAttribute('data-kernel'), 'wasm-simd', 'the worker runs the WebAssembly SIMD kernel');
      await page.selectOption('[data-control="stack"]', 'generic');
      await page.locator('[data-control="depth"]').waitFor();
      await page.selectOption('[data-control="scheme"]', 'xavier_normal_');
      await page.selectOption('[data-control="activation"]', 'tanh');
      await page.fill('[data-control="width"]', '128');
      await page.fill('[data-control="depth"]', '30');
      await page.waitForFunction(() => document.querySelectorAll('table[data-stats="signal"] tr[data-layer]').length === 30
        && document.querySelector('table[data-stats="signal"] tr[data-layer="1"] td:nth-child(3)')?.textContent === '128'
        && document.querySelector('table[data-stats="signal"] tr[data-layer="1"] td:nth-child(2)')?.textContent === 'tanh'
        && !document.querySelector('[data-results].computing'));
      // the mean field as the core computes it for that stack
      const weight = torch('xavier_normal_', [128, 128]);
      const want = propagate(Array.from({ length: 30 }, () => ({ fanIn: 128, width: 128, activation: 'tanh', weight, framework: 'torch' as const })), { batch: 0 });
      const meanField = await page.$$eval('table[data-stats="signal"] tr[data-layer] td.meanField', (tds) => tds.map((td) => Number(td.textContent)));
      meanField.forEach((m, i) => assertNear(m, want.layers[i].meanFieldStd, 1e-4 * want.layers[i].meanFieldStd, `layer ${i + 1} mean-field std`));
      await assertDrawn(preview, 'signal');
      await screenshot(preview, 'signal-generic');
      await page.selectOption('[data-control="stack"]', 'model');
      await page.waitForFunction(() => document.querySelectorAll('table[data-stats="signal"] tr[data-layer]').length === 20 && !document.querySelector('[data-results].computing'));
      await assertClean(preview);
    });

    it('signal with no model in the file: the generic stack alone, and a stack too big for Monte Carlo says so', async function () {
      const preview = await openPreview('light');
      const { page } = preview;
      await post(preview, {
        type: 'showSignal', samples: SAMPLES, seed: SEED,
        view: { title: 'Signal through a generic stack', layers: [], labels: [], generic: { framework: 'tfjs', scheme: 'heUniform', params: {}, activation: 'relu', depth: 20, width: 256 } },
      });
      assert.deepEqual(await page.$$eval('[data-control="stack"] option', (os) => os.map((o) => (o as HTMLOptionElement).value)), ['generic']);
      assert.equal(await page.locator('table[data-stats="signal"] tr[data-layer]').count(), 20);
      await assertDrawn(preview, 'signal');
      await page.fill('[data-control="width"]', '4096');
      await page.fill('[data-control="depth"]', '1000');
      await page.locator('[data-note]', { hasText: /Monte Carlo skipped/ }).waitFor({ timeout: 20_000 });
      await page.waitForFunction(() => document.querySelectorAll('table[data-stats="signal"] tr[data-layer]').length === 1000);
      await assertClean(preview);
    });

    it('theme: high contrast draws with its colours, and a theme change re-styles the open charts', async function () {
      const preview = await openPreview('hc');
      const { page } = preview;
      await post(preview, FAMILIES[1].message());
      await assertDrawn(preview, 'histogram-current');
      await screenshot(preview, 'distribution');
      const pixels = () => page.evaluate(() => document.querySelector<HTMLCanvasElement>('canvas[data-chart="histogram-current"]')!.toDataURL());
      const before = await pixels();
      // as VS Code does on a theme change: the body's classes and the variables
      await page.evaluate(() => {
        document.documentElement.style.setProperty('--vscode-foreground', '#616161');
        document.documentElement.style.setProperty('--vscode-charts-blue', '#1a85ff');
        document.body.classList.replace('vscode-high-contrast', 'vscode-light');
      });
      await page.waitForFunction((old) => document.querySelector<HTMLCanvasElement>('canvas[data-chart="histogram-current"]')?.toDataURL() !== old, before);
      await assertDrawn({ ...preview, theme: 'light' }, 'histogram-current');
      await assertClean(preview);
    });
  });

  it('a worker that dies shows the error state with Retry, and Retry draws with a new worker', async function () {
    const preview = await openPreview('light', '&worker=crash-once');
    const { page } = preview;
    // the first paint samples on the page while the worker starts: wait for it, so the job goes there
    await page.locator('#initlens-preview[data-compute="worker"]').waitFor();
    await post(preview, FAMILIES[1].message());
    await page.locator('.error', { hasText: /the computation stopped: stub: the worker crashed/ }).waitFor();
    await screenshot(preview, 'worker-died');
    await page.click('[data-retry]');
    await page.locator('#initlens-preview[data-ready="true"]').waitFor();
    assert.equal(await page.locator('.error').count(), 0, 'the error is still shown after Retry');
    await assertDrawn(preview, 'histogram-current');
    await assertClean(preview);
  });
});
