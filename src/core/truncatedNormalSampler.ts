import { normalMass, phi } from './normalFunctions';
import { uniform24, uniformOpen53, type Rng } from './rng';
import { standardNormal } from './ziggurat';

/** Draws standard normals restricted to (alpha, beta), picking the proposal with the best acceptance. */
export type StandardTruncatedDraw = (rng: Rng) => number;

/** Robert (1995): z = α + Exp(λ), λ = (α + √(α²+4))/2, accept with exp(−(z−λ)²/2); for α ≥ 0. */
function exponentialTail(alpha: number, beta: number): StandardTruncatedDraw {
  const lambda = (alpha + Math.sqrt(alpha * alpha + 4)) / 2;
  return (rng) => {
    for (;;) {
      const z = alpha - Math.log(uniformOpen53(rng)) / lambda;
      if (z > beta) continue;
      const d = z - lambda;
      if (uniformOpen53(rng) <= Math.exp(-0.5 * d * d)) return z;
    }
  };
}

/** Uniform proposal on [α, β], accepted with φ(z)/max φ on the interval. */
function uniformProposal(alpha: number, beta: number): StandardTruncatedDraw {
  const peak = alpha > 0 ? alpha : beta < 0 ? beta : 0;
  const width = beta - alpha;
  return (rng) => {
    for (;;) {
      const z = alpha + width * uniformOpen53(rng);
      if (uniform24(rng) * phi(peak) <= phi(z)) return z;
    }
  };
}

/** Plain rejection from N(0, 1): best when most of the mass is inside. */
function normalRejection(alpha: number, beta: number): StandardTruncatedDraw {
  return (rng) => {
    for (;;) {
      const z = standardNormal(rng);
      if (z >= alpha && z <= beta) return z;
    }
  };
}

/**
 * A sampler for N(0, 1) truncated to [alpha, beta]: normal rejection when at least 30 % of the
 * mass is inside (the resampling PyTorch's trunc_normal_ moved to in 2026, PR #174997),
 * otherwise the better of a uniform and an exponential proposal, so narrow and far-tail windows
 * stay fast and exact.
 */
export function standardTruncated(alpha: number, beta: number): StandardTruncatedDraw {
  const mass = normalMass(alpha, beta);
  if (mass >= 0.3) return normalRejection(alpha, beta);
  if (alpha < 0 && beta > 0) return uniformProposal(alpha, beta);
  if (beta <= 0) {
    const mirrored = standardTruncated(-beta, -alpha);
    return (rng) => -mirrored(rng);
  }
  // α ≥ 0: acceptance of the uniform proposal is mass/((β−α)φ(α)); of the exponential about mass/Φ(−α)
  const uniformAcceptance = Number.isFinite(beta) ? mass / ((beta - alpha) * phi(alpha)) : 0;
  const exponentialAcceptance = mass / normalMass(alpha, Infinity);
  return uniformAcceptance > exponentialAcceptance ? uniformProposal(alpha, beta) : exponentialTail(alpha, beta);
}
