import type { Finding } from '../finding';
import type { PythonAnalysis } from '../pythonAnalysis';
import { fittingName, renameArgumentScheme, torchFitting } from './recommendedInit';
import { finding, followingActivation, isWeight, layerName, scalingOf } from './siteFacts';
import { fix, rewriteTorchCall } from './torchCall';

/** INIT002: He/Kaiming weights before a saturating activation. */
export function heBeforeSaturating(a: PythonAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const site of a.sites) {
    if (!isWeight(site)) continue;
    const scaling = scalingOf(site);
    // A kaiming_ call is He whatever it names (INIT003 adds the naming problem); xavier with a ReLU gain is INIT003's alone
    if (scaling?.family !== 'he' || (scaling.named && !site.scheme.name.startsWith('kaiming'))) continue;
    const layer = site.targets.find((l) => followingActivation(l)?.act.kind === 'saturating');
    if (!layer) continue;
    const { act, slope } = followingActivation(layer)!;
    let edits;
    let suggestion: string;
    if (site.framework === 'torch') {
      const callee = site.expression.childForFieldName('function') ?? undefined;
      const fitting = torchFitting(a, act, slope, site.expression, callee);
      const name = scaling.distribution === 'normal' ? 'xavier_normal_' : 'xavier_uniform_';
      const call = rewriteTorchCall(a, site, name, fitting.args);
      edits = call && [...call, ...fitting.edits];
      suggestion = `${name}(…${fitting.args.length ? ', ' + fitting.args.join(', ') : ''})`;
    } else {
      const snake = fittingName(act, 'snake', scaling.distribution);
      edits = renameArgumentScheme(a, site, snake, fittingName(act, 'class', scaling.distribution));
      suggestion = snake;
    }
    const std = layer.fanIn ? ` (std ${Math.sqrt(scaling.scale / layer.fanIn).toPrecision(2)} for fan_in ${layer.fanIn})` : '';
    findings.push(finding('INIT002', site.node,
      `He/Kaiming scaling before ${act.name} (${layerName(layer)}): Var(W) = ${scaling.scale.toPrecision(3)}/fan_in${std} pushes ` +
      `pre-activations into ${act.name}'s flat tails, where its gradient vanishes. Use ${suggestion} (Glorot/Xavier).`,
      fix(`Use Xavier/Glorot init: ${suggestion}`, edits)));
  }
  return findings;
}
