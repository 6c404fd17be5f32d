import { fillChunked, type Kernels } from './kernels';
import { normalMass, phi } from './normalFunctions';
import { rngFromKernels, rngToKernels, uniform24, uniformOpen53, Xoroshiro128Plus, type Rng } from './rng';
import { standardNormal, WASM_MIN_VALUES, zigguratKernels } from './ziggurat';

/** Draws standard normals restricted to (alpha, beta), picking the proposal with the best acceptance. */
export type StandardTruncatedDraw = (rng: Rng) => number;

/**
 * How N(0, 1) on [alpha, beta] is drawn: the proposal and its constants, computed once in JS so that
 * the JS draw below and the WebAssembly loops (assembly/kernels.ts, fillTruncated*F32) use the same
 * numbers. `mirrored`: the draw is the negative of a draw on [−beta, −alpha].
 */
export type TruncatedProposal = { mirrored: boolean } & (
  | { kind: 'normal'; alpha: number; beta: number }
  | { kind: 'exponential'; alpha: number; beta: number; lambda: number }
  | { kind: 'uniform'; alpha: number; width: number; peakPhi: number }
);

/** Robert (1995): z = α + Exp(λ), λ = (α + √(α²+4))/2, accept with exp(−(z−λ)²/2); for α ≥ 0. */
function exponentialTail(alpha: number, beta: number): TruncatedProposal {
  return { kind: 'exponential', alpha, beta, lambda: (alpha + Math.sqrt(alpha * alpha + 4)) / 2, mirrored: false };
}

/** Uniform proposal on [α, β], accepted with φ(z)/max φ on the interval. */
function uniformProposal(alpha: number, beta: number): TruncatedProposal {
  const peak = alpha > 0 ? alpha : beta < 0 ? beta : 0;
  return { kind: 'uniform', alpha, width: beta - alpha, peakPhi: phi(peak), mirrored: false };
}

/** Plain rejection from N(0, 1): best when most of the mass is inside. */
function normalRejection(alpha: number, beta: number): TruncatedProposal {
  return { kind: 'normal', alpha, beta, mirrored: false };
}

/**
 * The proposal for N(0, 1) truncated to [alpha, beta]: normal rejection when at least 30 % of the
 * mass is inside (the resampling PyTorch's trunc_normal_ moved to in 2026, PR #174997), otherwise
 * the better of a uniform and an exponential proposal, so narrow and far-tail windows stay fast and
 * exact.
 */
export function truncatedProposal(alpha: number, beta: number): TruncatedProposal {
  const mass = normalMass(alpha, beta);
  if (mass >= 0.3) return normalRejection(alpha, beta);
  if (alpha < 0 && beta > 0) return uniformProposal(alpha, beta);
  if (beta <= 0) {
    const mirrored = truncatedProposal(-beta, -alpha);
    return { ...mirrored, mirrored: !mirrored.mirrored };
  }
  // α ≥ 0: acceptance of the uniform proposal is mass/((β−α)φ(α)); of the exponential about mass/Φ(−α)
  const uniformAcceptance = Number.isFinite(beta) ? mass / ((beta - alpha) * phi(alpha)) : 0;
  const exponentialAcceptance = mass / normalMass(alpha, Infinity);
  return uniformAcceptance > exponentialAcceptance ? uniformProposal(alpha, beta) : exponentialTail(alpha, beta);
}

/** A sampler for N(0, 1) truncated to [alpha, beta] in JS (see truncatedProposal). */
export function standardTruncated(alpha: number, beta: number): StandardTruncatedDraw {
  return jsDraw(truncatedProposal(alpha, beta));
}

function jsDraw(p: TruncatedProposal): StandardTruncatedDraw {
  const draw = unmirroredDraw(p);
  return p.mirrored ? (rng) => -draw(rng) : draw;
}

function unmirroredDraw(p: TruncatedProposal): StandardTruncatedDraw {
  switch (p.kind) {
    case 'normal': {
      const { alpha, beta } = p;
      return (rng) => {
        for (;;) {
          const z = standardNormal(rng);
          if (z >= alpha && z <= beta) return z;
        }
      };
    }
    case 'exponential': {
      const { alpha, beta, lambda } = p;
      return (rng) => {
        for (;;) {
          const z = alpha - Math.log(uniformOpen53(rng)) / lambda;
          if (z > beta) continue;
          const d = z - lambda;
          if (uniformOpen53(rng) <= Math.exp(-0.5 * d * d)) return z;
        }
      };
    }
    case 'uniform': {
      const { alpha, width, peakPhi } = p;
      return (rng) => {
        for (;;) {
          const z = alpha + width * uniformOpen53(rng);
          if (uniform24(rng) * peakPhi <= phi(z)) return z;
        }
      };
    }
  }
}

/**
 * Fills `out` with N(mu, sigma²) truncated to [low, high], each value rounded to float32 and clamped
 * (the rounding of mu + sigma·z can step past a bound). In the WebAssembly module when it is loaded,
 * else in JS; the same values either way, and `rng` left at the same point.
 */
export function fillTruncatedNormal(rng: Rng, out: Float32Array, mu: number, sigma: number, low: number, high: number): void {
  if (sigma === 0) {
    out.fill(Math.min(Math.max(mu, low), high));
    return;
  }
  const proposal = truncatedProposal((low - mu) / sigma, (high - mu) / sigma);
  if (out.length >= WASM_MIN_VALUES && rng instanceof Xoroshiro128Plus) {
    const k = zigguratKernels();
    if (k && wasmFill(k, rng, out, proposal, mu, sigma, low, high)) return;
  }
  jsFillTruncated(rng, out, proposal, mu, sigma, low, high);
}

/** The plain-JS loop (the fallback, and the reference the WebAssembly loops reproduce). */
export function jsFillTruncated(rng: Rng, out: Float32Array, proposal: TruncatedProposal, mu: number, sigma: number, low: number, high: number): void {
  const draw = jsDraw(proposal);
  for (let i = 0; i < out.length; i++) {
    // Clamp guards float32 rounding of mu + sigma·z past a bound.
    const x = Math.fround(mu + sigma * draw(rng));
    out[i] = x < low ? low : x > high ? high : x;
  }
}

function wasmFill(k: Kernels, rng: Xoroshiro128Plus, out: Float32Array, p: TruncatedProposal, mu: number, sigma: number, low: number, high: number): boolean {
  const m = p.mirrored ? 1 : 0;
  let kernel: (ptr: number, count: number) => void;
  switch (p.kind) {
    case 'normal':
      if (p.mirrored) return false; // never chosen (mass ≥ 30 % is not mirrored); JS if it were
      kernel = (ptr, count) => k.fillTruncatedRejectionF32(ptr, count, p.alpha, p.beta, mu, sigma, low, high);
      break;
    case 'exponential':
      kernel = (ptr, count) => k.fillTruncatedExponentialF32(ptr, count, p.alpha, p.beta, p.lambda, m, mu, sigma, low, high);
      break;
    case 'uniform':
      kernel = (ptr, count) => k.fillTruncatedUniformF32(ptr, count, p.alpha, p.width, p.peakPhi, m, mu, sigma, low, high);
      break;
  }
  rngToKernels(k, rng);
  if (!fillChunked(k, out, 0, out.length, kernel)) return false;
  rngFromKernels(k, rng);
  return true;
}
