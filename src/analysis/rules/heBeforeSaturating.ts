import type { Finding } from '../finding';
import type { ModelAnalysis } from '../initEditor';
import { finding, fix, followingActivation, isWeight, layerName, scalingOf, targetsAgree, tfjsNote } from './siteFacts';

/** INIT002: He/Kaiming weights before a saturating activation. */
export function heBeforeSaturating(a: ModelAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const site of a.sites) {
    if (!isWeight(site)) continue;
    const scaling = scalingOf(site);
    // A kaiming_ call is He whatever it names (INIT003 adds the naming problem); xavier with a ReLU gain is INIT003's alone
    if (scaling?.family !== 'he' || (scaling.named && !site.scheme.name.startsWith('kaiming'))) continue;
    const layer = site.targets.find((l) => followingActivation(l)?.act.kind === 'saturating');
    if (!layer) continue;
    const { act, slope } = followingActivation(layer)!;
    const suggestion = a.editor.fit(site, act, slope, scaling.distribution);
    const std = layer.fanIn ? ` (std ${Math.sqrt(scaling.realised / layer.fanIn).toPrecision(2)} for fan_in ${layer.fanIn})` : '';
    findings.push(finding('INIT002', site.node,
      `He/Kaiming scaling before ${act.name} (${layerName(layer)}): Var(W) = ${scaling.realised.toPrecision(3)}/fan_in${std} pushes ` +
      `pre-activations into ${act.name}'s flat tails, where its gradient vanishes. Use ${suggestion.text} (Glorot/Xavier)${tfjsNote(site)}.`,
      fix(`Use Xavier/Glorot init: ${suggestion.text}`, targetsAgree(site) ? suggestion.edits : undefined)));
  }
  return findings;
}
