import { InitError } from './initError';
import { normalizeAxis, numel, prod } from './shape';

export interface Fans {
  fanIn: number;
  fanOut: number;
}

/** PyTorch layout `[out, in, *k]`: fan_in = size(1)·rf, fan_out = size(0)·rf, rf = prod(shape[2:]). */
export function torchFans(shape: readonly number[]): Fans {
  if (shape.length < 2) {
    throw new InitError('torch', 'ValueError', 'Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  }
  const rf = prod(shape.slice(2));
  return { fanIn: shape[1] * rf, fanOut: shape[0] * rf };
}

/**
 * Keras 3 layout `[*k, in, out]`: rank 0 → (1, 1), rank 1 → (n, n), else rf = prod(shape[:-2]).
 * With both `input_axes` and `output_axes` (Keras ≥ 3.15, EinsumDense): products over those axes.
 */
export function kerasFans(shape: readonly number[], inputAxes?: number[], outputAxes?: number[]): Fans {
  if (inputAxes && outputAxes) {
    const over = (axes: number[]) => prod(axes.map((a) => shape[normalizeAxis(a, shape.length)]));
    return { fanIn: over(inputAxes), fanOut: over(outputAxes) };
  }
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0], fanOut: shape[0] };
  const rf = prod(shape.slice(0, -2));
  return { fanIn: shape[shape.length - 2] * rf, fanOut: shape[shape.length - 1] * rf };
}

/** TF.js computeFans (channelsLast): ranks 2–5 like Keras; any other rank → fanIn = fanOut = √numel. */
export function tfjsFans(shape: readonly number[]): Fans {
  if (shape.length === 2) return { fanIn: shape[0], fanOut: shape[1] };
  if (shape.length >= 3 && shape.length <= 5) {
    const rf = prod(shape.slice(0, -2));
    return { fanIn: shape[shape.length - 2] * rf, fanOut: shape[shape.length - 1] * rf };
  }
  const side = Math.sqrt(numel(shape));
  return { fanIn: side, fanOut: side };
}

export interface JaxAxes {
  inAxis: number | number[];
  outAxis: number | number[];
  batchAxis: number[];
}

/** jax `_compute_fans`: products over in/out/batch axes; rf = numel / (in·out·batch); fan = size·rf. */
export function jaxFans(shape: readonly number[], axes: JaxAxes): Fans {
  if (shape.length <= 1) {
    throw new InitError('jax', 'ValueError',
      `Can't compute input and output sizes of a ${shape.length}-dimensional weights tensor. Must be at least 2D.`);
  }
  const size = (a: number | number[]) => prod((Array.isArray(a) ? a : [a]).map((i) => shape[normalizeAxis(i, shape.length)]));
  const inSize = size(axes.inAxis);
  const outSize = size(axes.outAxis);
  const batchSize = size(axes.batchAxis);
  const rf = numel(shape) / inSize / outSize / batchSize;
  return { fanIn: inSize * rf, fanOut: outSize * rf };
}
