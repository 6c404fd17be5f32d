import { uniformOpen53, type Rng } from './rng';

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

/** Fills out[from, to) with N(mu, sigma²); the hot loop of every normal sampler. */
export function fillNormal(rng: Rng, out: Float32Array | Float64Array, from: number, to: number, mu: number, sigma: number): void {
  for (let i = from; i < to; i++) {
    const u = rng.next();
    const iz = u >>> 24;
    const j = (u << 8) >> 8;
    const z = (j < 0 ? -j : j) < kn[iz] ? j * wn[iz] : slowPath(rng, u);
    out[i] = mu + sigma * z;
  }
}
