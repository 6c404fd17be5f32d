import {
  convertShape, findScheme, frameworkName, recommend, REGISTRIES, resolve, type Distribution, type Framework,
} from '../src/core';
import type { DistributionView } from '../src/protocol';
import {
  activationField, controlValue, esc, frameworkField, numberField, paramFields, parsedParams, readParams, RESET_AND_ERROR, schemeField, selectField, show,
  thousands, wholeNumber,
} from './fields';

/** The distribution view's controls: framework, scheme, its arguments, shape, activation, samples, seed. */
export interface ControlState {
  framework: Framework;
  scheme: string;
  params: Record<string, string>;
  /** The weight's shape in the framework's layout, as typed: `256, 784`. */
  shape: string;
  activation: string;
  samples: number;
  seed: number;
}

export const SAMPLE_CHOICES = [10_000, 100_000, 1_000_000];

/** The state "as in the code". */
export function initialState(view: DistributionView, samples: number, seed: number): ControlState {
  const source = view.source!;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(source.params)) params[k] = show(v);
  return { framework: source.framework, scheme: source.scheme, params, shape: source.shape.join(', '), activation: view.activation ?? 'linear', samples, seed };
}

export const sameState = (a: ControlState, b: ControlState) => JSON.stringify(a) === JSON.stringify(b);

/** The form; its fields carry `data-control` names the change handler reads back. */
export function controlsHtml(view: DistributionView, state: ControlState): string {
  const keep = state.framework === view.source!.framework ? view.source!.scheme : undefined;
  return '<form class="controls" data-controls="distribution">'
    + frameworkField(state.framework)
    + schemeField(state.framework, state.scheme, keep)
    + paramFields(state.framework, state.scheme, state.params)
    + `<label>shape <input data-control="shape" size="12" value="${esc(state.shape)}" title="in ${esc(frameworkName(state.framework))}'s layout"></label>`
    + activationField(state.activation)
    + selectField('samples', SAMPLE_CHOICES.map((n) => ({ value: String(n), label: thousands(n) })), String(state.samples))
    + numberField('seed', state.seed, 0, 2 ** 32 - 1)
    + RESET_AND_ERROR
    + '</form>';
}

/** A normal is nearer a truncated normal than a uniform is. */
const bellShaped = (f: Distribution['family']) => f === 'normal' || f === 'truncatedNormal';
const familyGap = (a: Distribution['family'], b: Distribution['family']) => (a === b ? 0 : bellShaped(a) && bellShaped(b) ? 0.005 : 0.01);

/**
 * The scheme of `framework` whose defaults come nearest the distribution: the same std first
 * (|log| of the ratio), then the family (a normal before a uniform) and the mean. PyTorch's kaiming_normal_ becomes Keras's
 * HeNormal, xavier_uniform_ becomes glorotUniform.
 */
export function nearestScheme(framework: Framework, d: Distribution, shape: number[]): string {
  let best = { name: REGISTRIES[framework][0].name, score: Infinity };
  for (const s of REGISTRIES[framework]) {
    if (s.kind !== 'initializer') continue;
    let r: Distribution;
    try {
      r = resolve(s, shape, {});
    } catch {
      continue;
    }
    const stdGap = r.std > 0 && d.std > 0 ? Math.abs(Math.log(r.std / d.std)) : r.std === d.std ? 0 : 10;
    const score = stdGap + familyGap(r.family, d.family) + Math.abs(r.mean - d.mean) / (d.std || 1);
    if (score < best.score) best = { name: s.name, score };
  }
  return best.name;
}

/** Reads the form back; another framework brings its nearest scheme and the shape in its layout, another scheme its defaults. */
export function readControls(form: HTMLElement, previous: ControlState, base: DistributionView): ControlState {
  const framework = (controlValue(form, 'framework') ?? previous.framework) as Framework;
  const common = {
    activation: controlValue(form, 'activation') ?? previous.activation,
    samples: Number(controlValue(form, 'samples')) || previous.samples,
    seed: wholeNumber(controlValue(form, 'seed'), 0, 0, 2 ** 32 - 1),
  };
  if (framework !== previous.framework) {
    const shape = convertShape(parseShape(previous.shape), previous.framework, framework);
    let current: Distribution = base.distribution;
    try {
      current = viewFor(base, previous).distribution;
    } catch {
      // the previous state did not resolve: match the code's distribution instead
    }
    return { ...common, framework, scheme: nearestScheme(framework, current, shape), params: {}, shape: shape.join(', ') };
  }
  const scheme = controlValue(form, 'scheme') ?? previous.scheme;
  return { ...common, framework, scheme, params: scheme === previous.scheme ? readParams(form) : {}, shape: controlValue(form, 'shape') ?? previous.shape };
}

/** `256, 784` or `[256, 784]` as whole positive dimensions; throws what is wrong. */
export function parseShape(text: string): number[] {
  const parts = text.replace(/^\s*[[(]|[\])]\s*$/g, '').split(/[,\s×x]+/).filter((p) => p !== '');
  const dims = parts.map(Number);
  if (dims.length === 0 || dims.length > 6 || !dims.every((n) => Number.isInteger(n) && n >= 1 && n <= 1e6)) {
    throw new Error(`shape "${text}" is not 1 to 6 whole sizes from 1 to 1,000,000`);
  }
  if (dims.reduce((a, b) => a * b, 1) > 1e9) throw new Error(`shape "${text}" holds more than 10^9 weights`);
  return dims;
}

/** The view the controls describe, re-resolved by the core; throws the framework's error for bad arguments. */
export function viewFor(base: DistributionView, state: ControlState): DistributionView {
  const scheme = findScheme(state.framework, state.scheme)?.scheme;
  if (!scheme) throw new Error(`${frameworkName(state.framework)} has no scheme ${state.scheme}`);
  const shape = parseShape(state.shape);
  const distribution: Distribution = resolve(scheme, shape, parsedParams(state.params));
  const slope = base.source?.slope;
  const fitting = state.activation !== 'linear' ? recommend(state.activation, state.framework, slope) : undefined;
  const fit = fitting && findScheme(state.framework, fitting.scheme)?.scheme;
  return {
    ...base,
    scheme: scheme.name,
    framework: frameworkName(state.framework),
    formula: scheme.formula,
    distribution,
    activation: state.activation === 'linear' ? undefined : state.activation,
    recommended: fit && fitting ? { scheme: fitting.scheme, reason: fitting.reason, distribution: resolve(fit, shape, fitting.params) } : undefined,
  };
}
