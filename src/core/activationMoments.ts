import type { Activation } from './activations';
import { gaussianRule } from './gaussianExpectation';

/** The two Gaussian moments of an activation that mean field needs, at pre-activation variance q. */
export interface ActivationMoments {
  /** E[φ(√q z)²]: what the next layer's weights see. */
  meanSquare: number;
  /** E[φ′(√q z)²]: χ1 / σ_w², and the backward pass's factor. */
  meanSquareSlope: number;
}

/** Kinks at 0 and the activation's breakpoints, and cuts at 1, 4, 16 and 64 units of x, where a smooth φ(√q z) changes. */
function cuts(a: Activation, sq: number): number[] {
  const c = [0];
  for (const b of a.breakpoints ?? []) c.push(b / sq);
  for (const k of [1, 4, 16, 64]) c.push(k / sq, -k / sq);
  return c;
}

/** Both moments on one set of nodes; for a piecewise-linear φ with negative slope a, q·(1 + a²)/2 and (1 + a²)/2. */
export function activationMoments(a: Activation, q: number, slope: number): ActivationMoments {
  if (a.piecewiseLinear) {
    const s = a.piecewiseLinear(slope);
    return { meanSquare: (q * (1 + s * s)) / 2, meanSquareSlope: (1 + s * s) / 2 };
  }
  const sq = Math.sqrt(q);
  const { z, w } = gaussianRule(cuts(a, sq), a.odd);
  let meanSquare = 0;
  let meanSquareSlope = 0;
  for (let k = 0; k < z.length; k++) {
    const x = sq * z[k];
    meanSquare += w[k] * a.f(x, slope) ** 2;
    meanSquareSlope += w[k] * a.df(x, slope) ** 2;
  }
  return { meanSquare, meanSquareSlope };
}
