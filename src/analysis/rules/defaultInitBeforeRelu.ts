import type { Finding } from '../finding';
import type { Layer } from '../model';
import type { PythonAnalysis } from '../pythonAnalysis';
import { explicitInit } from './layerDefaultFix';
import { depthOf } from './signalFactor';
import { finding, followingActivation, layerName, weightSitesOf } from './siteFacts';
import { fix } from './torchCall';

/** Each framework's default kernel init and its variance per fan_in, for a square layer. */
function defaultOf(layer: Layer): { name: string; variance: string; perFanIn: number } {
  const fanIn = layer.fanIn ?? 1;
  const fanOut = layer.fanOut ?? fanIn;
  switch (layer.framework) {
    case 'torch': return { name: 'kaiming_uniform_(a=√5)', variance: '1/(3·fan_in)', perFanIn: 1 / 3 };
    case 'keras': return { name: 'glorot_uniform', variance: '2/(fan_in + fan_out)', perFanIn: (2 * fanIn) / (fanIn + fanOut) };
    case 'jax': return { name: 'lecun_normal', variance: '1/fan_in', perFanIn: 1 };
  }
}

/** INIT009: a framework default kept before a ReLU-family activation. */
export function defaultInitBeforeRelu(a: PythonAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const layer of a.layers) {
    const following = followingActivation(layer);
    if (!layer.dense || following?.act.kind !== 'reluLike' || layer.initArgs.kernel) continue;
    if (weightSitesOf(layer, a.sites).length) continue;
    const d = defaultOf(layer);
    const needed = 2 / (1 + following.slope ** 2);
    const factor = d.perFanIn / needed;
    const depth = depthOf(a);
    findings.push(finding('INIT009', layer.call,
      `${layerName(layer)} keeps the default ${d.name}, Var(W) = ${d.variance}, before ${following.act.name}, which needs ` +
      `${needed === 2 ? '2' : needed.toPrecision(3)}/fan_in: the variance is multiplied by ${factor.toPrecision(2)} per layer ` +
      `(${(factor ** depth).toPrecision(2)} after ${depth} layers). Initialize it explicitly with He init.`,
      fix('Add an explicit He init', explicitInit(a, layer, following.act, following.slope))));
  }
  return findings;
}
