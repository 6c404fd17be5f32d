import type { Finding, TextEdit } from '../finding';
import type { InitSite } from '../model';
import type { PythonAnalysis } from '../pythonAnalysis';
import { quoted, replaceNode, spell } from '../pythonEdits';
import { fittingName, torchFitting } from './recommendedInit';
import { constantValue, finding, followingActivation, isWeight, layerName, zeroInitIsIntended } from './siteFacts';
import { fix, rewriteTorchCall } from './torchCall';

/** INIT004: zero or constant weights on a hidden layer. */
export function constantHiddenWeights(a: PythonAnalysis): Finding[] {
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
    const edits = replacement(a, site, act, slope);
    findings.push(finding('INIT004', site.node,
      `${what} weights on ${layerName(layer)}, a hidden layer followed by ${act.name}: ${units} compute the same output and get the ` +
      `same gradient, so they never become different. Initialize randomly; zero init belongs on biases, norm weights, output layers and residual-branch ends.`,
      fix(`Use a random init that fits ${act.name}`, edits)));
  }
  return findings;
}

function replacement(a: PythonAnalysis, site: InitSite, act: NonNullable<ReturnType<typeof followingActivation>>['act'], slope: number): TextEdit[] | undefined {
  if (site.framework === 'torch') {
    const callee = site.style === 'function' ? site.expression.childForFieldName('function') ?? undefined : undefined;
    const fitting = torchFitting(a, act, slope, site.expression, callee);
    const call = rewriteTorchCall(a, site, fitting.name, fitting.args);
    return call && [...call, ...fitting.edits];
  }
  const expr = site.expression;
  if (site.framework === 'keras' && expr.type === 'string') return [replaceNode(expr, quoted(expr.text[0], fittingName(act, 'snake')))];
  const module = site.framework === 'keras' ? 'keras.initializers' : 'jax.nn.initializers';
  const name = site.framework === 'keras' ? fittingName(act, 'class') : fittingName(act, 'snake');
  const spelled = spell(a, `${module}.${name}`, expr.type === 'call' ? expr.childForFieldName('function') ?? undefined : expr);
  return [replaceNode(expr, `${spelled.text}()`), ...spelled.edits];
}
