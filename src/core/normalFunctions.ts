import erfc = require('@stdlib/math-base-special-erfc');

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Standard normal density φ(z). */
export function phi(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** Standard normal cdf Φ(z) = erfc(−z/√2)/2, accurate in both tails. */
export function Phi(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** P(a < Z < b) for standard normal Z, computed on the side where it does not cancel. */
export function normalMass(a: number, b: number): number {
  if (a >= 0) return Phi(-a) - Phi(-b);
  return Phi(b) - Phi(a);
}
