#!/usr/bin/env node
// `npm run bench`, third part: the preview's work per control change, with the same core the
// webview bundles (drawing, in the browser, is bench/webview.js).
//   - re-sample 10^5 weights and bin them (the budget is one animation frame, 16 ms)
//   - the mean-field curve through 100 layers (budget 1 ms)
//   - a 50-layer × 256-wide Monte Carlo pass with a batch of 64 (budget 100 ms)
'use strict';

const { performance } = require('perf_hooks');
const core = require('../dist/core.js');

const REPS = 15;
const WARMUP = 3;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}
function measure(fn) {
  for (let i = 0; i < WARMUP; i++) fn(i);
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    fn(WARMUP + i);
    times.push(performance.now() - t0);
  }
  return median(times);
}

const he = core.findScheme('torch', 'kaiming_normal_').scheme;
const weight = core.resolve(he, [256, 256], { nonlinearity: 'relu' });
const stack = (depth) => Array.from({ length: depth }, () => ({ fanIn: 256, width: 256, activation: 'relu', weight, framework: 'torch' }));

const resample = measure((seed) => core.histogram(core.sample(weight, 100_000, seed), 60));
const meanField = measure(() => core.propagate(stack(100), { batch: 0 }));
// ReLU's moments are closed-form; tanh and GELU take the Gauss–Legendre rule
const smooth = (activation) => Array.from({ length: 100 }, () => ({ fanIn: 256, width: 256, activation, weight, framework: 'torch' }));
const meanFieldTanh = measure(() => core.propagate(smooth('tanh'), { batch: 0 }));
const meanFieldGelu = measure(() => core.propagate(smooth('gelu'), { batch: 0 }));
const monteCarlo = measure((seed) => core.propagate(stack(50), { batch: 64, seed }));

const row = (what, ms, budget) => `  ${what.padEnd(52)} ${ms.toFixed(2).padStart(8)} ms   budget ${budget} ms: ${ms <= budget ? 'within' : 'OVER'}`;
console.log(`\nPreview work per control change, medians of ${REPS}:`);
console.log(row('re-sample and bin 10^5 weights', resample, 16));
console.log(row('mean-field curve, 100 ReLU layers', meanField, 1));
console.log(row('mean-field curve, 100 tanh layers', meanFieldTanh, 1));
console.log(row('mean-field curve, 100 GELU layers', meanFieldGelu, 1));
console.log(row('Monte Carlo pass, 50 layers × 256 wide, batch 64', monteCarlo, 100));

// one dense product of that pass (h = w·x, 256 × 256, batch 64) on each backend of src/core/matmul.ts
const wm = core.sample(weight, 256 * 256, 1);
const xm = core.sample(weight, 64 * 256, 2);
for (const backend of ['js', 'wasm-simd']) {
  core.useMatmulBackend(backend);
  const ms = measure(() => { for (let k = 0; k < 10; k++) core.matmulBias(wm, xm, undefined, 64, 256, 256); }) / 10;
  console.log(`  ${`one 256×256 product, batch 64, ${core.matmulBackend()}`.padEnd(52)} ${ms.toFixed(2).padStart(8)} ms   ${((2 * 64 * 256 * 256) / (ms * 1e6)).toFixed(1)} GFLOP/s`);
}
core.useMatmulBackend('wasm-simd');
