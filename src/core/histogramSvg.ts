import { atoms, pdf, type Distribution } from './distribution';
import { histogram } from './histogram';
import { sample } from './sample';

export interface HistogramPalette {
  bars: string;
  curve: string;
  axis: string;
  text: string;
}

/** Colours that read on both VS Code's light and dark themes (an <img> in a hover cannot see theme variables). */
export const PALETTES: Readonly<Record<'light' | 'dark', HistogramPalette>> = {
  light: { bars: '#3b7dd8', curve: '#c75f00', axis: '#6b6b6b', text: '#3b3b3b' },
  dark: { bars: '#5aa2f0', curve: '#f0a040', axis: '#9d9d9d', text: '#cccccc' },
};

export interface HistogramSvgOptions {
  samples: number;
  seed: number;
  bins?: number;
  width?: number;
  height?: number;
  palette: HistogramPalette;
}

const f = (x: number) => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : Number(x.toPrecision(3)).toString());

/**
 * A small SVG of sampled weights (bars, as densities) with the theoretical pdf over them, and the
 * point masses as dots: the image the hover shows. Plain text, no DOM: it runs in the extension
 * host and in a web worker alike.
 */
export function histogramSvg(d: Distribution, options: HistogramSvgOptions): string {
  const { samples, seed, palette } = options;
  const bins = options.bins ?? 40;
  const width = options.width ?? 320;
  const height = options.height ?? 120;
  const pad = { left: 6, right: 6, top: 6, bottom: 18 };
  const values = sample(d, samples, seed);
  // the plot range: the bounds when finite, else ±4σ around the mean
  const lo = Number.isFinite(d.bounds[0]) ? d.bounds[0] : d.mean - 4 * d.std;
  const hi = Number.isFinite(d.bounds[1]) ? d.bounds[1] : d.mean + 4 * d.std;
  const [min, max] = lo < hi ? [lo, hi] : [lo - 0.5, hi + 0.5];
  const h = histogram(values, bins, [min, max]);
  const density = Array.from(h.counts, (c) => c / (samples * h.binWidth));
  const xs = Array.from({ length: 121 }, (_, i) => min + ((max - min) * i) / 120);
  const curve = xs.map((x) => pdf(d, x));
  const top = Math.max(...density, ...curve.filter(Number.isFinite), 1e-12);
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const X = (x: number) => pad.left + ((x - min) / (max - min)) * plotW;
  const Y = (y: number) => pad.top + plotH - (Math.min(y, top) / top) * plotH;
  const barW = plotW / bins;
  const bars = density.map((v, i) => {
    const y = Y(v);
    return `<rect x="${(pad.left + i * barW).toFixed(2)}" y="${y.toFixed(2)}" width="${Math.max(barW - 0.5, 0.5).toFixed(2)}" height="${(pad.top + plotH - y).toFixed(2)}"/>`;
  }).join('');
  const line = xs.map((x, i) => `${i ? 'L' : 'M'}${X(x).toFixed(2)},${Y(curve[i]).toFixed(2)}`).join('');
  const dots = atoms(d).map((a) => `<circle cx="${X(a.value).toFixed(2)}" cy="${(pad.top + 4).toFixed(2)}" r="3"/>`).join('');
  const label = (x: number, anchor: string) => `<text x="${X(x).toFixed(2)}" y="${height - 4}" text-anchor="${anchor}">${f(x)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
    + `<g fill="${palette.bars}" fill-opacity="0.55">${bars}</g>`
    + (curve.some((v) => v > 0) ? `<path d="${line}" fill="none" stroke="${palette.curve}" stroke-width="1.8"/>` : '')
    + `<g fill="${palette.curve}">${dots}</g>`
    + `<line x1="${pad.left}" y1="${pad.top + plotH}" x2="${width - pad.right}" y2="${pad.top + plotH}" stroke="${palette.axis}" stroke-width="1"/>`
    + `<g fill="${palette.text}" font-family="sans-serif" font-size="10">${label(min, 'start')}${label((min + max) / 2, 'middle')}${label(max, 'end')}</g>`
    + '</svg>';
}
