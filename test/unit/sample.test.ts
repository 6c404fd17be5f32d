import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  atoms, constant, dirac, findScheme, histogram, identity, moments, normal, orthogonal, pdf, resolve, sample, sampleTensor,
  sparse, truncatedNormal, uniform, type Distribution,
} from '../../src/core';
import { Phi } from '../../src/core/normalFunctions';

const FC = { seed: 20261129, numRuns: 60 };

/** |sampled − theory| of mean and std within k standard errors (SE of the std from the 4th moment). */
function assertMoments(d: Distribution, values: Float32Array, k = 5): void {
  const m = moments(values);
  const n = values.length;
  const seMean = d.std / Math.sqrt(n) + 1e-12;
  assert.ok(Math.abs(m.mean - d.mean) <= k * seMean + 1e-7 * Math.abs(d.mean),
    `${d.family}: mean ${m.mean} vs ${d.mean} (SE ${seMean})`);
  // Var(s²) ≈ (m4 − σ⁴)/n, so SE(s) ≈ σ·√((κ − 1)/(4n))
  const kurt = Number.isFinite(m.kurtosis) ? m.kurtosis : 3;
  const seStd = d.std * Math.sqrt(Math.max(kurt - 1, 0.1) / (4 * n)) + 1e-12;
  assert.ok(Math.abs(m.std - d.std) <= k * seStd + 1e-6 * d.std, `${d.family}: std ${m.std} vs ${d.std} (SE ${seStd})`);
}

describe('samplers', () => {
  it('give the same values for the same seed and different ones for another', () => {
    for (const d of [normal([100], 0, 1), uniform([100], -1, 1), truncatedNormal([100], 0, 1, -2, 2), orthogonal([10, 10], 1, 10, 10)]) {
      assert.deepEqual(sample(d, 1000, 7), sample(d, 1000, 7));
      assert.notDeepEqual(sample(d, 1000, 7), sample(d, 1000, 8));
    }
  });

  it('draw N(0, 1) whose empirical cdf is within the Kolmogorov–Smirnov 1% bound', () => {
    const n = 400_000;
    const xs = Float64Array.from(sample(normal([n], 0, 1), n, 3)).sort();
    let dMax = 0;
    for (let i = 0; i < n; i++) {
      const f = Phi(xs[i]);
      dMax = Math.max(dMax, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
    }
    assert.ok(dMax < 1.63 / Math.sqrt(n), `KS D = ${dMax}`);
  });

  it('match the moments of every family', () => {
    const cases: Distribution[] = [
      normal([1000], 0.3, 0.02),
      uniform([1000], -0.1, 0.3),
      resolve(findScheme('keras', 'RandomUniform')!.scheme, [10, 10], { minval: 0.2, maxval: -0.1 }),
      truncatedNormal([1000], 0, 1, -2, 2),
      truncatedNormal([1000], 0, 0.02, -2, 2),
      truncatedNormal([1000], 1, 0.5, 1.2, 1.4),
      truncatedNormal([1000], 0, 1, 4, 9),
      truncatedNormal([1000], 0, 1, -30, -25),
      truncatedNormal([1000], 0, 1, -0.05, 0.1),
      truncatedNormal([1000], 0, 1, 1, Infinity),
      orthogonal([64, 16], 1.5, 64, 16),
      orthogonal([16, 64], 1, 16, 64),
      sparse([200, 50], 0, 0.01, 200, 50, { zerosPerColumn: 20 }),
      sparse([100, 8], 0, 1, 100, 8, { zeroRow: 3 }),
      identity([30, 40], 2),
      dirac([16, 8, 3, 3], 1, 2),
      constant([7, 3], 0.25),
    ];
    for (const d of cases) assertMoments(d, sample(d, 200_000, 11));
  });

  it('never leave the bounds (uniform, truncated normal), whatever the window', () => {
    fc.assert(fc.property(
      fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 1e-4, max: 10, noNaN: true }),
      fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 1e-3, max: 8, noNaN: true }), fc.integer({ min: 0, max: 1000 }),
      (mu, sigma, aStd, width, seed) => {
        const low = mu + aStd * sigma;
        const high = low + width * sigma;
        for (const d of [truncatedNormal([500], mu, sigma, low, high), uniform([500], low, high)]) {
          for (const x of sample(d, 500, seed)) assert.ok(x >= Math.fround(low) && x <= Math.fround(high), `${x} outside [${low}, ${high}]`);
        }
      }), FC);
  });

  it('make orthogonal tensors orthogonal to 1e-5 in each framework\'s orientation', () => {
    const check = (framework: 'torch' | 'keras' | 'tfjs' | 'jax', init: string, shape: number[], seed: number, params = {}) => {
      const d = resolve(findScheme(framework, init)!.scheme, shape, params);
      assert.equal(d.family, 'orthogonal');
      if (d.family !== 'orthogonal') return;
      const t = sampleTensor(d, seed);
      // Rebuild the rows×cols matrix; JAX moves its column axis, so index through it.
      const { rows, cols } = d;
      const at = (r: number, c: number) => {
        if (d.columnAxis === undefined || d.columnAxis === shape.length - 1) return t[r * cols + c] / d.gain;
        const axis = d.columnAxis;
        const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
        const o = Math.floor(r / inner);
        const i = r % inner;
        return t[(o * shape[axis] + c) * inner + i] / d.gain;
      };
      const byCols = rows >= cols;
      const k = Math.min(rows, cols);
      const n = Math.max(rows, cols);
      for (let p = 0; p < k; p++) {
        for (let q = p; q < k; q++) {
          let dot = 0;
          for (let s = 0; s < n; s++) dot += byCols ? at(s, p) * at(s, q) : at(p, s) * at(q, s);
          assert.ok(Math.abs(dot - (p === q ? 1 : 0)) < 1e-5, `${framework}.${init} [${shape}] <${p},${q}> = ${dot}`);
        }
      }
    };
    fc.assert(fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 3 }), fc.nat(),
      (a, b, k, seed) => {
        check('torch', 'orthogonal_', [a, b], seed, { gain: 2 });
        check('torch', 'orthogonal_', [a, b, k], seed);
        check('keras', 'Orthogonal', [k, a, b], seed);
        check('tfjs', 'orthogonal', [a, b], seed);
        check('jax', 'orthogonal', [a, k, b], seed, { column_axis: 0 });
      }), { ...FC, numRuns: 30 });
  });

  it('puts a delta-orthogonal matrix at the centre tap only', () => {
    const d = resolve(findScheme('jax', 'delta_orthogonal')!.scheme, [3, 3, 4, 6]);
    const t = sampleTensor(d, 1);
    const centre = 4; // (3−1)//2 = 1 in both spatial dims → tap 1·3 + 1
    for (let tap = 0; tap < 9; tap++) {
      const block = t.subarray(tap * 24, (tap + 1) * 24);
      assert.equal(block.some((x) => x !== 0), tap === centre, `tap ${tap}`);
    }
  });

  it('zero exactly ceil(sparsity·rows) entries per column in sparse_', () => {
    const d = resolve(findScheme('torch', 'sparse_')!.scheme, [50, 7], { sparsity: 0.3 });
    const t = sampleTensor(d, 5);
    for (let c = 0; c < 7; c++) {
      let zeros = 0;
      for (let r = 0; r < 50; r++) if (t[r * 7 + c] === 0) zeros++;
      assert.equal(zeros, 15);
    }
  });

  it('build eye_, dirac_ and the Keras LSTM forget-gate bias as the frameworks lay them out', () => {
    const eye = sampleTensor(resolve(findScheme('torch', 'eye_')!.scheme, [2, 3]), 0);
    assert.deepEqual([...eye], [1, 0, 0, 0, 1, 0]);
    // dirac_ on [4, 2, 3] with groups 2: out channel g·2 + d takes input d at centre tap 1
    const dir = sampleTensor(resolve(findScheme('torch', 'dirac_')!.scheme, [4, 2, 3], { groups: 2 }), 0);
    const ones = [...dir].flatMap((x, i) => (x === 1 ? [i] : []));
    assert.deepEqual(ones, [0 * 6 + 0 * 3 + 1, 1 * 6 + 1 * 3 + 1, 2 * 6 + 0 * 3 + 1, 3 * 6 + 1 * 3 + 1]);
    const bias = sampleTensor(resolve(findScheme('keras', 'LSTM')!.scheme, [3, 8], { tensor: 'bias' }), 0);
    assert.deepEqual([...bias], [0, 0, 1, 1, 0, 0, 0, 0]);
  });

  it('have a pdf that integrates, with the point masses, to 1', () => {
    const cases: Distribution[] = [
      normal([1], 0, 2), uniform([1], -1, 3), uniform([1], 0.5, -0.5), truncatedNormal([1], 0, 1, -0.5, 2.5), truncatedNormal([1], 0, 1, 3, 5),
      orthogonal([8, 5], 2, 8, 5), orthogonal([3, 2], 1, 3, 2), sparse([10, 4], 0, 1, 10, 4, { zerosPerColumn: 3 }),
      resolve(findScheme('jax', 'delta_orthogonal')!.scheme, [3, 8, 8]),
    ];
    for (const d of cases) {
      const lo = Number.isFinite(d.bounds[0]) ? d.bounds[0] : d.mean - 12 * d.std;
      const hi = Number.isFinite(d.bounds[1]) ? d.bounds[1] : d.mean + 12 * d.std;
      const steps = 200_000;
      const h = (hi - lo) / steps;
      let area = 0;
      for (let i = 0; i < steps; i++) area += pdf(d, lo + (i + 0.5) * h) * h;
      const mass = atoms(d).reduce((s, a) => s + a.weight, 0);
      assert.ok(Math.abs(area + mass - 1) < 2e-3, `${d.family}: ∫pdf = ${area}, atoms ${mass}`);
    }
  });
});

describe('histogram and moments', () => {
  it('count like numpy: equal bins, the last one closed, everything counted once', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 50 }),
      (xs, bins) => {
        const h = histogram(xs, bins);
        assert.equal(h.counts.reduce((a, b) => a + b, 0), xs.length);
        const lo = Math.min(...xs);
        const hi = Math.max(...xs);
        if (lo < hi) {
          assert.equal(h.counts[0] > 0, true);
          assert.equal(h.counts[bins - 1] > 0, true, 'the maximum lands in the last bin');
        }
      }), FC);
    const h = histogram([0, 0.5, 1, 1, 2], 2, [0, 1]);
    assert.deepEqual([...h.counts], [1, 3]);
    assert.equal(h.outside, 1);
  });

  it('compute mean, population std and kurtosis', () => {
    const m = moments([1, 2, 3, 4]);
    assert.equal(m.mean, 2.5);
    assert.equal(m.std, Math.sqrt(1.25));
    assert.equal(m.min, 1);
    assert.equal(m.max, 4);
    assert.ok(Math.abs(moments(sample(normal([1], 0, 1), 300_000, 2)).kurtosis - 3) < 0.05);
  });
});
