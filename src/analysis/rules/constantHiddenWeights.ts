import type { Finding } from '../finding';
import type { ModelAnalysis } from '../initEditor';
import { constantValue, finding, fix, followingActivation, isWeight, layerName, targetsAgree, zeroInitIsIntended } from './siteFacts';

/** INIT004: zero or constant weights on a hidden layer. */
export function constantHiddenWeights(a: ModelAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const site of a.sites) {
    if (!isWeight(site)) continue;
    const value = constantValue(site);
    if (value === undefined) continue;
    const layer = site.targets.find((l) => l.dense && followingActivation(l) && !zeroInitIsIntended(l, site));
    if (!layer) continue;
    const { act, slope } = followingActivation(layer)!;
    const units = layer.fanOut ? `the ${layer.fanOut} units` : 'its units';
    const what = value === 0 ? 'Zero' : Number.isNaN(value) ? 'Constant' : `Constant (${value})`;
    const suggestion = a.editor.fit(site, act, slope);
    findings.push(finding('INIT004', site.node,
      `${what} weights on ${layerName(layer)}, a hidden layer followed by ${act.name}: ${units} compute the same output and get the ` +
      `same gradient, so they never become different. Initialize randomly; zero init belongs on biases, norm weights, output layers and residual-branch ends.`,
      fix(`Use ${suggestion.text}, which fits ${act.name}`, targetsAgree(site) ? suggestion.edits : undefined)));
  }
  return findings;
}
