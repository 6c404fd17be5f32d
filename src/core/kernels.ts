/**
 * The WebAssembly module "kernels" (assembly/kernels.ts: the dense products with 128-bit SIMD, the
 * samplers' hot loops, the histogram), loaded once, lazily and synchronously, for every caller:
 * matmul.ts, ziggurat.ts, truncatedNormalSampler.ts, sample.ts, histogram.ts. Every caller keeps a
 * plain-JS path and takes it when this returns null (no WebAssembly or no SIMD in the engine, a CSP
 * without 'wasm-unsafe-eval', a checkout not built yet) or when a test forces it with
 * useKernelBackend('js'). The samplers and the histogram give the same numbers on both paths.
 */
import { phi } from './normalFunctions';

export type KernelBackend = 'wasm-simd' | 'js';

/** The module's exports; byte offsets into `memory` stand for arrays. */
export interface Kernels {
  memory: WebAssembly.Memory;
  heapBase(): number;
  matmulBias(w: number, x: number, bias: number, h: number, wt: number, batch: number, fanIn: number, width: number): void;
  matmulTransposed(w: number, d: number, dx: number, batch: number, fanIn: number, width: number): void;
  zigguratRows(): number;
  zigguratFn(): number;
  invSqrt2Pi(): number;
  libmExp(x: number): number;
  rngSet(s00: number, s01: number, s10: number, s11: number): void;
  rngWord(k: number): number;
  fillNormalF32(out: number, n: number, mu: number, sigma: number): void;
  fillNormalF64(out: number, n: number, mu: number, sigma: number): void;
  fillUniformF32(out: number, n: number, low: number, width: number): void;
  fillTruncatedRejectionF32(out: number, n: number, alpha: number, beta: number, mu: number, sigma: number, low: number, high: number): void;
  fillTruncatedExponentialF32(out: number, n: number, alpha: number, beta: number, lambda: number, mirrored: number, mu: number, sigma: number, low: number, high: number): void;
  fillTruncatedUniformF32(out: number, n: number, alpha: number, width: number, peakPhi: number, mirrored: number, mu: number, sigma: number, low: number, high: number): void;
  rangeF32(p: number, n: number, lo: number, hi: number): void;
  rangeF64(p: number, n: number, lo: number, hi: number): void;
  rangeLo(): number;
  rangeHi(): number;
  binF32(p: number, n: number, counts: number, bins: number, min: number, max: number, scale: number): void;
  binF64(p: number, n: number, counts: number, bins: number, min: number, max: number, scale: number): void;
}

const EXPORTS = [
  'memory', 'heapBase', 'matmulBias', 'matmulTransposed', 'zigguratRows', 'zigguratFn', 'invSqrt2Pi', 'libmExp', 'rngSet', 'rngWord',
  'fillNormalF32', 'fillNormalF64', 'fillUniformF32', 'fillTruncatedRejectionF32', 'fillTruncatedExponentialF32',
  'fillTruncatedUniformF32', 'rangeF32', 'rangeF64', 'rangeLo', 'rangeHi', 'binF32', 'binF64',
] satisfies (keyof Kernels)[];

let wanted: KernelBackend = 'wasm-simd';
/** undefined: not tried yet; null: tried, and the engine or its CSP refused it. */
let kernels: Kernels | null | undefined;

/** The module, or null when the JS paths run (refused by the engine, not built, or forced). */
export function wasmKernels(): Kernels | null {
  if (wanted === 'js') return null;
  if (kernels === undefined) kernels = load();
  return kernels;
}

/** Which implementation runs: 'wasm-simd' or 'js' (for the bench and tests). */
export function kernelBackend(): KernelBackend {
  return wasmKernels() ? 'wasm-simd' : 'js';
}

/** Forces the JS paths ('js'), or goes back to WebAssembly where it runs ('wasm-simd', which also retries a failed load). */
export function useKernelBackend(backend: KernelBackend): void {
  wanted = backend;
  if (backend === 'wasm-simd' && kernels === null) kernels = undefined;
}

/**
 * What the module imports. Math.exp and Math.log are the engine's own, and φ is normalFunctions.ts's,
 * so that the samplers' slow paths (wedge, tail, proposals) compute exactly what the JS code computes.
 */
const imports = { env: { exp: Math.exp, log: Math.log, phi } };

function load(): Kernels | null {
  try {
    // The bytes come from build/kernels.ts, which scripts/build-wasm.js writes (npm run build; the
    // matmul and sampler tests build it when missing): required here, lazily, so that a checkout
    // not built yet still runs, on the JS path. Compiled synchronously because every caller is
    // synchronous.
    const { kernelsWasmBase64 } = require('../../build/kernels') as { kernelsWasmBase64: string };
    const bin = atob(kernelsWasmBase64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports;
    // a stale build without every kernel: the JS paths, until `npm run build`
    if (!EXPORTS.every((name) => name in exports)) return null;
    return exports as unknown as Kernels;
  } catch {
    // no WebAssembly, no SIMD, a CSP without 'wasm-unsafe-eval', a main-thread size limit, not built
    return null;
  }
}

/**
 * Reserves `sizes` byte ranges in the module's memory from heapBase() on, each 16-byte aligned:
 * their byte offsets, or null when the memory cannot grow. Every caller is synchronous and calls no
 * other kernel while it holds its ranges, so all of them share the one scratch area.
 */
export function reserve(k: Kernels, sizes: number[]): number[] | null {
  let at = Math.max(16, (k.heapBase() + 15) & ~15);
  const offsets = sizes.map((n) => {
    const o = at;
    at += Math.ceil(n / 16) * 16;
    return o;
  });
  const have = k.memory.buffer.byteLength;
  try {
    if (at > have) k.memory.grow(Math.ceil((at - have) / 65536));
  } catch {
    return null;
  }
  return offsets;
}

/**
 * Values of a sampler's output are made CHUNK at a time in the module's memory and copied out:
 * 64 KiB of float32 stays in the cache between the kernel's stores and the copy, and the module's
 * memory does not grow with n.
 */
export const CHUNK = 16384;

/**
 * Fills out[from, to) by `kernel(ptr, count)`, which writes `count` values at byte offset `ptr` of
 * the module's memory: CHUNK values at a time, each chunk copied out. False, with `out` untouched,
 * when the memory cannot grow to hold one chunk.
 */
export function fillChunked(k: Kernels, out: Float32Array | Float64Array, from: number, to: number, kernel: (ptr: number, count: number) => void): boolean {
  const at = reserve(k, [CHUNK * out.BYTES_PER_ELEMENT]);
  if (!at) return false;
  const ptr = at[0];
  const view = out instanceof Float32Array ? new Float32Array(k.memory.buffer, ptr, CHUNK) : new Float64Array(k.memory.buffer, ptr, CHUNK);
  for (let i = from; i < to; i += CHUNK) {
    const count = Math.min(CHUNK, to - i);
    kernel(ptr, count);
    out.set(count === CHUNK ? view : view.subarray(0, count), i);
  }
  return true;
}
