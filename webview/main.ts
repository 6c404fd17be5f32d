import { histogramSvg, moments, propagate, sample, type Distribution, type HistogramPalette } from '../src/core';
import type { DistributionView, ExtensionToWebview, SignalView, WebviewToExtension } from '../src/protocol';

declare function acquireVsCodeApi(): { postMessage(message: WebviewToExtension): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('initlens-preview')!;

const FAMILIES = ['uniform', 'normal', 'truncatedNormal', 'orthogonal', 'constant', 'identity', 'dirac', 'sparse'];

/** Colours from the VS Code theme, read from its CSS variables. */
function palette(): HistogramPalette {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bars: v('--vscode-charts-blue', '#3b7dd8'),
    curve: v('--vscode-charts-orange', '#d18616'),
    axis: v('--vscode-descriptionForeground', '#888888'),
    text: v('--vscode-foreground', '#cccccc'),
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : '—');

function isDistribution(d: unknown): d is Distribution {
  const x = d as Distribution;
  return !!x && typeof x === 'object' && FAMILIES.includes(x.family) && Array.isArray(x.shape) && x.shape.every((n) => Number.isInteger(n) && n >= 0)
    && Number.isFinite(x.mean) && Number.isFinite(x.std) && Array.isArray(x.bounds);
}

/** Sampled next to theoretical moments, and the plot. */
function pane(title: string, d: Distribution, samples: number, seed: number): string {
  const values = sample(d, samples, seed);
  const m = moments(values);
  const rows = [
    ['mean', d.mean, m.mean], ['std', d.std, m.std], ['min', d.bounds[0], m.min], ['max', d.bounds[1], m.max],
  ].map(([k, t, s]) => `<tr><td>${k}</td><td>${num(t as number)}</td><td>${num(s as number)}</td></tr>`).join('');
  return `<section class="pane"><h2>${esc(title)}</h2>${histogramSvg(d, { samples, seed, palette: palette(), width: 420, height: 180 })}`
    + `<table><tr><th></th><th>theory</th><th>sampled (n=${samples.toLocaleString()})</th></tr>${rows}</table></section>`;
}

function showDistribution(view: DistributionView, samples: number, seed: number): void {
  if (!isDistribution(view.distribution)) throw new Error('the distribution in the message is not valid');
  const recommended = view.recommended && isDistribution(view.recommended.distribution) ? view.recommended : undefined;
  root.innerHTML = `<h1>${esc(view.title)}</h1>`
    + `<p class="muted">${esc(view.framework)} · ${esc(view.scheme)}${view.activation ? ` · followed by ${esc(view.activation)}` : ''} · seed ${seed}</p>`
    + `<pre>${esc(view.formula)}</pre>`
    + (view.quirk ? `<p class="quirk">⚠ ${esc(view.quirk)}</p>` : '')
    + '<div class="panes">'
    + pane(`${view.scheme} (as written)`, view.distribution, samples, seed)
    + (recommended ? pane(`${recommended.scheme} (fits ${view.activation})`, recommended.distribution, samples, seed) : '')
    + '</div>'
    + (recommended ? `<p class="muted">${esc(recommended.reason)}</p>` : '');
}

function showSignal(view: SignalView, samples: number, seed: number): void {
  if (!Array.isArray(view.layers) || view.layers.length === 0 || !view.layers.every((l) => isDistribution(l.weight))) {
    throw new Error('the layer stack in the message is not valid');
  }
  const result = propagate(view.layers, { seed, batch: Math.max(8, Math.min(256, Math.round(samples / 1000))) });
  const rows = result.layers.map((l, i) => `<tr><td>${esc(view.labels[i] ?? `layer ${i + 1}`)}</td><td>${esc(view.layers[i].activation)}</td>`
    + `<td>${num(l.meanFieldStd)}</td><td>${num(l.forwardStd)}</td><td>${num(l.gradStd)}</td><td>${num(l.chi1)}</td></tr>`).join('');
  root.innerHTML = `<h1>${esc(view.title)}</h1>`
    + `<p>Phase: <span class="badge">${esc(result.phase)}</span> · mean χ1 ${num(result.chi1)}</p>`
    + '<table><tr><th>layer</th><th>activation</th><th>mean-field std</th><th>Monte Carlo std</th><th>gradient std</th><th>χ1</th></tr>'
    + `${rows}</table>`;
}

function fail(message: string): void {
  root.innerHTML = `<p class="error">InitLens could not show this preview: ${esc(message)}</p>`;
  vscode.postMessage({ type: 'error', message });
}

window.addEventListener('message', (event: MessageEvent<ExtensionToWebview>) => {
  const m = event.data;
  try {
    const samples = Math.min(Math.max(Math.round(Number((m as { samples?: number }).samples) || 100_000), 1_000), 2_000_000);
    const seed = Math.max(0, Math.round(Number((m as { seed?: number }).seed) || 0));
    if (m?.type === 'showDistribution') showDistribution(m.view, samples, seed);
    else if (m?.type === 'showSignal') showSignal(m.view, samples, seed);
    else throw new Error(`unknown message ${JSON.stringify((m as { type?: unknown })?.type)}`);
    root.dataset.ready = 'true';
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
    root.dataset.ready = 'true';
  }
});

vscode.postMessage({ type: 'ready' });
