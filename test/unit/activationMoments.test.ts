import assert from 'node:assert/strict';
import erf = require('@stdlib/math-base-special-erf');
import { ACTIVATIONS, activationMoments, type Activation } from '../../src/core';

const meanSquare = (a: Activation, q: number, slope: number) => activationMoments(a, q, slope).meanSquare;
const meanSquareSlope = (a: Activation, q: number, slope: number) => activationMoments(a, q, slope).meanSquareSlope;

/**
 * An independent reference: composite Simpson, 4,000 panels on each piece of [−10, 10] between
 * the activation's steps (0 and its breakpoints), each piece evaluated just inside its ends.
 */
function simpson(g: (z: number) => number, steps: number[]): number {
  const cuts = [-10, 10, ...steps.filter((c) => Math.abs(c) < 10)].sort((a, b) => a - b);
  let total = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [lo, hi] = [cuts[k], cuts[k + 1]];
    const panels = 4_000;
    const h = (hi - lo) / panels;
    let s = 0;
    for (let i = 0; i <= panels; i++) {
      const z = i === 0 ? lo + 1e-12 : i === panels ? hi - 1e-12 : lo + i * h;
      s += (i === 0 || i === panels ? 1 : i % 2 ? 4 : 2) * Math.exp(-0.5 * z * z) * g(z);
    }
    total += (s * h) / 3;
  }
  return total / Math.sqrt(2 * Math.PI);
}

describe('activation moments', () => {
  it('agree with a fine Simpson rule for every activation over q from 1e-4 to 1e3 (1e-4 relative)', () => {
    for (const a of ACTIVATIONS) {
      for (const slope of [a.defaultSlope ?? 0, 0.2]) {
        for (const q of [1e-4, 0.01, 0.3, 1, 2, 10, 100, 1000]) {
          const sq = Math.sqrt(q);
          const steps = [0, ...(a.breakpoints ?? []).map((b) => b / sq)];
          const want = [simpson((z) => a.f(sq * z, slope) ** 2, steps), simpson((z) => a.df(sq * z, slope) ** 2, steps)];
          const got = [meanSquare(a, q, slope), meanSquareSlope(a, q, slope)];
          for (let k = 0; k < 2; k++) {
            const tol = 1e-4 * Math.abs(want[k]) + 1e-12;
            assert.ok(Math.abs(got[k] - want[k]) <= tol, `${a.name} (slope ${slope}) q=${q}: ${k ? "E[φ'²]" : 'E[φ²]'} ${got[k]} vs ${want[k]}`);
          }
        }
      }
    }
  });

  it('match the closed forms: relu q/2 and 1/2, hardtanh′ erf(1/√(2q)) to 1e-9 even at q = 1e5', () => {
    const relu = ACTIVATIONS.find((a) => a.name === 'relu')!;
    assert.equal(meanSquare(relu, 3, 0), 1.5);
    assert.equal(meanSquareSlope(relu, 3, 0), 0.5);
    const hardtanh = ACTIVATIONS.find((a) => a.name === 'hardtanh')!;
    for (const q of [0.01, 1, 1e5]) {
      const want = erf(1 / Math.sqrt(2 * q));
      assert.ok(Math.abs(meanSquareSlope(hardtanh, q, 0) - want) < 1e-9 * want, `q=${q}: ${meanSquareSlope(hardtanh, q, 0)} vs ${want}`);
    }
  });
});
