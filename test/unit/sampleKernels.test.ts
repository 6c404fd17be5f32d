import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import {
  findScheme, histogram, kernelBackend, normal, orthogonal, resolve, sample, sampleTensor, sparse, truncatedNormal, uniform,
  useKernelBackend, type Distribution,
} from '../../src/core';
import { CHUNK, wasmKernels } from '../../src/core/kernels';
import { phi } from '../../src/core/normalFunctions';
import { createRng } from '../../src/core/rng';
import { truncatedProposal } from '../../src/core/truncatedNormalSampler';
import { fillNormal, jsFillNormal, WASM_MIN_VALUES } from '../../src/core/ziggurat';

// The samplers and the histogram run in the WebAssembly module when it loads and in JS otherwise;
// both must give the same float32 numbers, byte for byte, for the same seed.

const root = join(__dirname, '..', '..');
const FC = { seed: 20261130, numRuns: 40 };
const R = 3.6541528853610088; // the ziggurat's right edge: |z| > R only comes from its tail path

function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function assertSameBytes(wasm: ArrayBufferView, js: ArrayBufferView, what: string): void {
  assert.equal(wasm.byteLength, js.byteLength, `${what}: length`);
  if (Buffer.compare(bytes(wasm), bytes(js)) === 0) return;
  const a = new Float32Array(wasm.buffer, wasm.byteOffset, wasm.byteLength / 4);
  const b = new Float32Array(js.buffer, js.byteOffset, js.byteLength / 4);
  const i = a.findIndex((x, k) => !Object.is(x, b[k]));
  assert.fail(`${what}: first difference at ${i}: wasm ${a[i]}, js ${b[i]}`);
}

/** `run` under the JS paths, then under WebAssembly. */
function bothBackends<T>(run: () => T): { wasm: T; js: T } {
  useKernelBackend('js');
  let js: T;
  try {
    js = run();
  } finally {
    useKernelBackend('wasm-simd');
  }
  assert.equal(kernelBackend(), 'wasm-simd');
  return { wasm: run(), js };
}

function sameSamples(d: Distribution, n: number, seed: number): Float32Array {
  const { wasm, js } = bothBackends(() => sample(d, n, seed));
  assertSameBytes(wasm, js, `${d.family} ${JSON.stringify({ ...d, fans: undefined })} n=${n} seed=${seed}`);
  return wasm;
}

// Sizes around every boundary: below the WebAssembly threshold, the groups of four, a chunk.
const SIZES = [0, 1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 65, 66, 67, 100, 1001, CHUNK - 1, CHUNK, CHUNK + 1, CHUNK + 3, 2 * CHUNK + 5];
const size = fc.oneof(fc.constantFrom(...SIZES), fc.integer({ min: 0, max: 3 * CHUNK }));
const seed = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

describe('sampling kernels: WebAssembly and JS give the same numbers', function () {
  this.timeout(120_000);

  before(function () {
    // scripts/build-wasm.js is skipped when build/ is newer than assembly/; a stale build would test old kernels
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-wasm.js')], { cwd: root, stdio: 'inherit' });
    assert.equal(r.status, 0, 'scripts/build-wasm.js failed');
    useKernelBackend('wasm-simd');
  });
  after(() => useKernelBackend('wasm-simd'));

  it('runs the WebAssembly kernels under Node', () => {
    assert.equal(kernelBackend(), 'wasm-simd');
    const k = wasmKernels();
    assert.ok(k, 'the module loads');
    // the module's generator ends where the JS loop's ends: the draws were made there
    const n = 1000;
    sample(normal([n], 0, 1), n, 77);
    const rng = createRng(77);
    jsFillNormal(rng, new Float32Array(n), 0, n, 0, 1);
    assert.deepEqual([k.rngWord(0), k.rngWord(1), k.rngWord(2), k.rngWord(3)], [rng.s00, rng.s01, rng.s10, rng.s11]);
    assert.equal(k.invSqrt2Pi(), phi(0), 'the module\'s 1/√(2π) is normalFunctions.ts\'s');
    useKernelBackend('js');
    assert.equal(kernelBackend(), 'js');
    assert.equal(wasmKernels(), null);
    useKernelBackend('wasm-simd');
  });

  it('has an exp within a few ulps of the engine\'s, far inside the 2^-40 margin its comparisons keep', () => {
    // the wedge compares against exp(t), t in [−R²/2, 0]; φ(z) = exp(−z²/2)/√(2π) is used down to t = −700
    const k = wasmKernels()!;
    let worst = 0;
    for (let i = 0; i <= 1_000_000; i++) {
      const t = i < 500_000 ? -(R * R / 2) * (i / 500_000) : -700 * ((i - 500_000) / 500_000);
      const e = Math.exp(t);
      worst = Math.max(worst, Math.abs(k.libmExp(t) - e) / e);
    }
    assert.ok(worst <= 2 ** -51, `largest relative difference ${worst}`);
  });

  it('steps the generator exactly as pure-rand\'s xoroshiro128+', () => {
    for (const s of [0, 1, -1, 42, 2 ** 31 - 1, -(2 ** 31)]) {
      const ours = createRng(s);
      const theirs = xoroshiro128plusFromState(ours.getState());
      for (let i = 0; i < 5000; i++) assert.equal(ours.next(), theirs.next(), `seed ${s}, draw ${i}`);
    }
  });

  it('normal: same values for any size, seed, mean and std, the tail path included', () => {
    fc.assert(fc.property(size, seed, fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
      (n, s, mu, sigma) => {
        sameSamples(normal([n], mu, sigma), n, s);
      }), FC);
    // 10^6 draws: ~15,000 wedge tests and ~260 draws from the tail beyond R
    const x = sameSamples(normal([1], 0, 1), 1_000_000, 12345);
    const tail = x.filter((v) => Math.abs(v) > R).length;
    assert.ok(tail > 100, `${tail} tail values`);
  });

  it('fillNormal: float32 and float64 outputs at an offset, and the stream continues in JS where WebAssembly left it', () => {
    fc.assert(fc.property(fc.integer({ min: WASM_MIN_VALUES, max: 5000 }), fc.integer({ min: 0, max: 9 }), seed, fc.boolean(), (n, from, s, f64) => {
      const run = () => {
        const rng = createRng(s);
        const out = f64 ? new Float64Array(from + n + 3) : new Float32Array(from + n + 3);
        fillNormal(rng, out, from, from + n, 0.5, 2);
        return { out, after: [rng.next(), rng.next(), rng.next()] };
      };
      const { wasm, js } = bothBackends(run);
      assertSameBytes(wasm.out, js.out, `fillNormal n=${n} from=${from} f64=${f64}`);
      assert.deepEqual(wasm.after, js.after, 'the draws after fillNormal');
    }), FC);
  });

  it('uniform: same values for any size, seed and interval (reversed ones too)', () => {
    fc.assert(fc.property(size, seed, fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }),
      (n, s, low, high) => {
        sameSamples(uniform([n], low, high), n, s);
      }), FC);
    sameSamples(uniform([1], -0.1, 0.1), 1_000_003, 9);
  });

  it('truncated normal: same values with every proposal (rejection, uniform, exponential, mirrored)', () => {
    const windows: [number, number, number, number, string][] = [
      [0, 1, -2, 2, 'normal'], [0, 1, -1, 3, 'normal'], [0, 1, 0, Infinity, 'normal'], [0.5, 0.1, 0.45, 0.9, 'normal'],
      [0, 1, -0.1, 0.2, 'uniform'], [0, 1, 2, 2.2, 'uniform'], [0, 1, 3, 3.1, 'uniform'], [0, 1, -2.2, -2, 'uniform'],
      [0, 1, 3, Infinity, 'exponential'], [0, 1, 4, 6, 'exponential'], [0, 1, 10, 10.1, 'exponential'],
      [1, 2, -Infinity, -6, 'exponential'], [0, 1, -2.5, -2, 'exponential'], [0, 1, 1, Infinity, 'exponential'],
    ];
    const seen = new Set<string>();
    for (const [mu, sigma, low, high, kind] of windows) {
      const p = truncatedProposal((low - mu) / sigma, (high - mu) / sigma);
      assert.equal(p.kind, kind, `[${low}, ${high}] of N(${mu}, ${sigma}²)`);
      seen.add(p.kind + (p.mirrored ? ' mirrored' : ''));
      for (const n of [0, 1, 5, 64, 67, CHUNK + 2]) sameSamples(truncatedNormal([n], mu, sigma, low, high), n, n + 3);
      sameSamples(truncatedNormal([1], mu, sigma, low, high), 100_000, 5);
    }
    assert.deepEqual([...seen].sort(), ['exponential', 'exponential mirrored', 'normal', 'uniform', 'uniform mirrored']);
    fc.assert(fc.property(size, seed, fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }),
      fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: 0.05, max: 6, noNaN: true }),
      (n, s, mu, sigma, a, w) => {
        sameSamples(truncatedNormal([n], mu, sigma, mu + a * sigma, mu + (a + w) * sigma), n, s);
      }), FC);
    // windows a few float32 steps wide: mu + sigma·z rounds to float32 past the bounds and is clamped
    fc.assert(fc.property(fc.integer({ min: WASM_MIN_VALUES, max: 3000 }), seed, fc.double({ min: -4, max: 4, noNaN: true }),
      fc.integer({ min: 5, max: 9 }), fc.double({ min: -2.5, max: 2, noNaN: true }), fc.double({ min: 0.05, max: 3, noNaN: true }),
      (n, s, mu, k, a, w) => {
        const sigma = Math.abs(mu) * 10 ** -k + 1e-30;
        sameSamples(truncatedNormal([n], mu, sigma, mu + a * sigma, mu + (a + w) * sigma), n, s);
      }), FC);
    // the benchmark's cases, with their draws from the ziggurat's wedge and tail
    sameSamples(truncatedNormal([1], 0, 1, -2, 2), 1_000_001, 1);
    const keras = resolve(findScheme('keras', 'he_normal')!.scheme, [3, 3, 256, 512], {});
    sameSamples(keras, 300_000, 2);
  });

  it('gives, on both paths, the values the plain-JS samplers gave before the WebAssembly kernels', () => {
    // SHA-256 (first 16 hex digits) of the float32 bytes, recorded from the JS-only samplers
    const pinned: [Distribution, number, number, string][] = [
      [normal([10], 0, 1), 200_000, 42, '8a2ba0facfa41e64'],
      [normal([10], 0, 0.02), 100_003, -7, 'cceda96678e68611'],
      [uniform([10], -0.1, 0.1), 100_005, 42, 'f915c1f793364c26'],
      [truncatedNormal([10], 0, 1, -2, 2), 100_001, 42, 'a1891ddd3467d947'],
      [truncatedNormal([10], 0, 1, 0.1, 0.3), 50_000, 1, '5f872ce76859b300'],
      [truncatedNormal([10], 0, 1, 3, Infinity), 50_000, 1, 'a96715a4d7bd766b'],
      [truncatedNormal([10], 1, 2, -Infinity, -6), 50_000, 0, '55e3c1b84f9e4dd4'],
      [truncatedNormal([10], 0.5, 0.1, 0.2, 0.3), 50_000, 1, '9889c8eb032fd238'],
      [orthogonal([64, 32], 1.5, 64, 32), 2048, 42, '41c56fb737e2c6d2'],
      [sparse([50, 40], 0, 0.1, 50, 40, { zerosPerColumn: 5 }), 4000, 1, 'c259d6ed626ae189'],
    ];
    const hash = (a: ArrayBufferView) => createHash('sha256').update(bytes(a)).digest('hex').slice(0, 16);
    for (const [d, n, s, want] of pinned) assert.equal(hash(sameSamples(d, n, s)), want, `${d.family} n=${n} seed=${s}`);
    const { wasm, js } = bothBackends(() => histogram(sample(normal([1], 0, 1), 300_000, 5), 100).counts);
    assert.equal(hash(wasm), '8d03dc35e7158a96');
    assert.equal(hash(js), '8d03dc35e7158a96');
  });

  it('structured families that draw normals and then more from the same stream', () => {
    for (const s of [0, 3, -9]) {
      sameSamples(sparse([50, 40], 0, 0.1, 50, 40, { zerosPerColumn: 5 }), 4000, s);
      sameSamples(sparse([30, 20], 1, 2, 30, 20, { zeroRow: 3 }), 1300, s);
      const { wasm, js } = bothBackends(() => sampleTensor(orthogonal([64, 32], 1.5, 64, 32), s));
      assertSameBytes(wasm, js, `orthogonal seed ${s}`);
      sameSamples(orthogonal([40, 40], 1, 40, 40), 1000, s); // whole columns of a Haar matrix
    }
  });
});

describe('histogram kernel: WebAssembly and JS give the same range and counts', function () {
  this.timeout(60_000);
  after(() => useKernelBackend('wasm-simd'));

  function sameHistogram(values: Float32Array | Float64Array, bins: number, range?: [number, number]): void {
    const { wasm, js } = bothBackends(() => histogram(values, bins, range));
    const what = `${values.constructor.name}(${values.length}), ${bins} bins, range ${range ? range.join('…') : 'own'}`;
    assert.ok(Object.is(wasm.min, js.min) && Object.is(wasm.max, js.max), `${what}: range ${wasm.min}…${wasm.max} vs ${js.min}…${js.max}`);
    assert.equal(wasm.outside, js.outside, `${what}: outside`);
    assertSameBytes(wasm.counts, js.counts, `${what}: counts`);
  }

  /** Values of a few kinds mixed: normals, exact bin edges of [lo, hi], ±0, NaN, ±Infinity, the ends. */
  function mixed(n: number, s: number, lo: number, hi: number, bins: number, special: boolean): number[] {
    const r = createRng(s);
    const out: number[] = [];
    const w = (hi - lo) / bins;
    for (let i = 0; i < n; i++) {
      const kind = (r.next() >>> 0) % (special ? 10 : 6);
      const u = (r.next() >>> 0) / 2 ** 32;
      if (kind < 3) out.push(lo + (hi - lo) * u * 1.2 - 0.1 * (hi - lo));
      else if (kind < 5) out.push(lo + Math.floor(u * (bins + 1)) * w); // on an edge (before rounding to float32)
      else if (kind === 5) out.push(u < 0.5 ? lo : hi);
      else if (kind === 6) out.push(u < 0.5 ? 0 : -0);
      else if (kind === 7) out.push(NaN);
      else out.push(u < 0.5 ? Infinity : -Infinity);
    }
    return out;
  }

  it('counts the same with its own range and with a given one, edges, ±0, NaN and ±Infinity included', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 300 }), seed, fc.boolean(), fc.boolean(), fc.boolean(),
      (n, bins, s, f64, special, given) => {
        const lo = -1.5 + (s % 7) * 0.37;
        const hi = lo + 0.1 + Math.abs(s % 11);
        const xs = mixed(n, s, lo, hi, bins, special);
        const values = f64 ? Float64Array.from(xs) : Float32Array.from(xs);
        sameHistogram(values, bins, given ? [lo, hi] : undefined);
      }), { ...FC, numRuns: 150 });
  });

  it('counts the same in the degenerate cases', () => {
    const cases: [number[], number, [number, number] | undefined][] = [
      [new Array(300).fill(2.5), 10, undefined], // one value: [v − 0.5, v + 0.5]
      [[...new Array(300).fill(0), ...new Array(10).fill(-0), 1], 4, undefined], // +0 first: the minimum is +0
      [[...new Array(10).fill(-0), ...new Array(300).fill(0), -1], 4, undefined], // −0 first: the maximum is −0
      [[1, 2, ...new Array(300).fill(NaN)], 3, undefined],
      [new Array(400).fill(NaN), 3, undefined], // no value: [0, 1]
      [[-Infinity, ...new Array(300).fill(1), 2], 5, undefined], // an infinite range: scale 0
      [[Infinity, ...new Array(300).fill(1), 2], 5, undefined],
      [new Array(300).fill(Infinity), 5, undefined],
      [[-3e38, ...new Array(300).fill(1), 3e38], 7, undefined], // finite ends, their difference finite in float64
      [new Array(300).fill(0).map((_, i) => i), 3, [5, 2]], // reversed: everything outside
      [new Array(300).fill(0).map((_, i) => i), 3, [-1e308, 1e308]], // max − min overflows: scale 0
      [new Array(300).fill(0).map((_, i) => i / 7), 1, [0, 10]],
      [new Array(300).fill(0).map((_, i) => i), 70_000, undefined], // more bins than the module takes
    ];
    for (const [xs, bins, range] of cases) {
      sameHistogram(Float32Array.from(xs), bins, range);
      sameHistogram(Float64Array.from(xs), bins, range);
    }
  });

  it('counts 10^6 normals into 100 bins the same', () => {
    const x = sample(normal([1], 0, 1), 1_000_000, 3);
    sameHistogram(x, 100);
    sameHistogram(x, 100, [-1, 1]);
    sameHistogram(Float64Array.from(x), 37);
  });
});
