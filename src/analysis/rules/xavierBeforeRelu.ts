import type { Finding } from '../finding';
import type { PythonAnalysis } from '../pythonAnalysis';
import { quoted, quoteStyle } from '../pythonEdits';
import { fittingName, renameArgumentScheme } from './recommendedInit';
import { depthOf, perLayerFactor } from './signalFactor';
import { finding, followingActivation, isWeight, layerName, scalingOf } from './siteFacts';
import { fix, rewriteTorchCall } from './torchCall';

/** INIT001: Xavier/Glorot/LeCun-scaled weights before a ReLU-family activation. */
export function xavierBeforeRelu(a: PythonAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const site of a.sites) {
    if (!isWeight(site)) continue;
    const scaling = scalingOf(site);
    if (!scaling || (scaling.family !== 'xavier' && scaling.family !== 'lecun') || scaling.named) continue;
    const layer = site.targets.find((l) => followingActivation(l)?.act.kind === 'reluLike');
    if (!layer) continue;
    const { act, slope } = followingActivation(layer)!;
    const heScale = 2 / (1 + slope * slope);
    const factor = perLayerFactor(scaling, layer, heScale);
    const depth = depthOf(a);
    const q = quoteStyle(a, site.expression);
    const leaky = act.name === 'leaky_relu' || act.name === 'prelu';
    let suggestion: string;
    let edits;
    if (site.framework === 'torch') {
      const name = scaling.distribution === 'normal' ? 'kaiming_normal_' : 'kaiming_uniform_';
      const args = leaky ? [`a=${slope}`, `nonlinearity=${quoted(q, 'leaky_relu')}`] : [`nonlinearity=${quoted(q, 'relu')}`];
      edits = rewriteTorchCall(a, site, name, args);
      suggestion = `${name}(…, ${args.join(', ')})`;
    } else {
      const snake = fittingName(act, 'snake', scaling.distribution);
      edits = renameArgumentScheme(a, site, snake, fittingName(act, 'class', scaling.distribution));
      suggestion = site.framework === 'keras' ? `'${snake}'` : `${snake}()`;
    }
    const what = scaling.family === 'lecun' ? 'LeCun' : 'Xavier/Glorot';
    findings.push(finding('INIT001', site.node,
      `${what} scaling before ${act.name} (${layerName(layer)}): Var(W) = ${scaling.family === 'lecun' ? '1/fan_in' : '2/(fan_in + fan_out)'} ` +
      `is ${factor < 1 ? 'below' : 'not'} the ${leaky ? `2/((1 + ${slope}²)·fan_in)` : '2/fan_in'} that ${act.name} needs, so the signal's variance is multiplied by ` +
      `${factor.toPrecision(2)} at every layer: ${factor.toPrecision(2)}^${depth} ≈ ${(factor ** depth).toPrecision(2)} after ${depth} layers. Use ${suggestion} (He).`,
      fix(`Use He init: ${suggestion}`, edits)));
  }
  return findings;
}
