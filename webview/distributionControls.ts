import {
  ACTIVATIONS, findScheme, parseParamValue, recommend, REGISTRIES, resolve, type Distribution, type ParamValue, type Params,
} from '../src/core';
import type { DistributionView } from '../src/protocol';

/** The panel's controls for one distribution view: scheme, its arguments, the activation, samples, seed. */
export interface ControlState {
  scheme: string;
  params: Record<string, string>;
  activation: string;
  samples: number;
  seed: number;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const show = (v: ParamValue) => (v === null ? 'None' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
export const SAMPLE_CHOICES = [10_000, 100_000, 1_000_000];

/** The state "as in the code". */
export function initialState(view: DistributionView, samples: number, seed: number): ControlState {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(view.source?.params ?? {})) params[k] = show(v);
  return { scheme: view.source?.scheme ?? view.scheme, params, activation: view.activation ?? 'linear', samples, seed };
}

/** The form; its fields carry `data-control` names the change handler reads back. */
export function controlsHtml(view: DistributionView, state: ControlState): string {
  const source = view.source!;
  const schemes = REGISTRIES[source.framework].filter((s) => s.kind === 'initializer' || s.name === source.scheme);
  const scheme = findScheme(source.framework, state.scheme)?.scheme;
  const params = (scheme?.params ?? []).filter((p) => p.name !== 'tensor');
  const options = (values: string[], selected: string) => values.map((v) => `<option${v === selected ? ' selected' : ''}>${esc(v)}</option>`).join('');
  return '<form class="controls" data-controls="distribution">'
    + `<label>scheme <select data-control="scheme">${options(schemes.map((s) => s.name), state.scheme)}</select></label>`
    + params.map((p) => `<label>${esc(p.name)} <input data-control="param" data-param="${esc(p.name)}" size="8" value="${esc(state.params[p.name] ?? show(p.default))}"></label>`).join('')
    + `<label>activation <select data-control="activation">${options(ACTIVATIONS.map((a) => a.name), state.activation)}</select></label>`
    + `<label>samples <select data-control="samples">${SAMPLE_CHOICES.map((n) => `<option value="${n}"${n === state.samples ? ' selected' : ''}>${n.toLocaleString('en-US')}</option>`).join('')}</select></label>`
    + `<label>seed <input data-control="seed" type="number" min="0" step="1" size="6" value="${state.seed}"></label>`
    + '<button type="button" data-control="reset">Reset to the code</button>'
    + '<span class="control-error" data-control-error></span>'
    + '</form>';
}

/** Reads the form back. */
export function readControls(form: HTMLElement, previous: ControlState): ControlState {
  const value = (name: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-control="${name}"]`)?.value;
  const params: Record<string, string> = {};
  form.querySelectorAll<HTMLInputElement>('[data-control="param"]').forEach((input) => {
    params[input.dataset.param!] = input.value;
  });
  const scheme = value('scheme') ?? previous.scheme;
  return {
    // another scheme starts from its own defaults
    scheme, params: scheme === previous.scheme ? params : {},
    activation: value('activation') ?? previous.activation,
    samples: Number(value('samples')) || previous.samples,
    seed: Math.max(0, Math.round(Number(value('seed')) || 0)),
  };
}

/** The view the controls describe, re-resolved by the core; throws the framework's error for bad arguments. */
export function viewFor(base: DistributionView, state: ControlState): DistributionView {
  const source = base.source!;
  const scheme = findScheme(source.framework, state.scheme)?.scheme;
  if (!scheme) throw new Error(`${source.framework} has no scheme ${state.scheme}`);
  const params: Params = Object.fromEntries(Object.entries(state.params).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, parseParamValue(v)]));
  const distribution: Distribution = resolve(scheme, source.shape, params);
  const fitting = state.activation !== 'linear' ? recommend(state.activation, source.framework, source.slope) : undefined;
  const fit = fitting && findScheme(source.framework, fitting.scheme)?.scheme;
  return {
    ...base,
    scheme: scheme.name,
    formula: scheme.formula,
    distribution,
    activation: state.activation === 'linear' ? undefined : state.activation,
    recommended: fit && fitting ? { scheme: fitting.scheme, reason: fitting.reason, distribution: resolve(fit, source.shape, fitting.params) } : undefined,
  };
}
