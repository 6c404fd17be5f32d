import type { Activation } from './activations';
import { gaussianExpectation } from './gaussianExpectation';

/** The two Gaussian moments of an activation that mean field needs, at pre-activation variance q. */

/** Kinks at 0 and the activation's breakpoints, and cuts at 1, 4, 16 and 64 units of x, where a smooth φ(√q z) changes. */
function cuts(a: Activation, sq: number): number[] {
  const c = [0];
  for (const b of a.breakpoints ?? []) c.push(b / sq);
  for (const k of [1, 4, 16, 64]) c.push(k / sq, -k / sq);
  return c;
}

/** E[φ(√q z)²]; for a piecewise-linear φ with negative slope a it is q·(1 + a²)/2. */
export function meanSquare(a: Activation, q: number, slope: number): number {
  if (a.piecewiseLinear) {
    const s = a.piecewiseLinear(slope);
    return (q * (1 + s * s)) / 2;
  }
  const sq = Math.sqrt(q);
  return gaussianExpectation((z) => a.f(sq * z, slope) ** 2, cuts(a, sq));
}

/** E[φ′(√q z)²]; (1 + a²)/2 for a piecewise-linear φ. */
export function meanSquareSlope(a: Activation, q: number, slope: number): number {
  if (a.piecewiseLinear) {
    const s = a.piecewiseLinear(slope);
    return (1 + s * s) / 2;
  }
  const sq = Math.sqrt(q);
  return gaussianExpectation((z) => a.df(sq * z, slope) ** 2, cuts(a, sq));
}
