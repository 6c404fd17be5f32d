/**
 * The dense products of the Monte Carlo pass: WebAssembly with 128-bit SIMD (the module "kernels",
 * assembly/kernels.ts) when the engine runs it, else plain JS with the same results within float32
 * rounding. Every matrix is row-major float32: w [width, fanIn], x [batch, fanIn], h [batch, width].
 */

import { kernelBackend, reserve, useKernelBackend, wasmKernels, type KernelBackend, type Kernels } from './kernels';

export type MatmulBackend = KernelBackend;

/** h[b, o] = bias[o] + Σ_i w[o, i] · x[b, i]  — w row-major [width, fanIn], x row-major [batch, fanIn], h row-major [batch, width]. */
export function matmulBias(w: Float32Array, x: Float32Array, bias: Float32Array | undefined, batch: number, fanIn: number, width: number): Float32Array {
  check(w, width * fanIn, 'w');
  check(x, batch * fanIn, 'x');
  if (bias) check(bias, width, 'bias');
  const k = batch * fanIn * width > 0 ? wasm() : null;
  return (k && wasmBias(k, w, x, bias, batch, fanIn, width)) || jsBias(w, x, bias, batch, fanIn, width);
}

/** dx[b, i] = Σ_o w[o, i] · d[b, o]  — the backward product with the same w layout. */
export function matmulTransposed(w: Float32Array, d: Float32Array, batch: number, fanIn: number, width: number): Float32Array {
  check(w, width * fanIn, 'w');
  check(d, batch * width, 'd');
  const k = batch * fanIn * width > 0 ? wasm() : null;
  return (k && wasmTransposed(k, w, d, batch, fanIn, width)) || jsTransposed(w, d, batch, fanIn, width);
}

/** Which implementation runs: 'wasm-simd' or 'js' (for the bench and tests); the same as kernelBackend(). */
export function matmulBackend(): MatmulBackend {
  return kernelBackend();
}

/**
 * Forces the JS path ('js'), or goes back to WebAssembly where it runs ('wasm-simd', which also
 * retries a failed load). One module serves every kernel, so this is useKernelBackend: it switches
 * the samplers and the histogram too (which give the same numbers on both paths).
 */
export function useMatmulBackend(backend: MatmulBackend): void {
  useKernelBackend(backend);
}

function check(a: Float32Array, n: number, name: string): void {
  if (a.length < n) throw new RangeError(`matmul: ${name} holds ${a.length} values, not ${n}`);
}

function wasm(): Kernels | null {
  return wasmKernels();
}

/** Reserves `sizes` float32 arrays in the module's memory, 16-byte aligned: their byte offsets, or null when it cannot grow. */
function layout(k: Kernels, sizes: number[]): number[] | null {
  return reserve(k, sizes.map((n) => n * 4));
}

function put(k: Kernels, at: number, a: Float32Array, n: number): void {
  new Float32Array(k.memory.buffer, at, n).set(a.length === n ? a : a.subarray(0, n));
}

function wasmBias(k: Kernels, w: Float32Array, x: Float32Array, bias: Float32Array | undefined, batch: number, fanIn: number, width: number): Float32Array | null {
  const at = layout(k, [width * fanIn, width * fanIn, batch * fanIn, bias ? width : 0, batch * width]);
  if (!at) return null;
  const [pw, pwt, px, pb, ph] = at;
  put(k, pw, w, width * fanIn);
  put(k, px, x, batch * fanIn);
  if (bias) put(k, pb, bias, width);
  k.matmulBias(pw, px, bias ? pb : 0, ph, pwt, batch, fanIn, width);
  return new Float32Array(k.memory.buffer, ph, batch * width).slice();
}

function wasmTransposed(k: Kernels, w: Float32Array, d: Float32Array, batch: number, fanIn: number, width: number): Float32Array | null {
  const at = layout(k, [width * fanIn, batch * width, batch * fanIn]);
  if (!at) return null;
  const [pw, pd, pdx] = at;
  put(k, pw, w, width * fanIn);
  put(k, pd, d, batch * width);
  k.matmulTransposed(pw, pd, pdx, batch, fanIn, width);
  return new Float32Array(k.memory.buffer, pdx, batch * fanIn).slice();
}

/**
 * Blocks of 2 samples × 4 outputs, eight float64 accumulators: each step i loads 2 values of x and
 * 4 of w for 8 products. The samples and outputs left over go one by one.
 */
function jsBias(w: Float32Array, x: Float32Array, bias: Float32Array | undefined, batch: number, fanIn: number, width: number): Float32Array {
  const h = new Float32Array(batch * width);
  const batch2 = batch & ~1;
  const width4 = width & ~3;
  for (let b = 0; b < batch2; b += 2) {
    const xa = b * fanIn, xb = xa + fanIn;
    const ha = b * width, hb = ha + width;
    for (let o = 0; o < width4; o += 4) {
      const w0 = o * fanIn, w1 = w0 + fanIn, w2 = w1 + fanIn, w3 = w2 + fanIn;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let i = 0; i < fanIn; i++) {
        const u = x[xa + i], v = x[xb + i];
        const a0 = w[w0 + i], a1 = w[w1 + i], a2 = w[w2 + i], a3 = w[w3 + i];
        s0 += a0 * u; s1 += a1 * u; s2 += a2 * u; s3 += a3 * u;
        t0 += a0 * v; t1 += a1 * v; t2 += a2 * v; t3 += a3 * v;
      }
      const c0 = bias ? bias[o] : 0, c1 = bias ? bias[o + 1] : 0, c2 = bias ? bias[o + 2] : 0, c3 = bias ? bias[o + 3] : 0;
      h[ha + o] = s0 + c0; h[ha + o + 1] = s1 + c1; h[ha + o + 2] = s2 + c2; h[ha + o + 3] = s3 + c3;
      h[hb + o] = t0 + c0; h[hb + o + 1] = t1 + c1; h[hb + o + 2] = t2 + c2; h[hb + o + 3] = t3 + c3;
    }
  }
  for (let b = 0; b < batch; b++) {
    const xb = b * fanIn;
    for (let o = b < batch2 ? width4 : 0; o < width; o++) {
      const wo = o * fanIn;
      let s = 0;
      for (let i = 0; i < fanIn; i++) s += w[wo + i] * x[xb + i];
      h[b * width + o] = s + (bias ? bias[o] : 0);
    }
  }
  return h;
}

/**
 * Two samples at a time into two float64 rows of dx, four rows of w per pass: every inner loop runs
 * along i, contiguous in w and dx.
 */
function jsTransposed(w: Float32Array, d: Float32Array, batch: number, fanIn: number, width: number): Float32Array {
  const dx = new Float32Array(batch * fanIn);
  const p = new Float64Array(fanIn);
  const q = new Float64Array(fanIn);
  const width4 = width & ~3;
  let b = 0;
  for (; b + 2 <= batch; b += 2) {
    p.fill(0);
    q.fill(0);
    const da = b * width, db = da + width;
    let o = 0;
    for (; o < width4; o += 4) {
      const d0 = d[da + o], d1 = d[da + o + 1], d2 = d[da + o + 2], d3 = d[da + o + 3];
      const e0 = d[db + o], e1 = d[db + o + 1], e2 = d[db + o + 2], e3 = d[db + o + 3];
      const w0 = o * fanIn, w1 = w0 + fanIn, w2 = w1 + fanIn, w3 = w2 + fanIn;
      for (let i = 0; i < fanIn; i++) {
        const a0 = w[w0 + i], a1 = w[w1 + i], a2 = w[w2 + i], a3 = w[w3 + i];
        p[i] += d0 * a0 + d1 * a1 + d2 * a2 + d3 * a3;
        q[i] += e0 * a0 + e1 * a1 + e2 * a2 + e3 * a3;
      }
    }
    for (; o < width; o++) {
      const d0 = d[da + o], e0 = d[db + o];
      const wo = o * fanIn;
      for (let i = 0; i < fanIn; i++) {
        p[i] += d0 * w[wo + i];
        q[i] += e0 * w[wo + i];
      }
    }
    dx.set(p, b * fanIn);
    dx.set(q, b * fanIn + fanIn);
  }
  if (b < batch) {
    p.fill(0);
    const db = b * width;
    for (let o = 0; o < width; o++) {
      const d0 = d[db + o];
      const wo = o * fanIn;
      for (let i = 0; i < fanIn; i++) p[i] += d0 * w[wo + i];
    }
    dx.set(p, b * fanIn);
  }
  return dx;
}
