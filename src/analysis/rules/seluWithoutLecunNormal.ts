import type { Finding } from '../finding';
import type { InitSite, Layer } from '../model';
import type { ModelAnalysis } from '../initEditor';
import { finding, fix, followingActivation, layerName, scalingOf, targetsAgree, tfjsNote, weightSitesOf } from './siteFacts';

/** Var(W)·fan_in within 10 % of 1 and a normal distribution. */
function isLecunNormal(site: InitSite, layer: Layer): boolean {
  const scaling = scalingOf(site);
  if (scaling) {
    // Xavier on a square layer is LeCun; otherwise fan_avg scales by fan_in/fan_avg, and with unknown widths it is not LeCun
    if (scaling.mode === 'fan_avg' && !(layer.fanIn && layer.fanOut)) return false;
    const perFanIn = scaling.mode === 'fan_avg' ? scaling.scale * layer.fanIn! / ((layer.fanIn! + layer.fanOut!) / 2) : scaling.scale;
    // TF.js's leCunUniform is the exact one there (its leCunNormal realises 0.774 of the variance)
    const normal = scaling.distribution.includes('normal') || site.framework === 'tfjs';
    return normal && Math.abs(perFanIn - 1) <= 0.1 && scaling.mode !== 'fan_out';
  }
  if ((site.scheme.name === 'normal_' || site.scheme.name === 'RandomNormal' || site.scheme.name === 'normal') && layer.fanIn) {
    const std = site.args.std?.value ?? site.args.stddev?.value;
    return typeof std === 'number' && Math.abs(std * std * layer.fanIn - 1) <= 0.2;
  }
  return false;
}

const DEFAULTS: Record<string, string> = {
  torch: "PyTorch's default (kaiming_uniform_ with a=√5: uniform, Var(W) = 1/(3·fan_in))",
  keras: "Keras's default glorot_uniform (uniform, Var(W) = 2/(fan_in + fan_out))",
  tfjs: "TF.js's default glorotNormal (Var(W) ≈ 0.77·2/(fan_in + fan_out): cut at ±2σ without correction)",
};

/** INIT008: SELU without LeCun-normal weights. */
export function seluWithoutLecunNormal(a: ModelAnalysis): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<InitSite>();
  for (const layer of a.layers) {
    const following = followingActivation(layer);
    if (!layer.dense || following?.act.kind !== 'selu') continue;
    const sites = weightSitesOf(layer, a.sites);
    const why = 'SELU self-normalizes (mean 0, variance 1 at every layer) only with LeCun-normal weights, Var(W) = 1/fan_in';
    if (sites.length === 0) {
      if (layer.framework === 'jax' || layer.initArgs.kernel) continue;
      const suggestion = a.editor.explicitInit(layer, following.act, following.slope);
      findings.push(finding('INIT008', layer.call,
        `${layerName(layer)} feeds SELU but keeps ${DEFAULTS[layer.framework]}. ${why}. Use ${suggestion.text}.`,
        fix(`Use LeCun init: ${suggestion.text}`, suggestion.edits)));
      continue;
    }
    for (const site of sites) {
      if (reported.has(site) || isLecunNormal(site, layer)) continue;
      reported.add(site);
      const suggestion = a.editor.fit(site, following.act, following.slope);
      findings.push(finding('INIT008', site.node,
        `${layerName(layer)} feeds SELU, but this init is not LeCun normal. ${why}${site.scheme.name.startsWith('kaiming') ? "; PyTorch's 'selu' gain (3/4) deliberately breaks that" : ''}. Use ${suggestion.text}${tfjsNote(site)}.`,
        fix(`Use LeCun init: ${suggestion.text}`, targetsAgree(site) ? suggestion.edits : undefined)));
    }
  }
  return findings;
}
