import { DENSE_DEFAULT, findScheme, frameworkName, resolve, type Framework, type LayerSpec } from '../src/core';
import type { GenericStack, SignalView } from '../src/protocol';
import {
  activationField, controlValue, frameworkField, numberField, paramFields, parsedParams, readParams, RESET_AND_ERROR, schemeField, selectField, show,
  wholeNumber,
} from './fields';

/** The signal view's controls: which stack (the model's or a generic one), the generic stack's init, activation, depth and width, and the Monte Carlo batch and seed. */
export interface SignalState {
  stack: 'model' | 'generic';
  framework: Framework;
  scheme: string;
  params: Record<string, string>;
  activation: string;
  depth: number;
  width: number;
  batch: number;
  seed: number;
}

export const MAX_DEPTH = 1000;
export const MAX_WIDTH = 4096;
export const BATCH_CHOICES = [0, 16, 64, 256];

/** The state "as in the code": the model's stack when there is one. */
export function initialSignalState(view: SignalView, batch: number, seed: number): SignalState {
  const g = view.generic;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(g.params)) params[k] = show(v);
  return {
    stack: view.layers.length ? 'model' : 'generic', framework: g.framework, scheme: g.scheme, params, activation: g.activation, depth: g.depth, width: g.width, batch, seed,
  };
}

export function signalControlsHtml(view: SignalView, state: SignalState): string {
  const stacks = [
    ...(view.layers.length ? [{ value: 'model', label: `the file's model (${view.layers.length} layers)` }] : []),
    { value: 'generic', label: 'a generic stack' },
  ];
  const generic = state.stack === 'generic'
    ? frameworkField(state.framework) + schemeField(state.framework, state.scheme, view.generic.scheme) + paramFields(state.framework, state.scheme, state.params)
      + activationField(state.activation) + numberField('depth', state.depth, 1, MAX_DEPTH) + numberField('width', state.width, 1, MAX_WIDTH)
    : '';
  return '<form class="controls" data-controls="signal">'
    + selectField('stack', stacks, state.stack)
    + generic
    + selectField('batch', BATCH_CHOICES.map((b) => ({ value: String(b), label: b ? `${b} rows` : 'mean field only' })), String(state.batch))
    + numberField('seed', state.seed, 0, 2 ** 32 - 1)
    + RESET_AND_ERROR
    + '</form>';
}

/** Reads the form back; another framework or scheme starts from that scheme's defaults. */
export function readSignalControls(form: HTMLElement, previous: SignalState, view: SignalView): SignalState {
  const stack = controlValue(form, 'stack') === 'model' && view.layers.length ? 'model' : 'generic';
  const framework = (controlValue(form, 'framework') ?? previous.framework) as Framework;
  const frameworkChanged = framework !== previous.framework;
  // a framework's own dense default (torch `Linear`) is what its generic stack starts from
  const scheme = frameworkChanged ? DENSE_DEFAULT[framework] : controlValue(form, 'scheme') ?? previous.scheme;
  return {
    stack, framework, scheme,
    params: scheme === previous.scheme && !frameworkChanged ? readParams(form) : {},
    activation: controlValue(form, 'activation') ?? previous.activation,
    depth: wholeNumber(controlValue(form, 'depth'), previous.depth, 1, MAX_DEPTH),
    width: wholeNumber(controlValue(form, 'width'), previous.width, 1, MAX_WIDTH),
    batch: wholeNumber(controlValue(form, 'batch'), previous.batch, 0, 256),
    seed: wholeNumber(controlValue(form, 'seed'), 0, 0, 2 ** 32 - 1),
  };
}

/** The generic stack as the core propagates it; throws the framework's error for bad arguments. */
export function genericLayers(g: GenericStack): { layers: LayerSpec[]; labels: string[] } {
  const scheme = findScheme(g.framework, g.scheme)?.scheme;
  if (!scheme) throw new Error(`${frameworkName(g.framework)} has no scheme ${g.scheme}`);
  const weight = resolve(scheme, [g.width, g.width], g.params);
  const layers = Array.from({ length: g.depth }, (): LayerSpec => ({ fanIn: g.width, width: g.width, activation: g.activation, weight, framework: g.framework }));
  return { layers, labels: layers.map((_, i) => `layer ${i + 1}`) };
}

/** The stack the controls describe. */
export function stackFor(view: SignalView, state: SignalState): { layers: LayerSpec[]; labels: string[]; title: string } {
  if (state.stack === 'model') return { layers: view.layers, labels: view.labels, title: view.title };
  const g: GenericStack = { ...state, params: parsedParams(state.params) };
  return { ...genericLayers(g), title: `${g.depth} × ${g.width}-wide layers, ${g.scheme}, ${g.activation}` };
}

/** The Monte Carlo pass samples every weight and multiplies each row through every layer, forward and back. */
const MAX_WEIGHTS = 2e7;
const MAX_MULTIPLY_ADDS = 5e8;

/** The batch the Monte Carlo pass can afford for this stack (0: mean field only), and why it is smaller than asked. */
export function affordableBatch(layers: LayerSpec[], wanted: number): { batch: number; note?: string } {
  const weights = layers.reduce((s, l) => s + l.fanIn * l.width, 0);
  if (wanted === 0) return { batch: 0 };
  if (weights > MAX_WEIGHTS) return { batch: 0, note: `Monte Carlo skipped: the stack holds ${weights.toExponential(1)} weights, more than ${MAX_WEIGHTS.toExponential(0)}; the mean field needs none of them.` };
  const batch = Math.min(wanted, Math.floor(MAX_MULTIPLY_ADDS / (2 * weights)));
  if (batch < 4) return { batch: 0, note: `Monte Carlo skipped: even 4 rows would take more than ${MAX_MULTIPLY_ADDS.toExponential(0)} multiply-adds.` };
  return batch < wanted ? { batch, note: `Monte Carlo with ${batch} rows instead of ${wanted}, to stay within ${MAX_MULTIPLY_ADDS.toExponential(0)} multiply-adds.` } : { batch };
}
