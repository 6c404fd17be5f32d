import { findScheme, InitError, resolve, type Distribution, type Framework, type Params, type Scheme } from '../core';
import type { InitSite, Layer } from './model';

/** What an init site or a layer default amounts to, for hovers, inlay hints and the preview. */
export interface ResolvedInit {
  framework: Framework;
  scheme: Scheme;
  /** The literal arguments it was given (the rest take the framework's defaults). */
  params: Params;
  /** The tensor's shape in the framework's layout, when the layer's widths are known. */
  shape?: number[];
  /** Undefined when the shape or a non-literal argument leaves the numbers unknown. */
  distribution?: Distribution;
  /** Why there are no numbers, or the framework's error. */
  reason?: string;
  /** The framework's own quirk that applies here, in one sentence. */
  quirk?: string;
}

/** The tensor a site fills: the layer's weight/kernel shape, or its bias as [out]. */
function tensorShape(site: InitSite, layer: Layer | undefined): number[] | undefined {
  if (!layer?.shape) return undefined;
  if (!site.tensor || !/bias/.test(site.tensor)) return layer.shape;
  const out = site.framework === 'torch' ? layer.shape[0] : layer.shape[layer.shape.length - 1];
  return out === undefined ? undefined : [out];
}

/** The quirk of a framework that users rarely know, where it changes the numbers. */
function quirkOf(scheme: Scheme, d: Distribution | undefined, params: Params): string | undefined {
  const name = scheme.name;
  if (scheme.framework === 'tfjs' && d?.family === 'truncatedNormal' && /normal/i.test(name)) {
    return "TF.js cuts its 'normal' at ±2σ without Keras's correction: it realises only 0.77 of the nominal variance";
  }
  if (scheme.framework === 'torch' && name === 'trunc_normal_') {
    return 'a and b are absolute values, not multiples of std: with a small std nothing is truncated';
  }
  if (scheme.framework === 'torch' && scheme.kind === 'layerDefault' && /Linear|Conv/.test(name)) {
    return "PyTorch's default is kaiming_uniform_(a=√5): Var = 1/(3·fan_in), a sixth of what ReLU needs";
  }
  if ((scheme.framework === 'keras' || scheme.framework === 'jax') && /truncated/i.test(name) && params.stddev !== undefined) {
    return 'the stddev is of the parent normal: after the cut at ±2σ the real std is 0.88 of it';
  }
  if (scheme.framework === 'torch' && name === 'kaiming_normal_' && params.nonlinearity === 'selu') {
    return "calculate_gain('selu') is 3/4 on purpose: it does not give SELU's self-normalizing LeCun normal";
  }
  return undefined;
}

function resolved(framework: Framework, scheme: Scheme, params: Params, shape: number[] | undefined, reason?: string): ResolvedInit {
  if (!shape) return { framework, scheme, params, reason: reason ?? "the layer's widths are not literals or constants" };
  try {
    const distribution = resolve(scheme, shape, params);
    return { framework, scheme, params, shape, distribution, quirk: quirkOf(scheme, distribution, params) };
  } catch (e) {
    if (e instanceof InitError || e instanceof TypeError) return { framework, scheme, params, shape, reason: `${e instanceof InitError ? `${e.errorType}: ` : ''}${e.message}` };
    throw e;
  }
}

/** The distribution an init site fills its tensor with. */
export function resolveSite(site: InitSite, layer: Layer | undefined = site.targets[0]): ResolvedInit {
  const params: Record<string, Params[string]> = {};
  const unknown: string[] = [];
  for (const [name, arg] of Object.entries(site.args)) {
    if (arg.value === undefined) unknown.push(name);
    else params[name] = arg.value;
  }
  if (unknown.length) {
    return { framework: site.framework, scheme: site.scheme, params, reason: `${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not a literal` };
  }
  const shape = tensorShape(site, layer);
  // Fixed-scale schemes (normal_, RandomNormal) do not need the widths: a stand-in shape gives their numbers
  const standIn = shape ?? [2, 2];
  if (!shape) {
    const a = resolved(site.framework, site.scheme, params, standIn);
    const b = resolved(site.framework, site.scheme, params, [3, 5]);
    if (a.distribution && b.distribution && a.distribution.std === b.distribution.std && !a.distribution.fans) {
      return { ...a, shape: undefined };
    }
    return resolved(site.framework, site.scheme, params, undefined);
  }
  return resolved(site.framework, site.scheme, params, shape);
}

/** What a layer that keeps its framework's default fills its weight with. */
export function resolveLayerDefault(layer: Layer): ResolvedInit | undefined {
  const match = findScheme(layer.framework, layer.kind);
  if (!match || match.scheme.kind !== 'layerDefault') return undefined;
  return resolved(layer.framework, match.scheme, {}, layer.shape);
}
