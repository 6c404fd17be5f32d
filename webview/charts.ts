import {
  BarController, BarElement, Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, ScatterController, Tooltip,
  type ChartDataset,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, ScatterController, LinearScale, LogarithmicScale, Legend, Tooltip);

/** Colours and fonts from the VS Code theme's CSS variables, read when a chart is drawn. */
export interface Theme {
  foreground: string;
  muted: string;
  grid: string;
  current: string;
  recommended: string;
  curve: string;
  font: string;
}

export function readTheme(): Theme {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    foreground: v('--vscode-foreground', '#cccccc'),
    muted: v('--vscode-descriptionForeground', '#999999'),
    grid: v('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)'),
    current: v('--vscode-charts-blue', '#3794ff'),
    recommended: v('--vscode-charts-green', '#89d185'),
    curve: v('--vscode-charts-orange', '#d18616'),
    font: v('--vscode-font-family', 'sans-serif'),
  };
}

type AnyChart = { destroy(): void };
const charts = new WeakMap<HTMLCanvasElement, AnyChart>();

/** Draws a chart on a canvas, replacing the one drawn there before. */
function draw(canvas: HTMLCanvasElement, config: ConstructorParameters<typeof Chart>[1]): void {
  charts.get(canvas)?.destroy();
  charts.set(canvas, new Chart(canvas, config) as AnyChart);
}

/** Tick labels without Chart.js's Intl.NumberFormat, whose first use costs ~50 ms of ICU loading. */
const tick = (value: number | string) => (typeof value === 'number' ? String(Number(value.toPrecision(4))) : value);
/** On a log axis, as Chart.js labels it: only 1, 2 and 5 times a power of ten. */
const logTick = (value: number | string) => {
  if (typeof value !== 'number' || value <= 0) return tick(value);
  const mantissa = Number((value / 10 ** Math.floor(Math.log10(value))).toPrecision(3));
  return [1, 2, 5].includes(mantissa) ? tick(value) : '';
};

function axes(theme: Theme, x: Record<string, unknown>, y: Record<string, unknown>) {
  const common = { ticks: { color: theme.muted, font: { family: theme.font }, callback: tick }, grid: { color: theme.grid }, title: { color: theme.muted, display: true, font: { family: theme.font } } };
  const axis = (a: Record<string, unknown>) => ({
    ...common, ...a,
    ticks: { ...common.ticks, ...(a.type === 'logarithmic' ? { callback: logTick } : {}), ...(a.ticks as object) },
    title: { ...common.title, ...(a.title as object) },
  });
  return { x: axis(x), y: axis(y) };
}

export interface HistogramData {
  min: number;
  max: number;
  /** Bin centres and densities (counts / (n · width)). */
  bars: { x: number; y: number }[];
  /** The theoretical density, sampled along x. */
  pdf: { x: number; y: number }[];
  /** Point masses: value and share. */
  atoms: { x: number; y: number }[];
}

export function histogramChart(canvas: HTMLCanvasElement, data: HistogramData, colour: string, theme: Theme): void {
  const datasets: ChartDataset<'bar' | 'line' | 'scatter', { x: number; y: number }[]>[] = [
    { type: 'bar', label: 'sampled', data: data.bars, backgroundColor: `${colour}99`, borderWidth: 0, barPercentage: 1, categoryPercentage: 1, order: 2 },
    { type: 'line', label: 'theory (pdf)', data: data.pdf, borderColor: theme.curve, borderWidth: 2, pointRadius: 0, order: 1 },
  ];
  if (data.atoms.length) datasets.push({ type: 'scatter', label: 'point mass (share)', data: data.atoms, backgroundColor: theme.curve, pointRadius: 5, order: 0 });
  draw(canvas, {
    type: 'bar',
    data: { datasets: datasets as ChartDataset<'bar', { x: number; y: number }[]>[] },
    options: {
      animation: false,
      responsive: false,
      parsing: false,
      plugins: { legend: { labels: { color: theme.foreground, font: { family: theme.font } } }, tooltip: { enabled: true } },
      scales: axes(theme, { type: 'linear', min: data.min, max: data.max, title: { text: 'weight value' } }, { type: 'linear', beginAtZero: true, title: { text: 'density' } }),
    },
  });
}

export interface SignalCurve {
  label: string;
  colour: string;
  /** Mean-field std per layer (a line) and Monte Carlo forward / gradient std (points). */
  meanField: number[];
  forward: number[];
  gradient: number[];
}

export function signalChart(canvas: HTMLCanvasElement, curves: SignalCurve[], theme: Theme): void {
  const points = (ys: number[]) => ys.map((y, i) => ({ x: i + 1, y })).filter((p) => Number.isFinite(p.y) && p.y > 0);
  const datasets: ChartDataset<'line' | 'scatter', { x: number; y: number }[]>[] = curves.flatMap((c, k) => [
    { type: 'line' as const, label: `${c.label}: mean field`, data: points(c.meanField), borderColor: c.colour, borderWidth: 2, borderDash: k ? [6, 4] : [], pointRadius: 0 },
    { type: 'scatter' as const, label: `${c.label}: forward (Monte Carlo)`, data: points(c.forward), backgroundColor: c.colour, pointRadius: 3 },
    { type: 'scatter' as const, label: `${c.label}: gradient (Monte Carlo)`, data: points(c.gradient), backgroundColor: c.colour, pointStyle: 'triangle', pointRadius: 4 },
  ]);
  draw(canvas, {
    type: 'line',
    data: { datasets: datasets as ChartDataset<'line', { x: number; y: number }[]>[] },
    options: {
      animation: false,
      responsive: false,
      parsing: false,
      plugins: { legend: { labels: { color: theme.foreground, font: { family: theme.font } } } },
      scales: axes(theme, { type: 'linear', min: 1, title: { text: 'layer' }, ticks: { precision: 0 } }, { type: 'logarithmic', title: { text: 'std (log scale)' } }),
    },
  });
}
