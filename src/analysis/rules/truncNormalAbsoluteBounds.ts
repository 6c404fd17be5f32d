import type { Finding } from '../finding';
import type { ModelAnalysis } from '../initEditor';
import { fmt } from '../numberFormat';
import { finding, fix } from './siteFacts';

/** INIT011: trunc_normal_ with a small std and the default absolute bounds ±2. */
export function truncNormalAbsoluteBounds(a: ModelAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const site of a.sites) {
    if (site.framework !== 'torch' || site.scheme.name !== 'trunc_normal_' || site.args.a || site.args.b) continue;
    const std = site.args.std ? site.args.std.value : 1;
    const mean = site.args.mean ? site.args.mean.value : 0;
    if (typeof std !== 'number' || typeof mean !== 'number' || std <= 0) continue;
    const sigmas = Math.min(2 - mean, mean + 2) / std;
    if (sigmas < 3) continue;
    const low = mean - 2 * std;
    const high = mean + 2 * std;
    findings.push(finding('INIT011', site.node,
      `trunc_normal_'s bounds a=-2, b=2 are absolute values, not multiples of std: for std=${std} they sit ${fmt(sigmas)}σ out, ` +
      `so nothing is truncated and this is a plain normal. To cut at ±2σ pass a=${fmt(low)}, b=${fmt(high)}.`,
      fix(`Truncate at ±2σ: a=${fmt(low)}, b=${fmt(high)}`, [a.editor.addArgument(site.expression, 'a', low), a.editor.addArgument(site.expression, 'b', high)])));
  }
  return findings;
}
