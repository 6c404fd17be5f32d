import type { Finding } from '../finding';
import type { ModelAnalysis } from '../initEditor';
import { depthOf, perLayerFactor, squareNote } from './signalFactor';
import { finding, fix, followingActivation, isWeight, layerName, scalingOf, targetsAgree, tfjsNote } from './siteFacts';

/** INIT001: Xavier/Glorot/LeCun-scaled weights before a ReLU-family activation. */
export function xavierBeforeRelu(a: ModelAnalysis): Finding[] {
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
    const leaky = act.name === 'leaky_relu' || act.name === 'prelu';
    const suggestion = a.editor.fit(site, act, slope, scaling.distribution);
    const what = scaling.family === 'lecun' ? 'LeCun' : 'Xavier/Glorot';
    // TF.js's uncorrected 'normal' draws a fraction of the nominal variance
    const drawn = scaling.realised !== scaling.scale ? `${(scaling.realised / scaling.scale).toFixed(2)}·` : '';
    findings.push(finding('INIT001', site.node,
      `${what} scaling before ${act.name} (${layerName(layer)}): Var(W) = ${drawn}${scaling.family === 'lecun' ? '1/fan_in' : '2/(fan_in + fan_out)'} ` +
      `is ${factor < 1 ? 'below' : 'not'} the ${leaky ? `2/((1 + ${slope}²)·fan_in)` : '2/fan_in'} that ${act.name} needs, so the signal's variance is multiplied by ` +
      `${factor.toPrecision(2)} at every layer${squareNote(layer)}: ${factor.toPrecision(2)}^${depth} ≈ ${(factor ** depth).toPrecision(2)} after ${depth} layers. Use ${suggestion.text} (He)${tfjsNote(site)}.`,
      fix(`Use He init: ${suggestion.text}`, targetsAgree(site) ? suggestion.edits : undefined)));
  }
  return findings;
}
