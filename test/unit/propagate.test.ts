import assert from 'node:assert/strict';
import { findScheme, phaseOf, propagate, recommend, resolve, type Framework, type LayerSpec } from '../../src/core';

/** A stack of `depth` square dense layers of `width`, all with one initializer and activation. */
function stack(framework: Framework, init: string, activation: string, depth: number, width: number, params = {}): LayerSpec[] {
  const { scheme } = findScheme(framework, init)!;
  const weight = resolve(scheme, [width, width], params);
  return Array.from({ length: depth }, () => ({ fanIn: width, width, activation, weight, framework }));
}

const ratio = (a: number, b: number) => a / b;

describe('propagate', () => {
  it('keeps the variance through ReLU with He (mean field exact, Monte Carlo within 35% over 20 layers)', () => {
    const p = propagate(stack('torch', 'kaiming_normal_', 'relu', 20, 256, { nonlinearity: 'relu' }), { batch: 32, seed: 1 });
    for (const l of p.layers) assert.ok(Math.abs(l.q - 2) < 1e-6, `q = ${l.q}`);
    assert.ok(Math.abs(p.chi1 - 1) < 1e-6);
    assert.equal(p.phase, 'critical');
    const last = p.layers[19];
    assert.ok(Math.abs(ratio(last.forwardStd, p.layers[0].forwardStd) - 1) < 0.35, `MC forward ${p.layers[0].forwardStd} → ${last.forwardStd}`);
    assert.ok(Math.abs(ratio(p.layers[0].gradStd, last.gradStd) - 1) < 0.35, `MC grad ${last.gradStd} → ${p.layers[0].gradStd}`);
  });

  it('halves the variance per square layer with Xavier before ReLU, in theory and in the sampled pass', () => {
    const p = propagate(stack('torch', 'xavier_normal_', 'relu', 10, 256), { batch: 32, seed: 2 });
    for (let l = 1; l < 10; l++) assert.ok(Math.abs(p.layers[l].q / p.layers[l - 1].q - 0.5) < 1e-6);
    assert.ok(Math.abs(p.chi1 - 0.5) < 1e-6);
    assert.equal(p.phase, 'ordered');
    // 9 halvings of the variance: the std falls by 2^-4.5 ≈ 0.044
    const mc = p.layers[9].forwardStd / p.layers[0].forwardStd;
    assert.ok(mc > 0.03 && mc < 0.065, `MC std ratio ${mc}`);
    const grad = p.layers[0].gradStd / p.layers[9].gradStd;
    assert.ok(grad > 0.03 && grad < 0.065, `MC grad ratio ${grad}`);
  });

  it('lets tanh with Xavier (σ_b = 0) decay slowly, about 1/(2l), approaching criticality from the ordered side', () => {
    const p = propagate(stack('torch', 'xavier_normal_', 'tanh', 50, 64), { batch: 0 });
    assert.ok(Math.abs(p.layers[4].q - 0.128) < 0.01, `q5 = ${p.layers[4].q}`);
    assert.ok(Math.abs(p.layers[9].q - 0.058) < 0.005, `q10 = ${p.layers[9].q}`);
    assert.ok(Math.abs(p.layers[49].q - 0.010) < 0.002, `q50 = ${p.layers[49].q}`);
    // χ1 creeps up to the critical 1 (0.98 at layer 50), but over 50 layers gradients still shrink ≈ ×0.12
    assert.ok(Math.abs(p.layers[49].chi1 - 0.98) < 0.005, `χ1(50) = ${p.layers[49].chi1}`);
    assert.ok(Math.abs(p.layers[0].meanFieldGradStd - 0.12) < 0.01);
    assert.equal(p.phase, 'ordered');
  });

  it('drives tanh with He into chaos and sigmoid with Xavier into order', () => {
    const he = propagate(stack('torch', 'kaiming_normal_', 'tanh', 50, 64, { nonlinearity: 'relu' }), { batch: 0 });
    assert.ok(Math.abs(he.layers[49].q - 0.618) < 0.01, `q50 = ${he.layers[49].q}`);
    assert.equal(he.phase, 'chaotic');
    const sig = propagate(stack('torch', 'xavier_normal_', 'sigmoid', 20, 64), { batch: 0 });
    assert.ok(Math.abs(sig.layers[19].q - 0.265) < 0.01);
    assert.equal(sig.phase, 'ordered');
  });

  it('keeps SELU with LeCun normal at unit variance, and blows it up with He', () => {
    const lecun = propagate(stack('keras', 'lecun_normal', 'selu', 30, 128), { batch: 32, seed: 3 });
    for (const l of lecun.layers) assert.ok(Math.abs(l.q - 1) < 0.01, `q = ${l.q}`);
    assert.ok(Math.abs(lecun.layers[29].forwardStd - 1) < 0.2, `MC std ${lecun.layers[29].forwardStd}`);
    const he = propagate(stack('keras', 'he_normal', 'selu', 20, 128), { batch: 0 });
    assert.ok(Math.abs(he.layers[19].q - 125) / 125 < 0.05, `q20 = ${he.layers[19].q}`);
  });

  it('shows the TF.js heNormal shortfall: each ReLU layer keeps only ≈ 0.774 of the variance', () => {
    const p = propagate(stack('tfjs', 'heNormal', 'relu', 20, 128), { batch: 0 });
    assert.ok(Math.abs(p.layers[10].q / p.layers[9].q - 0.7737) < 0.001);
    assert.equal(p.phase, 'ordered');
  });

  it('routes a conv-shaped layer (fan_in = in·k²) through the gather without losing the scale', () => {
    const conv = resolve(findScheme('torch', 'kaiming_normal_')!.scheme, [32, 16, 3, 3], { nonlinearity: 'relu' });
    const layers: LayerSpec[] = [
      { fanIn: 144, width: 32, activation: 'relu', weight: conv, framework: 'torch' },
      { fanIn: 32 * 9, width: 32, activation: 'relu', weight: resolve(findScheme('torch', 'kaiming_normal_')!.scheme, [32, 32, 3, 3], { nonlinearity: 'relu' }), framework: 'torch' },
    ];
    const p = propagate(layers, { batch: 64, seed: 4 });
    assert.ok(Math.abs(p.layers[1].forwardStd / p.layers[0].forwardStd - 1) < 0.25);
  });

  it('classifies χ1 into phases with a 5% critical band', () => {
    assert.equal(phaseOf(0.5), 'ordered');
    assert.equal(phaseOf(0.98), 'critical');
    assert.equal(phaseOf(1.04), 'critical');
    assert.equal(phaseOf(1.07), 'chaotic');
  });
});

describe('recommend', () => {
  it('names schemes that exist, in each framework, and that keep the variance they promise', () => {
    const cases: [string, number][] = [['relu', 2], ['gelu', 2], ['leaky_relu', 2 / (1 + 0.01 ** 2)], ['selu', 1], ['tanh', 25 / 9], ['sigmoid', 1 / 2]];
    for (const framework of ['torch', 'keras', 'tfjs', 'jax'] as const) {
      for (const [act, sigma2] of cases) {
        const r = recommend(act, framework);
        const match = findScheme(framework, r.scheme);
        assert.ok(match, `${framework}: ${r.scheme}`);
        // a [fan, fan] layer: σ_w² = fan·Var(W), the same in every layout for a square matrix
        const d = resolve(match.scheme, [100, 100], r.params);
        const s2 = 100 * d.std ** 2;
        const expected = act === 'tanh' && framework !== 'torch' ? 1 : act === 'sigmoid' ? 1 : sigma2;
        assert.ok(Math.abs(s2 - expected) < 1e-6, `${framework} ${act}: σ_w² = ${s2}, expected ${expected} (${r.scheme})`);
      }
    }
  });
});
