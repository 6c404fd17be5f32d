import type { Layer } from '../model';
import type { ModelAnalysis } from '../initEditor';
import type { Scaling } from './siteFacts';

/**
 * By how much the forward variance changes per layer when weights have Var = scale/fan(mode)
 * and the activation wants Var = needed/fan_in: (scale/fan)·fan_in/needed. Square layers when the
 * widths are unknown.
 */
export function perLayerFactor(scaling: Pick<Scaling, 'realised' | 'mode'>, layer: Layer, needed: number): number {
  const known = layer.fanIn !== undefined && layer.fanOut !== undefined;
  const fanIn = known ? layer.fanIn! : 1;
  const fanOut = known ? layer.fanOut! : 1;
  const fan = scaling.mode === 'fan_avg' ? (fanIn + fanOut) / 2 : scaling.mode === 'fan_out' ? fanOut : fanIn;
  return (scaling.realised / fan) * fanIn / needed;
}

/** Said after a per-layer factor computed for a square layer, because the widths are not known. */
export function squareNote(layer: Layer): string {
  return layer.fanIn === undefined || layer.fanOut === undefined ? ' (for a square layer: the widths are not known)' : '';
}

const depths = new WeakMap<readonly Layer[], number>();

/** How many layers the message's compounding uses: the file's own stack, at least 2 (counted once per file, not per finding). */
export function depthOf(a: ModelAnalysis): number {
  let depth = depths.get(a.layers);
  if (depth === undefined) {
    depth = Math.max(2, a.layers.filter((l) => l.dense && l.activation && l.activation.name !== 'linear').length);
    depths.set(a.layers, depth);
  }
  return depth;
}
