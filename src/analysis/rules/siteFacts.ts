import {
  calculateGain, findActivation, isTorchNonlinearity, JAX_VARIANCE_SCALING_PRESETS, KERAS_VARIANCE_SCALING_PRESETS,
  TFJS_VARIANCE_SCALING_PRESETS, type Activation,
} from '../../core';
import type { Finding, Fix, RuleCode, TextEdit } from '../finding';
import type { InitSite, Layer } from '../model';
import type { Node } from '../parser';
import { rangeOf } from '../syntax';
import { RULE_BY_CODE } from './catalog';

/** Facts about init sites and layers that several rules share. */

/**
 * A finding on `node`. A node with a syntax error inside is being typed: a fix written into it
 * cannot be read back (the finding stays, and fix-all wrote it again at every pass), so it gets none.
 */
export function finding(code: RuleCode, node: Node, message: string, fixes: Fix[] = []): Finding {
  return { code, severity: RULE_BY_CODE.get(code)!.defaultSeverity, message, range: rangeOf(node), fixes: node.hasError ? [] : fixes };
}

export function fix(title: string, edits: TextEdit[] | undefined): Fix[] {
  return edits ? [{ title, edits }] : [];
}

export const isBias = (tensor: string | undefined) => !!tensor && /bias/.test(tensor);

/** A weight tensor of a dense layer (not its bias, not a norm scale). */
export function isWeight(site: InitSite): boolean {
  return !!site.tensor && !isBias(site.tensor) && /weight|kernel/.test(site.tensor) && !/lora_A/i.test(site.tensor);
}

/** The activation after a layer, when it is a real nonlinearity (not an output, not linear). */
export function followingActivation(layer: Layer): { act: Activation; slope: number } | undefined {
  // recurrent and embedding layers apply their own activations inside: no rule reads past them
  if (!layer.dense || !layer.activation || layer.activation.name === 'linear') return undefined;
  const act = findActivation(layer.activation.name);
  if (!act) return undefined;
  // Only a rectifier's negative slope changes He's scale; ELU's alpha does not
  const rectifier = act.name === 'leaky_relu' || act.name === 'prelu';
  return { act, slope: rectifier ? layer.activation.slope ?? act.defaultSlope ?? 0 : 0 };
}

/** The gain PyTorch's calculate_gain gives for the activation that follows (its nearest accepted name). */
export function torchNameFor(act: Activation, slope: number): { name: string; param?: number; gain: number } {
  if (act.name === 'leaky_relu' || act.name === 'prelu') return { name: 'leaky_relu', param: slope, gain: calculateGain('leaky_relu', slope) };
  if (act.kind === 'reluLike') return { name: 'relu', gain: Math.SQRT2 };
  if (act.name === 'sigmoid' || act.name === 'hard_sigmoid') return { name: 'sigmoid', gain: 1 };
  if (act.kind === 'saturating') return { name: 'tanh', gain: 5 / 3 };
  if (act.kind === 'selu') return { name: 'selu', gain: 0.75 };
  return { name: 'linear', gain: 1 };
}

const agreement = new WeakMap<readonly Layer[], boolean>();

/**
 * Whether one init fits every layer a site sets: the activations after them want the same gain.
 * A `self.modules()` loop over layers before ReLU and before sigmoid has no single right init: a
 * fix for one layer made another rule fix it back, at every pass of fix-all. Such a site gets no fix.
 */
export function targetsAgree(site: InitSite): boolean {
  let agree = agreement.get(site.targets);
  if (agree === undefined) {
    const wanted = new Set<string>();
    for (const layer of site.targets) {
      const following = followingActivation(layer);
      const gain = following && torchNameFor(following.act, following.slope);
      if (gain) wanted.add(`${gain.name}:${gain.param ?? ''}`);
    }
    agreement.set(site.targets, (agree = wanted.size <= 1));
  }
  return agree;
}

/** How a site scales its variance, when it is a fan-based scheme with known arguments. */
export interface Scaling {
  family: 'xavier' | 'lecun' | 'he' | 'other';
  /** Var(W) = scale / fan(mode), nominally. */
  scale: number;
  /** The scale really drawn: TF.js's uncorrected 'normal' realises ≈ 0.774 of it. */
  realised: number;
  mode: string;
  distribution: string;
  /** The nonlinearity named by a `nonlinearity=` or `calculate_gain(…)` argument. */
  named?: { name: string; node: Node; param?: number; viaGain: boolean };
}

const familyOf = (scale: number, mode: string): Scaling['family'] => {
  if (mode === 'fan_avg' && Math.abs(scale - 1) < 0.1) return 'xavier';
  if (mode === 'fan_in' && Math.abs(scale - 1) < 0.1) return 'lecun';
  if ((mode === 'fan_in' || mode === 'fan_out') && scale > 1.6 && scale < 2.4) return 'he';
  return 'other';
};

/** TF.js spells modes `fanIn`/`fanOut`/`fanAvg`. */
const modeName = (mode: string) => mode.replace(/^fan([A-Z])/, (_, c: string) => `fan_${c.toLowerCase()}`);

const scalings = new WeakMap<InitSite, Scaling | null>();

/** Read once per site: five rules ask. */
export function scalingOf(site: InitSite): Scaling | undefined {
  let scaling = scalings.get(site);
  if (scaling === undefined) {
    const s = nominalScaling(site);
    const uncorrected = site.framework === 'tfjs' && s?.distribution === 'normal';
    scalings.set(site, (scaling = s ? { ...s, realised: uncorrected ? s.scale * TFJS_NORMAL_FACTOR : s.scale } : null));
  }
  return scaling ?? undefined;
}

/** Each framework's named variance-scaling presets, as (names, scale, mode, distribution). */
const PRESETS: Readonly<Record<Exclude<InitSite['framework'], 'torch'>, readonly (readonly [readonly string[], number, string, string])[]>> = {
  keras: KERAS_VARIANCE_SCALING_PRESETS.map(([cls, snake, scale, mode, distribution]) => [[cls, snake], scale, mode, distribution] as const),
  tfjs: TFJS_VARIANCE_SCALING_PRESETS.map(([id, scale, mode, distribution]) => [[id], scale, modeName(mode), distribution] as const),
  jax: JAX_VARIANCE_SCALING_PRESETS,
};

function nominalScaling(site: InitSite): Omit<Scaling, 'realised'> | undefined {
  const name = site.scheme.name;
  const value = (key: string) => site.args[key]?.value;
  if (site.framework === 'torch') {
    if (name === 'xavier_uniform_' || name === 'xavier_normal_' || name === 'orthogonal_') {
      const gainArg = site.args.gain;
      const gain = gainArg ? gainArg.value : 1;
      if (typeof gain !== 'number') return undefined;
      const named = gainArg?.gainOf ? { name: gainArg.gainOf.name, node: gainArg.gainOf.nameNode, param: gainArg.gainOf.param, viaGain: true } : undefined;
      const scale = gain * gain;
      return {
        family: scale >= 1.6 ? 'he' : 'xavier', scale, mode: name === 'orthogonal_' ? 'fan_in' : 'fan_avg',
        distribution: name.includes('normal') ? 'normal' : 'uniform', named,
      };
    }
    if (name === 'kaiming_uniform_' || name === 'kaiming_normal_') {
      const nonlinearity = value('nonlinearity') ?? 'leaky_relu';
      const a = value('a') ?? 0;
      const mode = value('mode') ?? 'fan_in';
      if (typeof nonlinearity !== 'string' || typeof mode !== 'string' || (a !== null && typeof a !== 'number')) return undefined;
      const nlArg = site.args.nonlinearity;
      const named = nlArg ? { name: nonlinearity, node: nlArg.node, param: typeof a === 'number' ? a : undefined, viaGain: false } : undefined;
      if (!isTorchNonlinearity(nonlinearity)) return { family: 'other', scale: NaN, mode, distribution: 'normal', named };
      const gain = calculateGain(nonlinearity, a);
      return { family: familyOf(gain * gain, mode === 'fan_out' ? 'fan_in' : mode), scale: gain * gain, mode, distribution: name.includes('normal') ? 'normal' : 'uniform', named };
    }
    return undefined;
  }
  for (const [names, scale, mode, distribution] of PRESETS[site.framework]) {
    if (names.includes(name)) return { family: familyOf(scale, mode), scale, mode, distribution };
  }
  if (name === 'VarianceScaling' || name === 'variance_scaling' || name === 'varianceScaling') {
    const scale = value('scale') ?? 1;
    const mode = value('mode') ?? 'fan_in';
    const distribution = value('distribution') ?? (site.framework === 'keras' ? 'truncated_normal' : site.framework === 'tfjs' ? 'normal' : undefined);
    if (typeof scale !== 'number' || typeof mode !== 'string' || typeof distribution !== 'string') return undefined;
    return { family: familyOf(scale, modeName(mode)), scale, mode: modeName(mode), distribution };
  }
  return undefined;
}

const weightSites = new WeakMap<readonly InitSite[], Map<Layer, InitSite[]>>();

/** Sites that set a layer's weight explicitly (indexed once per list of sites). */
export function weightSitesOf(layer: Layer, sites: readonly InitSite[]): InitSite[] {
  let index = weightSites.get(sites);
  if (!index) {
    index = new Map();
    for (const site of sites) {
      if (!isWeight(site)) continue;
      // pushed, not copied: an `.apply(fn)` site targets every layer of the file
      for (const target of site.targets) {
        const list = index.get(target);
        if (list) list.push(site); else index.set(target, [site]);
      }
    }
    weightSites.set(sites, index);
  }
  return index.get(layer) ?? [];
}

/** The kind of constant a site fills with, if it is one. */
export function constantValue(site: InitSite): number | undefined {
  const name = site.scheme.name.toLowerCase().replace(/_$/, '');
  if (name === 'zeros' || name === 'zeros_init') return 0;
  if (name === 'ones' || name === 'ones_init') return 1;
  if (name === 'constant') {
    const v = site.args.val?.value ?? site.args.value?.value;
    return typeof v === 'number' ? v : NaN;
  }
  return undefined;
}

/** Zero init is expected at the end of a residual branch and on LoRA's B matrix. */
export function zeroInitIsIntended(layer: Layer, site: InitSite): boolean {
  const names = [...layer.refs, site.tensor ?? '', site.tensorNode?.text ?? ''];
  return layer.residualEnd || layer.norm || names.some((n) => /lora_?b|lora_up|zero_?init/i.test(n));
}

/**
 * TF.js draws its 'normal' initializers (heNormal, glorotNormal, leCunNormal) from a normal cut at ±2σ
 * without Keras's 0.8796 correction, so they realise ≈ 0.774 of the nominal variance. Users rarely know.
 */
export const TFJS_NORMAL_FACTOR = 0.7737413;

export function tfjsNote(site: InitSite): string {
  return site.framework === 'tfjs'
    ? `; in TF.js the uniform presets are exact, while heNormal/glorotNormal/leCunNormal are cut at ±2σ without Keras's correction and realise only ${TFJS_NORMAL_FACTOR.toFixed(2)} of their variance`
    : '';
}

/** Short human name of a layer: its first ref or its kind and line. */
export function layerName(layer: Layer): string {
  return layer.refs[0] ?? `${layer.kind} on line ${layer.call.startPosition.row + 1}`;
}
