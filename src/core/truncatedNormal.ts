import { normalMass, phi } from './normalFunctions';

export interface Moments2 {
  mean: number;
  std: number;
}

/**
 * Mean and std of N(mean, std²) truncated to [low, high].
 * With α = (low−μ)/σ, β = (high−μ)/σ, Z = Φ(β) − Φ(α):
 *   E = μ + σ(φ(α) − φ(β))/Z,  Var = σ²[1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)²].
 */
export function truncatedNormalMoments(mean: number, std: number, low: number, high: number): Moments2 {
  if (std === 0) return { mean: Math.min(Math.max(mean, low), high), std: 0 };
  const alpha = (low - mean) / std;
  const beta = (high - mean) / std;
  const z = normalMass(alpha, beta);
  const pa = Number.isFinite(alpha) ? phi(alpha) : 0;
  const pb = Number.isFinite(beta) ? phi(beta) : 0;
  const apa = Number.isFinite(alpha) ? alpha * pa : 0;
  const bpb = Number.isFinite(beta) ? beta * pb : 0;
  if (!(z > 0)) {
    // All mass is so far in a tail that Φ underflows: the distribution sits at the nearer bound.
    const edge = Math.abs(alpha) < Math.abs(beta) ? low : high;
    return { mean: edge, std: 0 };
  }
  const shift = (pa - pb) / z;
  const variance = std * std * (1 + (apa - bpb) / z - shift * shift);
  return { mean: mean + std * shift, std: Math.sqrt(Math.max(variance, 0)) };
}

/** sd of N(0,1) truncated to [−2, 2]; Keras and JAX divide by it so the result has the target sd. */
export const TRUNCATION_CORRECTION = 0.87962566103423978;
