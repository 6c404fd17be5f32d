import { findActivation, isTorchNonlinearity, TORCH_NONLINEARITIES } from '../../core';
import type { Finding } from '../finding';
import type { Node } from '../parser';
import type { ModelAnalysis } from '../initEditor';
import { finding, fix, torchNameFor } from './siteFacts';

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The accepted name closest in meaning (an activation's scaling), else in spelling. */
export function nearestNonlinearity(name: string): string {
  if (isTorchNonlinearity(name.toLowerCase())) return name.toLowerCase();
  const act = findActivation(name) ?? findActivation(name.replace(/[-\s]/g, '_'));
  if (act) return torchNameFor(act, act.defaultSlope ?? 0).name;
  return [...TORCH_NONLINEARITIES].sort((x, y) => editDistance(name.toLowerCase(), x) - editDistance(name.toLowerCase(), y))[0];
}

/** INIT007: a nonlinearity name torch.nn.init.calculate_gain rejects. */
export function unknownNonlinearity(a: ModelAnalysis): Finding[] {
  const bad: { call: Node; nameNode: Node; name: string }[] = a.gainCalls
    .filter((g) => !isTorchNonlinearity(g.name))
    .map((g) => ({ call: g.call, nameNode: g.nameNode, name: g.name }));
  for (const site of a.sites) {
    const arg = site.framework === 'torch' ? site.args.nonlinearity : undefined;
    const name = arg?.value;
    if (arg && typeof name === 'string' && !isTorchNonlinearity(name)) bad.push({ call: site.node, nameNode: arg.node, name });
  }
  return bad.map(({ call, nameNode, name }) => {
    const nearest = nearestNonlinearity(name);
    return finding('INIT007', call,
      `PyTorch's calculate_gain does not accept '${name}': it raises ValueError: Unsupported nonlinearity ${name}. ` +
      `It accepts ${TORCH_NONLINEARITIES.join(', ')}; for ${name} use '${nearest}'.`,
      fix(`Use '${nearest}'`, [a.editor.literal(nameNode, nearest)]));
  });
}
