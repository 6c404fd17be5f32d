import {
  atoms, findScheme, histogram, moments, pdf, recommend, resolve, theoryStats,
  type Distribution, type LayerSpec, type SampleMoments,
} from '../src/core';
import type { DistributionView, ExtensionToWebview, SignalView, WebviewToExtension } from '../src/protocol';
import { histogramChart, readTheme, signalChart, type HistogramData } from './charts';
import { initCompute, propagateIn, sampleIn } from './compute';
import { controlsHtml, initialState, readControls, sameState, viewFor, type ControlState } from './distributionControls';
import {
  affordableBatch, BATCH_CHOICES, initialSignalState, readSignalControls, signalControlsHtml, stackFor, type SignalState,
} from './signalControls';
import { esc, thousands } from './fields';
import { checkMessage } from './validate';

// the bench reads these marks: where the first paint's time goes
performance.mark('initlens:script');

declare function acquireVsCodeApi(): { postMessage(message: WebviewToExtension): void; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('initlens-preview')!;
initCompute((document.currentScript as HTMLScriptElement | null)?.dataset.worker, ({ thread, kernel }) => {
  root.dataset.compute = thread;
  root.dataset.kernel = kernel;
});
/** Bumped by every render: results that come back for an older one are dropped. */
let generation = 0;
const BINS = 60;

/** What each export button saves: a chart's canvas, or a table built when clicked. */
const csvExports = new Map<string, () => string>();

function exportButtons(items: { label: string; target: string }[]): string {
  return `<div class="exports">${items.map((i) => `<button type="button" data-export="${i.target}">${esc(i.label)}</button>`).join(' ')}</div>`;
}

/** One click handler for every export button: PNG of a chart, CSV of samples or per-layer statistics. */
root.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLElement>('[data-export]');
  if (!button) return;
  const [format, name] = button.dataset.export!.split(':');
  if (format === 'png') {
    const canvas = root.querySelector<HTMLCanvasElement>(`canvas[data-chart="${name}"]`);
    if (canvas) vscode.postMessage({ type: 'export', format: 'png', name: `initlens-${name}`, data: canvas.toDataURL('image/png').split(',')[1] });
  } else {
    const csv = csvExports.get(name);
    if (csv) vscode.postMessage({ type: 'export', format: 'csv', name: `initlens-${name}`, data: csv() });
  }
});

/** Numbers as the tables print them: plain, parseable by Number(). */
const num = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(5))) : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : 'NaN');

function histogramData(d: Distribution, values: Float32Array): HistogramData {
  const lo = Number.isFinite(d.bounds[0]) ? d.bounds[0] : d.mean - 4.5 * d.std;
  const hi = Number.isFinite(d.bounds[1]) ? d.bounds[1] : d.mean + 4.5 * d.std;
  const [min, max] = hi > lo ? [lo, hi] : [lo - 0.5, hi + 0.5];
  const h = histogram(values, BINS, [min, max]);
  const bars = Array.from(h.counts, (c, i) => ({ x: min + (i + 0.5) * h.binWidth, y: c / (values.length * h.binWidth) }));
  const pdfPoints = Array.from({ length: 201 }, (_, i) => {
    const x = min + ((max - min) * i) / 200;
    return { x, y: pdf(d, x) };
  });
  const top = Math.max(...bars.map((b) => b.y), ...pdfPoints.map((p) => p.y), 1e-12);
  // a point mass is drawn at its share of the tallest bar, so it stays on the chart
  const masses = atoms(d).filter((a) => a.weight > 0).map((a) => ({ x: a.value, y: a.weight * top }));
  return { min, max, bars, pdf: pdfPoints, atoms: masses };
}

function statsTable(which: string, d: Distribution, m: SampleMoments, values: Float32Array): string {
  const t = theoryStats(d);
  let beyond = 0;
  // a constant (σ = 0) has nothing beyond 2σ; float32 rounding must not say otherwise
  if (d.std > 0) for (const v of values) if (Math.abs(v - d.mean) > 2 * d.std) beyond++;
  const sampledBound = Math.max(Math.abs(m.min), Math.abs(m.max));
  const rows: [string, string, number, number][] = [
    ['mean', 'mean', t.mean, m.mean], ['std', 'std', t.std, m.std], ['min', 'min', t.min, m.min], ['max', 'max', t.max, m.max],
    ['bound', 'bound |w|', t.bound, sampledBound], ['beyond2sigma', 'share beyond ±2σ', t.beyond2sigma, beyond / values.length],
    ['kurtosis', 'kurtosis', t.kurtosis, m.kurtosis],
  ];
  return `<table data-stats="${which}"><tr><th></th><th>theory</th><th>sampled (n=${thousands(values.length)})</th></tr>`
    + rows.map(([key, label, th, s]) => `<tr data-stat="${key}"><td>${label}</td><td class="theory">${num(th)}</td><td class="sampled">${num(s)}</td></tr>`).join('')
    + '</table>';
}

/** One sentence on what the difference does to the signal. */
function difference(current: Distribution, recommended: Distribution, activation: string): string {
  const ratio = (current.std / recommended.std) ** 2;
  if (!Number.isFinite(ratio) || recommended.std === 0) return '';
  const verb = ratio < 1 ? 'shrinks' : 'grows';
  return `std ${num(current.std)} vs ${num(recommended.std)}: the variance ${Math.abs(ratio - 1) < 0.05 ? 'is kept' : `${verb} by ${num(ratio < 1 ? 1 / ratio : ratio)}x`} at each ${activation} layer.`;
}

/**
 * The panes (charts and tables) of a distribution view; the heading and controls stay as they
 * are. The samples are drawn first and the old panes replaced in one go, so nothing flickers.
 */
async function renderPanes(view: DistributionView, samples: number, seed: number, edited: boolean): Promise<void> {
  const mine = ++generation;
  const theme = readTheme();
  const panes: { key: string; title: string; d: Distribution; colour: string }[] = [
    { key: 'current', title: `${view.scheme} (${edited ? 'as set here' : 'as written'})`, d: view.distribution, colour: theme.current },
  ];
  if (view.recommended) panes.push({ key: 'recommended', title: `${view.recommended.scheme} (fits ${view.activation ?? 'the activation'})`, d: view.recommended.distribution, colour: theme.recommended });
  const drawn = await Promise.all(panes.map((p) => sampleIn(p.d, samples, seed)));
  if (mine !== generation) return;
  const host = root.querySelector<HTMLElement>('[data-panes]')!;
  host.innerHTML = `<pre>${esc(view.formula)}</pre><div class="panes">`
    + panes.map((p) => `<section class="pane"><h2>${esc(p.title)}</h2><canvas data-chart="histogram-${p.key}" width="460" height="240"></canvas><div data-table="${p.key}"></div></section>`).join('')
    + '</div>'
    + (view.recommended ? `<p class="difference">${esc(difference(view.distribution, view.recommended.distribution, view.activation ?? 'the'))} ${esc(view.recommended.reason)}.</p>` : '');
  for (const [i, p] of panes.entries()) {
    const values = drawn[i];
    histogramChart(host.querySelector<HTMLCanvasElement>(`canvas[data-chart="histogram-${p.key}"]`)!, histogramData(p.d, values), p.colour, theme);
    host.querySelector(`[data-table="${p.key}"]`)!.innerHTML = statsTable(p.key, p.d, moments(values), values)
      + exportButtons([{ label: 'Export PNG', target: `png:histogram-${p.key}` }, { label: 'Export samples (CSV)', target: `csv:samples-${p.key}` }]);
    csvExports.set(`samples-${p.key}`, () => `value\n${Array.from(values, (v) => String(v)).join('\n')}\n`);
  }
}

async function showDistribution(view: DistributionView, samples: number, seed: number): Promise<void> {
  root.innerHTML = `<h1>${esc(view.title)}</h1>`
    + `<p class="muted">${esc(view.framework)} · ${esc(view.scheme)} · shape [${view.distribution.shape.join(', ')}]${view.activation ? ` · followed by ${esc(view.activation)}` : ''}</p>`
    + (view.quirk ? `<p class="quirk">⚠ ${esc(view.quirk)}</p>` : '')
    + '<div data-controls-host></div><div data-panes></div>';
  if (view.source) {
    const start = initialState(view, samples, seed);
    attachForm<ControlState>({
      start,
      html: (state) => controlsHtml(view, state),
      read: (form, state) => readControls(form, state, view),
      rebuild: (next, state) => next.scheme !== state.scheme || next.framework !== state.framework,
      render: (state) => renderPanes(viewFor(view, state), state.samples, state.seed, !sameState(state, start)),
    });
  }
  await renderPanes(view, samples, seed, false);
}

/**
 * A control form over the results: each change is read back on the next animation frame and
 * rendered; a change that needs other fields (another scheme's arguments) rebuilds the form; a
 * value the core refuses shows its error beside the controls and keeps the last results.
 */
function attachForm<S>(spec: {
  start: S;
  html(state: S): string;
  read(form: HTMLElement, state: S): S;
  rebuild(next: S, state: S): boolean;
  render(state: S): Promise<void>;
}): void {
  const host = root.querySelector<HTMLElement>('[data-controls-host]')!;
  let state = spec.start;
  let frame = 0;
  const errorBox = () => host.querySelector<HTMLElement>('[data-control-error]');
  const show = async (next: S) => {
    // the core's refusals (a bad argument, a shape the scheme cannot take) land beside the controls
    try {
      await spec.render(next);
    } catch (e) {
      const box = errorBox();
      if (box && next === state) box.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  const build = () => {
    host.innerHTML = spec.html(state);
    const form = host.querySelector<HTMLElement>('form')!;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // a form replaced meanwhile (reset, another scheme) speaks for a state that is gone
        if (!form.isConnected) return;
        const next = spec.read(form, state);
        const rebuild = spec.rebuild(next, state);
        state = next;
        if (rebuild) build();
        else errorBox()!.textContent = '';
        void show(state);
      });
    };
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    form.querySelector('[data-control="reset"]')!.addEventListener('click', () => {
      cancelAnimationFrame(frame);
      state = spec.start;
      build();
      void show(state);
    });
  };
  build();
}

/** The same stack with each layer's weight replaced by the scheme that fits its activation. */
function recommendedStack(layers: LayerSpec[]): LayerSpec[] {
  return layers.map((l) => {
    const r = recommend(l.activation, l.framework, l.slope);
    const scheme = findScheme(l.framework, r.scheme)?.scheme;
    try {
      return scheme ? { ...l, weight: resolve(scheme, l.weight.shape, r.params) } : l;
    } catch {
      return l;
    }
  });
}

/** The signal's results: badges, the chart and the per-layer table, replaced in one go when they are ready. */
async function renderSignal(view: SignalView, state: SignalState): Promise<void> {
  const mine = ++generation;
  const { layers, labels, title } = stackFor(view, state);
  const host = root.querySelector<HTMLElement>('[data-results]')!;
  const { batch, note } = affordableBatch(layers, state.batch);
  root.querySelector('h1')!.textContent = title;
  host.classList.add('computing');
  const options = { seed: state.seed, batch };
  const [current, better] = await Promise.all([propagateIn(layers, options), propagateIn(recommendedStack(layers), options)]);
  if (mine !== generation) return;
  host.classList.remove('computing');
  const theme = readTheme();
  const badge = (label: string, p: typeof current) => `<span class="badge" data-phase="${p.phase}">${esc(label)}: ${p.phase} (χ1 ${num(p.chi1)})</span>`;
  host.innerHTML = `<p>${badge('as written', current)} ${badge('recommended', better)}</p>`
    + (note ? `<p class="muted" data-note>${esc(note)}</p>` : '')
    + '<canvas data-chart="signal" width="720" height="320"></canvas>'
    + '<table data-stats="signal"><tr><th>layer</th><th>activation</th><th>width</th><th>mean-field std</th><th>forward std (Monte Carlo)</th><th>gradient std</th><th>χ1</th><th>recommended forward std</th></tr>'
    + current.layers.map((l, i) => `<tr data-layer="${i + 1}"><td>${esc(labels[i] ?? `layer ${i + 1}`)}</td><td>${esc(layers[i].activation)}</td><td>${layers[i].width}</td>`
      + `<td class="meanField">${num(l.meanFieldStd)}</td><td class="forward">${num(l.forwardStd)}</td><td class="gradient">${num(l.gradStd)}</td>`
      + `<td class="chi1">${num(l.chi1)}</td><td class="recommended">${num(batch ? better.layers[i].forwardStd : better.layers[i].meanFieldStd)}</td></tr>`).join('')
    + '</table>'
    + exportButtons([{ label: 'Export PNG', target: 'png:signal' }, { label: 'Export per-layer statistics (CSV)', target: 'csv:signal' }])
    + `<p class="muted">Phase from the geometric mean of χ1: ordered below 0.95 (signals vanish), critical within ±5 %, chaotic above 1.05 (signals explode).</p>`;
  csvExports.set('signal', () => 'layer,label,activation,width,mean_field_std,forward_std,gradient_std,chi1,recommended_mean_field_std,recommended_forward_std\n'
    + current.layers.map((l, i) => [i + 1, JSON.stringify(labels[i] ?? ''), layers[i].activation, layers[i].width, l.meanFieldStd, l.forwardStd, l.gradStd, l.chi1, better.layers[i].meanFieldStd, better.layers[i].forwardStd].join(',')).join('\n') + '\n');
  signalChart(host.querySelector<HTMLCanvasElement>('canvas[data-chart="signal"]')!, [
    { label: 'as written', colour: theme.current, meanField: current.layers.map((l) => l.meanFieldStd), forward: current.layers.map((l) => l.forwardStd), gradient: current.layers.map((l) => l.gradStd) },
    { label: 'recommended', colour: theme.recommended, meanField: better.layers.map((l) => l.meanFieldStd), forward: better.layers.map((l) => l.forwardStd), gradient: better.layers.map((l) => l.gradStd) },
  ], theme);
}

/** The Monte Carlo batch a sample budget buys: 64 rows for the default 100,000. */
const batchFor = (samples: number) => BATCH_CHOICES.filter((b) => b > 0).reduce((best, b) => (Math.abs(b - samples / 1_500) < Math.abs(best - samples / 1_500) ? b : best));

async function showSignal(view: SignalView, samples: number, seed: number): Promise<void> {
  root.innerHTML = `<h1>${esc(view.title)}</h1><div data-controls-host></div><div data-results><p class="muted">Propagating…</p></div>`;
  const start = initialSignalState(view, batchFor(samples), seed);
  attachForm<SignalState>({
    start,
    html: (state) => signalControlsHtml(view, state),
    read: (form, state) => readSignalControls(form, state, view),
    rebuild: (next, state) => next.stack !== state.stack || next.scheme !== state.scheme || next.framework !== state.framework,
    render: (state) => renderSignal(view, state),
  });
  await renderSignal(view, start);
}

/** The error state: what went wrong, and for a view that failed to compute, a way to try again. */
function fail(message: string, retry?: ExtensionToWebview): void {
  root.innerHTML = `<p class="error" role="alert">InitLens could not show this preview: ${esc(message)}</p>`
    + (retry ? '<button type="button" data-retry>Retry</button>' : '');
  root.querySelector('[data-retry]')?.addEventListener('click', () => {
    root.dataset.ready = 'false';
    void render(retry!);
  });
  vscode.postMessage({ type: 'error', message });
}

let last: ExtensionToWebview | undefined;

async function render(message: ExtensionToWebview): Promise<void> {
  const mine = generation + 1;
  try {
    if (message.type === 'showDistribution') await showDistribution(message.view, message.samples, message.seed);
    else if (message.type === 'showSignal') await showSignal(message.view, message.samples, message.seed);
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e), message);
  }
  // a newer message is on its way: it will say when it is ready
  if (generation <= mine) {
    root.dataset.ready = 'true';
    // the bench reads this: first paint, from the navigation
    performance.mark('initlens:ready');
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const checked = checkMessage(event.data);
  if (!checked.ok) {
    fail(checked.error);
    root.dataset.ready = 'true';
    return;
  }
  if (!last) performance.mark('initlens:message');
  last = checked.message;
  // VS Code keeps this across a window reload; the panel's serializer sends it back
  vscode.setState(checked.message);
  void render(checked.message);
});

// VS Code swaps the body's theme class on a theme change: redraw in the new colours
new MutationObserver(() => {
  if (last) void render(last);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });
