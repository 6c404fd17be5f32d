import {
  ACTIVATIONS, findScheme, FRAMEWORKS, frameworkName, parseParamValue, REGISTRIES, type Framework, type ParamValue, type Params,
} from '../src/core';

/** The form fields both control sets share: framework, scheme, its arguments, activation, seed. */

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** 100000 → "100,000", without Intl (whose first use costs the panel ~50 ms of ICU loading). */
export const thousands = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ',');
export const show = (v: ParamValue) => (v === null ? 'None' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

/** The values each framework accepts for its enumerated arguments (fan mode, distribution, nonlinearity). */
const CHOICES: Readonly<Record<string, Partial<Record<Framework, string[]>>>> = {
  mode: { torch: ['fan_in', 'fan_out'], keras: ['fan_in', 'fan_out', 'fan_avg'], jax: ['fan_in', 'fan_out', 'fan_avg'], tfjs: ['fanIn', 'fanOut', 'fanAvg'] },
  distribution: {
    keras: ['truncated_normal', 'untruncated_normal', 'uniform'], jax: ['truncated_normal', 'normal', 'uniform'], tfjs: ['normal', 'uniform', 'truncatedNormal'],
  },
  nonlinearity: {
    torch: ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu'],
  },
};

const options = (values: { value: string; label?: string }[], selected: string) =>
  values.map((v) => `<option value="${esc(v.value)}"${v.value === selected ? ' selected' : ''}>${esc(v.label ?? v.value)}</option>`).join('');

export function frameworkField(selected: Framework): string {
  return `<label>framework <select data-control="framework">${options(FRAMEWORKS.map((f) => ({ value: f, label: frameworkName(f) })), selected)}</select></label>`;
}

/** Every initializer of the framework, and `keep` (a layer default the code uses) when it is not one. */
export function schemeField(framework: Framework, selected: string, keep?: string): string {
  const names = REGISTRIES[framework].filter((s) => s.kind === 'initializer' || s.name === keep || s.name === selected).map((s) => ({ value: s.name }));
  return `<label>scheme <select data-control="scheme">${options(names, selected)}</select></label>`;
}

/** One field per argument of the scheme: a list where the framework takes a fixed set of values, else text as in code. */
export function paramFields(framework: Framework, scheme: string, values: Record<string, string>): string {
  const params = (findScheme(framework, scheme)?.scheme.params ?? []).filter((p) => p.name !== 'tensor');
  return params.map((p) => {
    const value = values[p.name] ?? show(p.default);
    const choices = CHOICES[p.name]?.[framework];
    const attrs = `data-control="param" data-param="${esc(p.name)}"`;
    if (choices) {
      const listed = choices.includes(value) ? choices : [value, ...choices];
      return `<label>${esc(p.name)} <select ${attrs}>${options(listed.map((v) => ({ value: v })), value)}</select></label>`;
    }
    return `<label>${esc(p.name)} <input ${attrs} size="8" value="${esc(value)}"></label>`;
  }).join('');
}

export function activationField(selected: string): string {
  return `<label>activation <select data-control="activation">${options(ACTIVATIONS.map((a) => ({ value: a.name })), selected)}</select></label>`;
}

export function numberField(name: string, value: number, min: number, max: number): string {
  return `<label>${name} <input data-control="${name}" type="number" min="${min}" max="${max}" step="1" size="6" value="${value}"></label>`;
}

export function selectField(name: string, values: { value: string; label?: string }[], selected: string): string {
  return `<label>${name} <select data-control="${name}">${options(values, selected)}</select></label>`;
}

export const RESET_AND_ERROR = '<button type="button" data-control="reset">Reset to the code</button><span class="control-error" data-control-error></span>';

/** The value of a named control, if the form has it. */
export function controlValue(form: HTMLElement, name: string): string | undefined {
  return form.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-control="${name}"]`)?.value;
}

export function readParams(form: HTMLElement): Record<string, string> {
  const params: Record<string, string> = {};
  form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-control="param"]').forEach((input) => {
    params[input.dataset.param!] = input.value;
  });
  return params;
}

/** A whole number from a field, clamped to [min, max]; `fallback` when it is not a number. */
export function wholeNumber(text: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(text);
  return Number.isFinite(n) && text?.trim() !== '' ? Math.min(Math.max(Math.round(n), min), max) : fallback;
}

/** The arguments as the core takes them; empty fields take the framework's default. */
export function parsedParams(values: Record<string, string>): Params {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, parseParamValue(v)]));
}
