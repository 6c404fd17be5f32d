import type { Finding } from '../finding';
import type { Layer } from '../model';
import type { ModelAnalysis } from '../initEditor';
import { depthOf, squareNote } from './signalFactor';
import { finding, fix, followingActivation, layerName, TFJS_NORMAL_FACTOR, weightSitesOf } from './siteFacts';

/** Each framework's default kernel init and its variance per fan_in, for a square layer. */
function defaultOf(layer: Layer): { name: string; variance: string; perFanIn: number } {
  const fanIn = layer.fanIn ?? 1;
  const fanOut = layer.fanOut ?? fanIn;
  switch (layer.framework) {
    case 'torch': return { name: 'kaiming_uniform_(a=√5)', variance: '1/(3·fan_in)', perFanIn: 1 / 3 };
    case 'keras': return { name: 'glorot_uniform', variance: '2/(fan_in + fan_out)', perFanIn: (2 * fanIn) / (fanIn + fanOut) };
    case 'jax': return { name: 'lecun_normal', variance: '1/fan_in', perFanIn: 1 };
    case 'tfjs': return {
      name: 'glorotNormal',
      variance: `${TFJS_NORMAL_FACTOR.toFixed(2)}·2/(fan_in + fan_out) (TF.js cuts its normal at ±2σ without correcting the variance)`,
      perFanIn: (TFJS_NORMAL_FACTOR * 2 * fanIn) / (fanIn + fanOut),
    };
  }
}

/** INIT009: a framework default kept before a ReLU-family activation. */
export function defaultInitBeforeRelu(a: ModelAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const layer of a.layers) {
    const following = followingActivation(layer);
    if (!layer.dense || following?.act.kind !== 'reluLike' || layer.initArgs.kernel) continue;
    if (weightSitesOf(layer, a.sites).length) continue;
    const d = defaultOf(layer);
    const needed = 2 / (1 + following.slope ** 2);
    const factor = d.perFanIn / needed;
    const depth = depthOf(a);
    const suggestion = a.editor.explicitInit(layer, following.act, following.slope);
    findings.push(finding('INIT009', layer.call,
      `${layerName(layer)} keeps the default ${d.name}, Var(W) = ${d.variance}, before ${following.act.name}, which needs ` +
      `${needed === 2 ? '2' : needed.toPrecision(3)}/fan_in: the variance is multiplied by ${factor.toPrecision(2)} per layer, ` +
      `${(factor ** depth).toPrecision(2)} after ${depth} layers${squareNote(layer)}. Initialize it explicitly with He init: ${suggestion.text}.`,
      fix(`Add an explicit He init: ${suggestion.text}`, suggestion.edits)));
  }
  return findings;
}
