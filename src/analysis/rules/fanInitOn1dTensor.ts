import type { Finding } from '../finding';
import type { ModelAnalysis } from '../initEditor';
import { finding, fix, isBias } from './siteFacts';

const FAN_BASED = ['xavier_uniform_', 'xavier_normal_', 'kaiming_uniform_', 'kaiming_normal_', 'orthogonal_'];

/** INIT006: a fan-based initializer on a tensor with fewer than 2 dims (a bias, a norm scale). */
export function fanInitOn1dTensor(a: ModelAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const site of a.sites) {
    if (site.framework !== 'torch' || site.style !== 'function' || !FAN_BASED.includes(site.scheme.name)) continue;
    const bias = isBias(site.tensor);
    const normWeight = site.tensor === 'weight' && site.targets.length > 0 && site.targets.every((l) => l.norm);
    if (!bias && !normWeight) continue;
    const tensor = site.tensorNode?.text ?? site.tensor;
    const replacement = bias ? 'zeros_' : 'ones_';
    const error = site.scheme.name === 'orthogonal_'
      ? 'ValueError: Only tensors with 2 or more dimensions are supported'
      : 'ValueError: Fan in and fan out can not be computed for tensor with fewer than 2 dimensions';
    findings.push(finding('INIT006', site.node,
      `${site.scheme.name} needs a tensor with at least 2 dimensions to compute its fans; ${tensor} is 1-D, so PyTorch raises ` +
      `${error}. ${bias ? 'Biases' : 'Normalization weights'} start at ${bias ? 'zero' : 'one'}: use ${replacement}.`,
      fix(`Use ${replacement}`, a.editor.replaceScheme(site, replacement))));
  }
  return findings;
}
