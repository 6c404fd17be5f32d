import { CHUNK, reserve, wasmKernels, type Kernels } from './kernels';

export interface Histogram {
  /** Left edge of the first bin and right edge of the last. */
  min: number;
  max: number;
  /** counts[i] holds values in [min + i·w, min + (i+1)·w), the last bin closed on the right (numpy's rule). */
  counts: Uint32Array;
  binWidth: number;
  /** Values that were NaN or outside [min, max]. */
  outside: number;
}

/**
 * Float32Array and Float64Array inputs of at least this many values are scanned and counted in the
 * WebAssembly module (assembly/kernels.ts: rangeF32/F64, binF32/F64) when it is loaded; other inputs,
 * and a module that will not load, in JS. Both give the same range and the same counts.
 */
const WASM_MIN_VALUES = 256;
/** More bins than this are counted in JS: the module keeps four rows of counters. */
const WASM_MAX_BINS = 1 << 16;

/**
 * Range of the values (numpy's default histogram range): NaN is skipped, ±Infinity is not;
 * [−0.5, 0.5] around a constant, [0, 1] when there is no value to range over.
 */
export function finiteRange(values: ArrayLike<number>): [number, number] {
  const k = wasmInput(values) ? wasmKernels() : null;
  const r = (k && wasmRange(k, values as Float32Array | Float64Array)) || jsRange(values);
  const [lo, hi] = r;
  if (!(lo <= hi)) return [0, 1];
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

function jsRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Counts `values` into `bins` equal bins over [min, max] (default: their own range). */
export function histogram(values: ArrayLike<number>, bins: number, range?: [number, number]): Histogram {
  const [min, max] = range ?? finiteRange(values);
  const counts = new Uint32Array(bins);
  const scale = bins / (max - min);
  // the module's loop matches this one when the scale is finite (see binF32): not for a zero-width range
  const k = wasmInput(values) && bins >= 1 && bins <= WASM_MAX_BINS && Number.isFinite(scale) ? wasmKernels() : null;
  const outside = (k && wasmCount(k, values as Float32Array | Float64Array, counts, min, max, scale)) ?? jsCount(values, counts, min, max, scale);
  return { min, max, counts, binWidth: (max - min) / bins, outside };
}

/** The plain-JS loop: adds into counts, returns how many values fell outside. */
function jsCount(values: ArrayLike<number>, counts: Uint32Array, min: number, max: number, scale: number): number {
  const bins = counts.length;
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= min && v <= max) {
      const b = ((v - min) * scale) | 0;
      counts[b < bins ? b : bins - 1]++;
    } else {
      outside++;
    }
  }
  return outside;
}

function wasmInput(values: ArrayLike<number>): boolean {
  return (values instanceof Float32Array || values instanceof Float64Array) && values.length >= WASM_MIN_VALUES;
}

/** Copies values[from, from + CHUNK) into the module's memory at `ptr` for each chunk and calls `each`. */
function eachChunk(k: Kernels, values: Float32Array | Float64Array, ptr: number, each: (count: number) => void): void {
  const view = values instanceof Float32Array ? new Float32Array(k.memory.buffer, ptr, CHUNK) : new Float64Array(k.memory.buffer, ptr, CHUNK);
  for (let from = 0; from < values.length; from += CHUNK) {
    const count = Math.min(CHUNK, values.length - from);
    view.set(values.subarray(from, from + count));
    each(count);
  }
}

/** The lowest and highest value as jsRange finds them, or null when the memory cannot grow. */
function wasmRange(k: Kernels, values: Float32Array | Float64Array): [number, number] | null {
  const at = reserve(k, [CHUNK * values.BYTES_PER_ELEMENT]);
  if (!at) return null;
  const range = values instanceof Float32Array ? k.rangeF32 : k.rangeF64;
  let lo = Infinity;
  let hi = -Infinity;
  eachChunk(k, values, at[0], (count) => {
    range(at[0], count, lo, hi);
    lo = k.rangeLo();
    hi = k.rangeHi();
  });
  // Equal values tie only as −0 and +0, and the module's lanes may pick another zero than the JS
  // loop, which keeps the first one it meets: settle a zero end the JS way.
  if (lo === 0) lo = firstZero(values);
  if (hi === 0) hi = firstZero(values);
  return [lo, hi];
}

function firstZero(values: Float32Array | Float64Array): number {
  for (let i = 0; i < values.length; i++) if (values[i] === 0) return values[i];
  return 0;
}

/** Adds values into counts as jsCount does; returns the number outside, or null when the memory cannot grow. */
function wasmCount(k: Kernels, values: Float32Array | Float64Array, counts: Uint32Array, min: number, max: number, scale: number): number | null {
  const bins = counts.length;
  const rowBytes = (bins + 1) * 4;
  const at = reserve(k, [CHUNK * values.BYTES_PER_ELEMENT, 4 * rowBytes]);
  if (!at) return null;
  const [ptr, rows] = at;
  const all = new Uint32Array(k.memory.buffer, rows, 4 * (bins + 1));
  all.fill(0);
  const bin = values instanceof Float32Array ? k.binF32 : k.binF64;
  eachChunk(k, values, ptr, (count) => bin(ptr, count, rows, bins, min, max, scale));
  let outside = 0;
  for (let r = 0; r < 4; r++) {
    const o = r * (bins + 1);
    for (let b = 0; b < bins; b++) counts[b] += all[o + b];
    outside += all[o + bins];
  }
  return outside;
}
