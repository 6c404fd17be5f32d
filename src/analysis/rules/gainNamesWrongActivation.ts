import { calculateGain, isTorchNonlinearity } from '../../core';
import type { Finding, TextEdit } from '../finding';
import type { ModelAnalysis } from '../initEditor';
import { finding, fix, followingActivation, isWeight, layerName, scalingOf, targetsAgree, torchNameFor } from './siteFacts';

/**
 * INIT003: the nonlinearity named in the call is not the one that follows, and the gain differs by
 * more than 10 %; in TF.js, a varianceScaling scale that fits neither Glorot/LeCun (1) nor He (2)
 * and is more than 10 % (in std) off what the activation needs.
 */
export function gainNamesWrongActivation(a: ModelAnalysis): Finding[] {
  const findings: Finding[] = [...tfjsScale(a)];
  for (const site of a.sites) {
    if (site.framework !== 'torch' || !isWeight(site)) continue;
    const named = scalingOf(site)?.named;
    if (!named || !isTorchNonlinearity(named.name)) continue;
    const namedGain = calculateGain(named.name, named.param ?? (named.viaGain ? null : 0));
    const layer = site.targets.find((l) => {
      const f = followingActivation(l);
      return f && f.act.kind !== 'selu' && Math.abs(namedGain / torchNameFor(f.act, f.slope).gain - 1) > 0.1;
    });
    if (!layer) continue;
    const { act, slope } = followingActivation(layer)!;
    const right = torchNameFor(act, slope);
    const edits: TextEdit[] = [a.editor.literal(named.node, right.name)];
    if (right.param !== undefined) {
      if (named.viaGain) {
        const gainCall = named.node.parent?.parent;
        const hasParam = (gainCall?.childForFieldName('arguments')?.namedChildren.length ?? 0) > 1;
        if (gainCall && !hasParam) edits.push(a.editor.addArgument(gainCall, undefined, right.param));
      } else if (site.args.a) edits.push(a.editor.literal(site.args.a.node, right.param));
      else {
        // before nonlinearity=, in the signature's order
        const keyword = named.node.parent;
        edits.push(a.editor.addArgument(site.expression, 'a', right.param, keyword?.type === 'keyword_argument' ? keyword : undefined));
      }
    }
    const arg = named.viaGain ? `calculate_gain('${named.name}')` : `nonlinearity='${named.name}'`;
    findings.push(finding('INIT003', site.node,
      `${arg} gives gain ${namedGain.toPrecision(3)}, but ${layerName(layer)} is followed by ${act.name}, which needs ` +
      `${right.name === act.name ? '' : `'${right.name}' scaling, `}gain ${right.gain.toPrecision(3)}: the variance is off by ` +
      `${((namedGain / right.gain) ** 2).toPrecision(2)}x at every layer. Use '${right.name}'${right.param !== undefined ? ` with slope ${right.param}` : ''}.`,
      fix(`Name the activation that follows: '${right.name}'`, targetsAgree(site) ? edits : undefined)));
  }
  return findings;
}

function tfjsScale(a: ModelAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const site of a.sites) {
    if (site.framework !== 'tfjs' || !isWeight(site) || !site.args.scale) continue;
    const scaling = scalingOf(site);
    if (scaling?.family !== 'other' || !Number.isFinite(scaling.scale)) continue;
    const needed = (l: (typeof site.targets)[number]) => {
      const f = followingActivation(l);
      return f && f.act.kind !== 'selu' ? (f.act.kind === 'reluLike' ? 2 / (1 + f.slope * f.slope) : 1) : undefined;
    };
    const layer = site.targets.find((l) => {
      const n = needed(l);
      return n !== undefined && Math.abs(Math.sqrt(scaling.scale / n) - 1) > 0.1;
    });
    if (!layer) continue;
    const want = needed(layer)!;
    const act = followingActivation(layer)!.act.name;
    findings.push(finding('INIT003', site.node,
      `varianceScaling scale ${scaling.scale} does not fit ${act} after ${layerName(layer)}: it needs scale ${want.toPrecision(3)} ` +
      `(${act === 'linear' || want === 1 ? 'Glorot/LeCun' : 'He'}), so the std is off by ${Math.sqrt(scaling.scale / want).toPrecision(2)}x at every layer.`,
      fix(`Use scale ${want.toPrecision(3)}`, targetsAgree(site) ? [a.editor.literal(site.args.scale.node, Number(want.toPrecision(3)))] : undefined)));
  }
  return findings;
}
