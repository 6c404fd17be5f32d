import { resolve } from '../../core';
import type { Finding, TextEdit } from '../finding';
import type { InitEditor, ModelAnalysis } from '../initEditor';
import type { InitSite, Layer } from '../model';
import { fmt } from '../numberFormat';
import { finding, fix, followingActivation, isWeight, layerName, torchNameFor } from './siteFacts';

/** Schemes with an absolute scale, and the argument names that hold it. */
const FIXED: Record<string, { std?: string; low?: string; high?: string }> = {
  'torch.normal_': { std: 'std' },
  'torch.uniform_': { low: 'a', high: 'b' },
  'keras.RandomNormal': { std: 'stddev' },
  'keras.TruncatedNormal': { std: 'stddev' },
  'keras.RandomUniform': { low: 'minval', high: 'maxval' },
  'jax.normal': { std: 'stddev' },
  'jax.truncated_normal': { std: 'stddev' },
  'tfjs.randomNormal': { std: 'stddev' },
  'tfjs.truncatedNormal': { std: 'stddev' },
  'tfjs.randomUniform': { low: 'minval', high: 'maxval' },
};

const TRUNCATED = ['TruncatedNormal', 'truncated_normal', 'truncatedNormal'];

/** std of a truncated N(0, 1) cut at ±2: Keras and JAX draw at stddev/0.8796 to make up for it only in VarianceScaling. */
const TRUNCATED_STD = 0.8796256610342398;

function layoutShape(site: InitSite, layer: Layer): number[] {
  const fanIn = layer.fanIn!;
  const fanOut = layer.fanOut ?? fanIn;
  return layer.shape ?? (site.framework === 'torch' ? [fanOut, fanIn] : [fanIn, fanOut]);
}

/** INIT010: a hard-coded std or bound more than 3x off the variance-preserving scale. */
export function hardCodedScaleOff(a: ModelAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const site of a.sites) {
    const spec = FIXED[`${site.framework}.${site.scheme.name}`];
    if (!spec || !isWeight(site) || Object.values(site.args).some((arg) => arg.value === undefined || arg.gainOf)) continue;
    const params = Object.fromEntries(Object.entries(site.args).map(([k, v]) => [k, v.value!]));
    for (const layer of site.targets) {
      const following = followingActivation(layer);
      const linear = layer.activation?.name === 'linear' && layer.activation.via === 'followed by a layer';
      if (!layer.fanIn || layer.norm || (!following && !linear)) continue;
      let actual: number;
      let mean: number;
      try {
        const d = resolve(site.scheme, layoutShape(site, layer), params);
        actual = d.std;
        mean = d.mean;
      } catch {
        continue;
      }
      const right = following ? torchNameFor(following.act, following.slope) : { name: 'linear', gain: 1 };
      const ideal = right.gain / Math.sqrt(layer.fanIn);
      const ratio = actual / ideal;
      if (ratio <= 3 && ratio >= 1 / 3) continue;
      // One literal for layers that need different scales (a guarded loop) has no single right value
      const ideals = site.targets.flatMap((l) => {
        const f = followingActivation(l);
        return l.fanIn && f ? [torchNameFor(f.act, f.slope).gain / Math.sqrt(l.fanIn)] : [];
      });
      const agreed = ideals.every((x) => Math.abs(x / ideal - 1) < 0.01);
      const off = ratio > 1 ? `${ratio.toPrecision(2)}x larger` : `${(1 / ratio).toPrecision(2)}x smaller`;
      findings.push(finding('INIT010', site.node,
        `std ${actual.toPrecision(3)} on ${layerName(layer)} (fan_in ${layer.fanIn}, then ${right.name === 'linear' ? 'no activation' : following!.act.name}) is ` +
        `${off} than the variance-preserving gain/√fan_in = ${right.gain.toPrecision(3)}/√${layer.fanIn} = ${ideal.toPrecision(3)}: ` +
        `the signal's variance ${ratio > 1 ? 'grows' : 'shrinks'} by ${(ratio > 1 ? ratio * ratio : 1 / (ratio * ratio)).toPrecision(2)}x per layer.`,
        agreed ? fix(`Use the variance-preserving scale ${fmt(ideal)}`, rescale(a.editor, site, spec, ideal, mean)) : []));
      break;
    }
  }
  return findings;
}

function rescale(editor: InitEditor, site: InitSite, spec: { std?: string; low?: string; high?: string }, ideal: number, mean: number): TextEdit[] | undefined {
  if (spec.std) {
    const std = TRUNCATED.includes(site.scheme.name) ? ideal / TRUNCATED_STD : ideal;
    const arg = site.args[spec.std];
    if (arg) return [editor.literal(arg.node, std)];
    return site.style === 'argument' && site.expression.type === 'string' ? undefined : [editor.addArgument(site.expression, spec.std, std)];
  }
  const low = site.args[spec.low!];
  const high = site.args[spec.high!];
  if (!low || !high || Math.abs(mean) > 1e-12) return undefined;
  const bound = Number(fmt(ideal * Math.sqrt(3)));
  return [editor.literal(low.node, -bound), editor.literal(high.node, bound)];
}
