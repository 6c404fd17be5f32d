import { fillChunked, wasmKernels, type Kernels } from './kernels';
import { rngFromKernels, rngToKernels, uniformOpen53, Xoroshiro128Plus, type Rng } from './rng';

/**
 * Marsaglia & Tsang's ziggurat (2000) with 256 layers. The layer index comes from the top
 * 8 bits and the 24-bit signed abscissa from the rest, so layer and value are independent
 * (Doornik 2005's fix for the original's correlation).
 */
const LAYERS = 256;
const R = 3.6541528853610088; // right edge of the base layer
const V = 0.00492867323399; // area of each layer
const M = 8388608; // 2^23: the abscissa is a signed 24-bit integer

const kn = new Int32Array(LAYERS);
const wn = new Float64Array(LAYERS);
const fn = new Float64Array(LAYERS);

(function buildTables() {
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * M);
  kn[1] = 0;
  wn[0] = q / M;
  wn[LAYERS - 1] = dn / M;
  fn[0] = 1;
  fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * M);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M;
  }
})();

/** The slow path: the wedge test, or the tail beyond R (Marsaglia's exponential method). */
function slowPath(rng: Rng, u: number): number {
  for (;;) {
    const iz = u >>> 24;
    const j = (u << 8) >> 8;
    const x = j * wn[iz];
    if (iz === 0) {
      let xt: number;
      let y: number;
      do {
        xt = -Math.log(uniformOpen53(rng)) / R;
        y = -Math.log(uniformOpen53(rng));
      } while (y + y < xt * xt);
      return j > 0 ? R + xt : -R - xt;
    }
    if (fn[iz] + uniformOpen53(rng) * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * x * x)) return x;
    u = rng.next();
    const iz2 = u >>> 24;
    const j2 = (u << 8) >> 8;
    if ((j2 < 0 ? -j2 : j2) < kn[iz2]) return j2 * wn[iz2];
  }
}

/** One N(0, 1) draw. */
export function standardNormal(rng: Rng): number {
  const u = rng.next();
  const iz = u >>> 24;
  const j = (u << 8) >> 8;
  if ((j < 0 ? -j : j) < kn[iz]) return j * wn[iz];
  return slowPath(rng, u);
}

/**
 * Fewer values than this are drawn in JS: handing the state over and copying out costs more than
 * it saves. Both paths give the same values, so where the line falls changes no number.
 */
export const WASM_MIN_VALUES = 64;

/**
 * Fills out[from, to) with N(mu, sigma²); the hot loop of every normal sampler. The WebAssembly
 * module's fillNormalF32/F64 (assembly/kernels.ts) runs the same loop when it is loaded: the same
 * generator stream, these tables, JS's Math.log in the tail and the wedge test decided exactly as
 * Math.exp decides it. This file's loop runs otherwise. Both store the same values and leave `rng`
 * at the same point.
 */
export function fillNormal(rng: Rng, out: Float32Array | Float64Array, from: number, to: number, mu: number, sigma: number): void {
  if (to - from >= WASM_MIN_VALUES && rng instanceof Xoroshiro128Plus) {
    const k = zigguratKernels();
    if (k && wasmFillNormal(k, rng, out, from, to, mu, sigma)) return;
  }
  jsFillNormal(rng, out, from, to, mu, sigma);
}

/** The plain-JS loop (the fallback, and the reference the WebAssembly loop reproduces). */
export function jsFillNormal(rng: Rng, out: Float32Array | Float64Array, from: number, to: number, mu: number, sigma: number): void {
  for (let i = from; i < to; i++) {
    const u = rng.next();
    const iz = u >>> 24;
    const j = (u << 8) >> 8;
    const z = (j < 0 ? -j : j) < kn[iz] ? j * wn[iz] : slowPath(rng, u);
    out[i] = mu + sigma * z;
  }
}

function wasmFillNormal(k: Kernels, rng: Xoroshiro128Plus, out: Float32Array | Float64Array, from: number, to: number, mu: number, sigma: number): boolean {
  rngToKernels(k, rng);
  const fill = out instanceof Float32Array ? k.fillNormalF32 : k.fillNormalF64;
  if (!fillChunked(k, out, from, to, (ptr, count) => fill(ptr, count, mu, sigma))) return false;
  rngFromKernels(k, rng);
  return true;
}

/** The module with this file's tables in it (copied once per instance), or null. */
let tablesIn: Kernels | undefined;
export function zigguratKernels(): Kernels | null {
  const k = wasmKernels();
  if (k && k !== tablesIn) {
    // rows of 16 bytes: wn[i] (float64) at 0, kn[i] (int32) at 8
    const rows = k.zigguratRows();
    const f64 = new Float64Array(k.memory.buffer, rows, 2 * LAYERS);
    const i32 = new Int32Array(k.memory.buffer, rows, 4 * LAYERS);
    for (let i = 0; i < LAYERS; i++) {
      f64[2 * i] = wn[i];
      i32[4 * i + 2] = kn[i];
      i32[4 * i + 3] = 0;
    }
    new Float64Array(k.memory.buffer, k.zigguratFn(), LAYERS).set(fn);
    tablesIn = k;
  }
  return k;
}
