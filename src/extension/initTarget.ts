import { DENSE_DEFAULT, findActivation, findScheme, frameworkName, recommend, resolve, type Framework, type LayerSpec } from '../core';
import type { Position } from '../analysis/finding';
import type { ModelAnalysis } from '../analysis/initEditor';
import type { InitSite, Layer } from '../analysis/model';
import { resolveLayerDefault, resolveSite, type ResolvedInit } from '../analysis/siteDistribution';
import type { Node } from '../analysis/parser';
import type { DistributionView, GenericStack, SignalView } from '../protocol';
import { weightSitesOf } from '../analysis/rules/siteFacts';

/** What the cursor is on: an init site, or a layer (which then shows its effective init). */
export type InitTarget = { kind: 'site'; site: InitSite; layer?: Layer } | { kind: 'layer'; layer: Layer };

const contains = (n: Node, p: Position) =>
  (n.startPosition.row < p.line || (n.startPosition.row === p.line && n.startPosition.column <= p.character))
  && (n.endPosition.row > p.line || (n.endPosition.row === p.line && n.endPosition.column >= p.character));
const size = (n: Node) => n.endIndex - n.startIndex;

/** The innermost site or layer call under `p`. */
export function targetAt(model: ModelAnalysis, p: Position): InitTarget | undefined {
  let best: { node: Node; target: InitTarget } | undefined;
  for (const site of model.sites) {
    if (contains(site.node, p) && (!best || size(site.node) < size(best.node))) best = { node: site.node, target: { kind: 'site', site, layer: site.targets[0] } };
  }
  for (const layer of model.layers) {
    if (contains(layer.call, p) && (!best || size(layer.call) < size(best.node))) best = { node: layer.call, target: { kind: 'layer', layer } };
  }
  return best?.target;
}

/** The explicit init of a layer's weight (the rules' own index of sites by layer), if it has one. */
export function explicitSite(model: ModelAnalysis, layer: Layer): InitSite | undefined {
  return weightSitesOf(layer, model.sites)[0];
}

/** The init a layer's weight really gets: its explicit site, else its default. */
export function effectiveInit(model: ModelAnalysis, layer: Layer): ResolvedInit | undefined {
  const site = explicitSite(model, layer);
  return site ? resolveSite(site, layer) : resolveLayerDefault(layer);
}

export function resolveTarget(model: ModelAnalysis, target: InitTarget): ResolvedInit | undefined {
  return target.kind === 'site' ? resolveSite(target.site, target.layer) : effectiveInit(model, target.layer);
}

export function layerLabel(layer: Layer): string {
  return layer.refs[0] ?? `${layer.kind} on line ${layer.call.startPosition.row + 1}`;
}

/** The preview's payload for one target. */
export function distributionView(model: ModelAnalysis, target: InitTarget): DistributionView | string {
  const resolved = resolveTarget(model, target);
  if (!resolved) return 'InitLens does not know this layer\'s default initialization.';
  if (!resolved.distribution) return `No numbers to preview: ${resolved.reason ?? 'unknown shape'}.`;
  const layer = target.layer;
  const activation = layer?.activation && layer.activation.name !== 'linear' ? layer.activation.name : undefined;
  const view: DistributionView = {
    title: `${layer ? layerLabel(layer) : 'weights'}: ${resolved.scheme.name}`,
    scheme: resolved.scheme.name,
    framework: frameworkName(resolved.framework),
    formula: resolved.scheme.formula,
    distribution: resolved.distribution,
    activation,
    quirk: resolved.quirk,
    source: resolved.shape && {
      framework: resolved.framework, scheme: resolved.scheme.name, params: resolved.params, shape: resolved.shape, slope: layer?.activation?.slope,
    },
  };
  if (activation && resolved.shape) {
    const r = recommend(activation, resolved.framework, layer?.activation?.slope);
    const scheme = findScheme(resolved.framework, r.scheme)?.scheme;
    if (scheme) {
      try {
        view.recommended = { scheme: r.scheme, reason: r.reason, distribution: resolve(scheme, resolved.shape, r.params) };
      } catch {
        // a recommendation that cannot take this shape is simply not shown
      }
    }
  }
  return view;
}

/** The file's dense layers with known widths, in source order, as a stack for `propagate`. */
function modelStack(model: ModelAnalysis): { layers: LayerSpec[]; labels: string[]; first?: Layer } {
  const layers: LayerSpec[] = [];
  const labels: string[] = [];
  let first: Layer | undefined;
  for (const layer of model.layers) {
    if (!layer.dense || !layer.fanIn) continue;
    const weight = effectiveInit(model, layer)?.distribution;
    const width = layer.outputWidth ?? layer.fanOut;
    if (!weight || !width) continue;
    const act = layer.activation?.name ?? 'linear';
    layers.push({ fanIn: layer.fanIn, width, activation: findActivation(act) ? act : 'linear', slope: layer.activation?.slope, weight, framework: layer.framework });
    labels.push(layerLabel(layer));
    first ??= layer;
  }
  return { layers, labels, first };
}

/**
 * A generic stack made from one layer of the file (the one under the cursor, else the model's
 * first): its init, activation and width; or the framework's dense default before ReLU.
 */
function genericStack(layer: Layer | undefined, resolved: ResolvedInit | undefined, framework: Framework, depth: number): GenericStack {
  const act = layer?.activation?.name;
  return {
    framework: layer?.framework ?? framework,
    scheme: resolved?.scheme.name ?? DENSE_DEFAULT[framework],
    params: resolved?.params ?? {},
    activation: act && act !== 'linear' && findActivation(act) ? act : 'relu',
    depth,
    width: Math.min(layer?.fanIn ?? layer?.outputWidth ?? 256, 4096),
  };
}

/** The signal view of a file: its model's stack, and a generic one beside it (or instead, when it has none). */
export function signalView(model: ModelAnalysis | undefined, name: string | undefined, framework: Framework, near?: InitTarget): SignalView {
  const { layers, labels, first } = model ? modelStack(model) : { layers: [], labels: [], first: undefined };
  const layer = near?.layer ?? first;
  const generic = genericStack(layer, model && layer && effectiveInit(model, layer), framework, layers.length || 20);
  const title = layers.length ? `Signal through the layers of ${name}`
    : model ? `Signal through a generic stack (${name} has no layer with known widths)` : 'Signal through a generic stack';
  return { title, layers, labels, generic };
}
