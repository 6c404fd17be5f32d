import { numel } from '../src/core';
import type { DistributionView, ExtensionToWebview, SignalView } from '../src/protocol';
import { MAX_DEPTH, MAX_WIDTH } from './signalControls';

/** What the webview accepts: a message checked field by field, numbers clamped, open bounds restored, or the reason it was refused. */
export type Checked = { ok: true; message: ExtensionToWebview } | { ok: false; error: string };

const FRAMEWORKS = new Set(['torch', 'keras', 'tfjs', 'jax']);
const FAMILIES = new Set(['uniform', 'normal', 'truncatedNormal', 'orthogonal', 'constant', 'identity', 'dirac', 'sparse']);
export const MIN_SAMPLES = 1_000;
export const MAX_SAMPLES = 2_000_000;
/** Larger tensors are described, not sampled whole (orthogonal draws a matrix). */
const MAX_NUMEL = 1e9;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

function distributionProblem(d: unknown, where: string): string | undefined {
  if (!isObject(d)) return `${where} is missing`;
  if (!FAMILIES.has(d.family as string)) return `${where} has an unknown family ${JSON.stringify(d.family)}`;
  if (!Array.isArray(d.shape) || !d.shape.every((n) => Number.isInteger(n) && (n as number) >= 0)) return `${where} has a shape that is not a list of non-negative integers`;
  if (numel(d.shape as number[]) > MAX_NUMEL) return `${where} has ${numel(d.shape as number[]).toExponential(1)} elements, more than ${MAX_NUMEL.toExponential(0)}`;
  if (!finite(d.mean) || !finite(d.std) || (d.std as number) < 0) return `${where} has a mean or std that is not a finite number (std ≥ 0)`;
  if (!Array.isArray(d.bounds) || d.bounds.length !== 2 || d.bounds.some((b) => b !== null && (typeof b !== 'number' || Number.isNaN(b)))) return `${where} has invalid bounds`;
  // JSON (how VS Code carries messages) turns ±Infinity into null: an open bound comes back as null
  d.bounds = [d.bounds[0] ?? -Infinity, d.bounds[1] ?? Infinity];
  return undefined;
}

/** Sample count and seed as the webview will use them: whole numbers in range. */
export function clampSamples(n: unknown): number {
  const v = finite(n) ? Math.round(n as number) : 100_000;
  return Math.min(Math.max(v, MIN_SAMPLES), MAX_SAMPLES);
}

export function clampSeed(s: unknown): number {
  return finite(s) ? Math.min(Math.max(Math.round(s as number), 0), 2 ** 32 - 1) : 0;
}

function checkDistributionView(v: unknown): string | undefined {
  if (!isObject(v)) return 'the view is missing';
  for (const k of ['title', 'scheme', 'framework', 'formula'] as const) if (typeof v[k] !== 'string') return `the view's ${k} is not text`;
  const problem = distributionProblem(v.distribution, 'the distribution');
  if (problem) return problem;
  // the controls need a known framework, a scheme name and a whole shape; without them the panel is read-only
  const s = v.source as Record<string, unknown> | undefined;
  if (s !== undefined && !(isObject(s) && FRAMEWORKS.has(s.framework as string) && typeof s.scheme === 'string' && isObject(s.params)
    && Array.isArray(s.shape) && s.shape.every((n) => Number.isInteger(n) && (n as number) >= 0))) delete v.source;
  if (v.recommended !== undefined) {
    const r = v.recommended as Record<string, unknown>;
    if (!isObject(r) || typeof r.scheme !== 'string' || typeof r.reason !== 'string') return 'the recommended scheme is malformed';
    return distributionProblem(r.distribution, 'the recommended distribution');
  }
  return undefined;
}

/** The generic stack: a known framework, a scheme name, arguments, an activation; depth and width clamped to what the controls allow. */
function genericProblem(g: unknown): string | undefined {
  if (!isObject(g) || !FRAMEWORKS.has(g.framework as string) || typeof g.scheme !== 'string' || !isObject(g.params) || typeof g.activation !== 'string') {
    return 'the generic stack needs a known framework, a scheme, its arguments and an activation';
  }
  if (!finite(g.depth) || !finite(g.width)) return 'the generic stack\'s depth and width are not numbers';
  g.depth = Math.min(Math.max(Math.round(g.depth as number), 1), MAX_DEPTH);
  g.width = Math.min(Math.max(Math.round(g.width as number), 1), MAX_WIDTH);
  return undefined;
}

function checkSignalView(v: unknown): string | undefined {
  if (!isObject(v) || typeof v.title !== 'string') return 'the view is missing';
  const generic = genericProblem(v.generic);
  if (generic) return generic;
  if (!Array.isArray(v.layers) || v.layers.length > MAX_DEPTH) return `the layer stack must hold at most ${MAX_DEPTH} layers`;
  for (const [i, l] of (v.layers as unknown[]).entries()) {
    if (!isObject(l)) return `layer ${i + 1} is missing`;
    if (!Number.isInteger(l.fanIn) || (l.fanIn as number) < 1 || !Number.isInteger(l.width) || (l.width as number) < 1) return `layer ${i + 1} needs positive whole fanIn and width`;
    if (typeof l.activation !== 'string') return `layer ${i + 1} has no activation name`;
    const problem = distributionProblem(l.weight, `layer ${i + 1}'s weight`);
    if (problem) return problem;
  }
  if (!Array.isArray(v.labels)) return 'the layer labels are missing';
  return undefined;
}

export function checkMessage(raw: unknown): Checked {
  if (!isObject(raw)) return { ok: false, error: 'the message is not an object' };
  const samples = clampSamples(raw.samples);
  const seed = clampSeed(raw.seed);
  switch (raw.type) {
    case 'showDistribution': {
      const problem = checkDistributionView(raw.view);
      return problem ? { ok: false, error: problem } : { ok: true, message: { type: 'showDistribution', view: raw.view as DistributionView, samples, seed } };
    }
    case 'showSignal': {
      const problem = checkSignalView(raw.view);
      return problem ? { ok: false, error: problem } : { ok: true, message: { type: 'showSignal', view: raw.view as SignalView, samples, seed } };
    }
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(raw.type)}` };
  }
}
