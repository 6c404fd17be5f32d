import type { Constant, Dirac, Distribution, Identity, Orthogonal, Sparse } from './distribution';
import { haarColumns } from './orthogonalMatrix';
import { fillChunked, wasmKernels } from './kernels';
import { createRng, rngFromKernels, rngToKernels, uniform24, uniformInt, type Rng, type Xoroshiro128Plus } from './rng';
import { numel, prod } from './shape';
import { fillTruncatedNormal } from './truncatedNormalSampler';
import { fillNormal, WASM_MIN_VALUES } from './ziggurat';

/**
 * `n` values drawn from `d` with `seed`: the same seed gives the same values everywhere.
 * Structured families (orthogonal, sparse, identity, dirac, constant) are drawn as whole real
 * tensors one after another, so the values keep the tensor's structure; when fewer values than
 * one tensor are asked for, an orthogonal draw takes whole columns of a real Haar matrix.
 */
export function sample(d: Distribution, n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  const rng = createRng(seed);
  switch (d.family) {
    case 'uniform':
      fillUniform(rng, out, d.low, d.high);
      return out;
    case 'normal':
      fillNormal(rng, out, 0, n, d.mu, d.sigma);
      return out;
    case 'truncatedNormal':
      fillTruncatedNormal(rng, out, d.mu, d.sigma, d.low, d.high);
      return out;
    default: {
      const size = numel(d.shape);
      if (size === 0) return out;
      for (let from = 0; from < n; from += size) writeTensor(d, rng, out, from, Math.min(size, n - from));
      return out;
    }
  }
}

/** One whole tensor of `d`'s shape, in the framework's memory order. */
export function sampleTensor(d: Distribution, seed: number): Float32Array {
  return sample(d, numel(d.shape), seed);
}

/**
 * out ← low + (high − low)·U[0, 1), U from the top 24 bits of each draw: in the WebAssembly module
 * (fillUniformF32, the same expression in float64, rounded to float32 on the store) when it is
 * loaded, else in JS.
 */
function fillUniform(rng: Xoroshiro128Plus, out: Float32Array, low: number, high: number): void {
  const width = high - low;
  const k = out.length >= WASM_MIN_VALUES ? wasmKernels() : null;
  if (k) {
    rngToKernels(k, rng);
    if (fillChunked(k, out, 0, out.length, (ptr, count) => k.fillUniformF32(ptr, count, low, width))) {
      rngFromKernels(k, rng);
      return;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = low + width * uniform24(rng);
}

/** Writes the first `count` elements of one fresh tensor of a structured family into out[from…]. */
function writeTensor(d: Exclude<Distribution, { family: 'uniform' | 'normal' | 'truncatedNormal' }>, rng: Rng, out: Float32Array, from: number, count: number): void {
  switch (d.family) {
    case 'orthogonal':
      if (count === numel(d.shape)) out.set(orthogonalTensor(d, rng), from);
      else out.set(orthogonalEntries(d, rng, count), from);
      return;
    case 'sparse':
      writeSparse(d, rng, out, from, count);
      return;
    case 'constant':
    case 'identity':
    case 'dirac': {
      const at = deterministicValue(d);
      for (let i = 0; i < count; i++) out[from + i] = at(i);
      return;
    }
  }
}

/** `count` genuine entries of a Haar matrix × gain: whole columns of Q, so only what is needed is computed. */
function orthogonalEntries(d: Orthogonal, rng: Rng, count: number): Float64Array {
  if ((d.taps ?? 1) > 1) return Float64Array.from(orthogonalTensor(d, rng).subarray(0, count));
  const m = Math.max(d.rows, d.cols);
  const k = Math.min(Math.min(d.rows, d.cols), Math.ceil(count / m));
  const q = haarColumns(rng, m, k);
  const values = q.subarray(0, count);
  for (let i = 0; i < values.length; i++) values[i] *= d.gain;
  return values;
}

/** The full tensor: the rows×cols matrix row-major, its column axis moved (JAX), placed at the centre tap (delta). */
function orthogonalTensor(d: Orthogonal, rng: Rng): Float32Array {
  const { rows, cols, gain } = d;
  const m = Math.max(rows, cols);
  const q = haarColumns(rng, m, Math.min(rows, cols));
  const matrix = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // rows ≥ cols: M = Q (column-major q[c·m + r]); rows < cols: M = Qᵀ
      matrix[r * cols + c] = gain * (rows >= cols ? q[c * m + r] : q[r * m + c]);
    }
  }
  const taps = d.taps ?? 1;
  if (taps > 1) {
    // delta_orthogonal: zeros, and the [in, out] matrix at spatial index (k−1)//2 of every kernel dim
    const spatial = d.shape.slice(0, -2);
    let centre = 0;
    for (const k of spatial) centre = centre * k + Math.floor((k - 1) / 2);
    const tensor = new Float32Array(numel(d.shape));
    tensor.set(matrix, centre * rows * cols);
    return tensor;
  }
  if (d.columnAxis !== undefined && d.columnAxis !== d.shape.length - 1) return moveLastAxisTo(matrix, d.shape, d.columnAxis);
  return matrix;
}

/**
 * `src` is laid out as `shape` with axis `axis` moved to the end; returns it laid out as `shape`
 * (numpy's moveaxis(src, -1, axis)).
 */
function moveLastAxisTo(src: Float32Array, shape: number[], axis: number): Float32Array {
  const outer = prod(shape.slice(0, axis));
  const size = shape[axis];
  const inner = prod(shape.slice(axis + 1));
  const dst = new Float32Array(src.length);
  for (let o = 0; o < outer; o++) {
    for (let a = 0; a < size; a++) {
      for (let i = 0; i < inner; i++) dst[(o * size + a) * inner + i] = src[(o * inner + i) * size + a];
    }
  }
  return dst;
}

/** N(mu, sigma²) over the first `count` elements of a rows×cols tensor, with its zero pattern applied. */
function writeSparse(d: Sparse, rng: Rng, out: Float32Array, from: number, count: number): void {
  fillNormal(rng, out, from, from + count, d.mu, d.sigma);
  const rowsCovered = Math.ceil(count / d.cols);
  const zero = (r: number, c: number) => {
    const i = r * d.cols + c;
    if (r < rowsCovered && i < count) out[from + i] = 0;
  };
  if (d.zeroRow !== undefined) {
    for (let c = 0; c < d.cols; c++) zero(d.zeroRow, c);
    return;
  }
  // Per column, zerosPerColumn distinct rows (Floyd's algorithm: k draws, no full permutation).
  const k = Math.min(d.zerosPerColumn, d.rows);
  for (let c = 0; c < d.cols; c++) {
    const chosen = new Set<number>();
    for (let j = d.rows - k; j < d.rows; j++) {
      const t = uniformInt(rng, j + 1);
      const r = chosen.has(t) ? j : t;
      chosen.add(r);
      zero(r, c);
    }
  }
}

/** The value at flat index i of a deterministic tensor. */
function deterministicValue(d: Constant | Identity | Dirac): (i: number) => number {
  switch (d.family) {
    case 'constant': {
      const ends: number[] = [];
      let acc = 0;
      for (const b of d.blocks) ends.push((acc += b.length));
      return (i) => {
        let b = 0;
        while (b < ends.length - 1 && i >= ends[b]) b++;
        return d.blocks[b]?.value ?? 0;
      };
    }
    case 'identity': {
      const cols = d.shape[1];
      return (i) => (Math.floor(i / cols) === i % cols ? d.value : 0);
    }
    case 'dirac': {
      // [out, in, *k]: 1 at (g·outPerGroup + j, j, centre) for j < min(outPerGroup, in); centre = k//2
      const [outC, inC, ...kernel] = d.shape;
      const taps = prod(kernel);
      let centre = 0;
      for (const k of kernel) centre = centre * k + Math.floor(k / 2);
      const outPerGroup = outC / d.groups;
      const minDim = Math.min(outPerGroup, inC);
      return (i) => {
        const tap = i % taps;
        const ch = Math.floor(i / taps);
        const input = ch % inC;
        const output = Math.floor(ch / inC);
        return tap === centre && input < minDim && output % outPerGroup === input ? d.value : 0;
      };
    }
  }
}
