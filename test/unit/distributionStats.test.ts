import { strict as assert } from 'node:assert';
import { findScheme, moments, resolve, sample, theoryStats } from '../../src/core';

// The theory column of the preview: checked against large samples from our own samplers (which
// the oracle suites check against PyTorch and TF.js), within a few standard errors.
const CASES: [string, string, number[], Record<string, number | string>][] = [
  ['torch', 'uniform_', [64, 64], { a: -0.1, b: 0.1 }],
  ['torch', 'normal_', [64, 64], { std: 0.02 }],
  ['torch', 'trunc_normal_', [64, 64], { std: 1 }],
  ['keras', 'he_normal', [256, 128], {}],
  ['torch', 'orthogonal_', [32, 64], {}],
  ['torch', 'sparse_', [100, 50], { sparsity: 0.3 }],
];

describe('theoryStats', () => {
  for (const [framework, name, shape, params] of CASES) {
    it(`${framework} ${name} ${JSON.stringify(params)}: share beyond 2σ and kurtosis agree with 400,000 samples`, () => {
      const d = resolve(findScheme(framework as 'torch', name)!.scheme, shape, params);
      const t = theoryStats(d);
      const x = sample(d, 400_000, 7);
      const m = moments(x);
      let beyond = 0;
      for (const v of x) if (Math.abs(v - d.mean) > 2 * d.std) beyond++;
      const share = beyond / x.length;
      assert.ok(Math.abs(share - t.beyond2sigma) < 5 * Math.sqrt(Math.max(t.beyond2sigma * (1 - t.beyond2sigma), 1e-6) / x.length) + 1e-3, `beyond 2σ: theory ${t.beyond2sigma}, sampled ${share}`);
      assert.ok(Math.abs(m.kurtosis - t.kurtosis) < 0.05 * t.kurtosis, `kurtosis: theory ${t.kurtosis}, sampled ${m.kurtosis}`);
    });
  }

  it('knows the textbook values: uniform 1.8 and 0 beyond 2σ, normal 3 and 4.55 %', () => {
    const u = theoryStats(resolve(findScheme('torch', 'uniform_')!.scheme, [4, 4], { a: -1, b: 1 }));
    assert.ok(Math.abs(u.kurtosis - 1.8) < 1e-6);
    assert.equal(u.beyond2sigma, 0);
    const n = theoryStats(resolve(findScheme('torch', 'normal_')!.scheme, [4, 4], { std: 3 }));
    assert.ok(Math.abs(n.kurtosis - 3) < 1e-4);
    assert.ok(Math.abs(n.beyond2sigma - 0.0455003) < 1e-5);
  });
});
