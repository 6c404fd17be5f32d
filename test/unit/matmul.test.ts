import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { matmulBackend, matmulBias, matmulTransposed, useMatmulBackend, type MatmulBackend } from '../../src/core/matmul';

const root = join(__dirname, '..', '..');
const backends: MatmulBackend[] = ['wasm-simd', 'js'];

/** Float32 values in [-1, 1) from a small seeded LCG, so that a shape and a seed fix the operands. */
function values(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 2 ** 31 - 1;
  }
  return a;
}

/**
 * Checks `got` against float64 `ref` within a float32 summation bound: each entry may be off by
 * about (terms + 2)·2⁻²³ times the sum of its terms' magnitudes (`mag`).
 */
function near(got: Float32Array, ref: Float64Array, mag: Float64Array, terms: number, what: string): void {
  assert.equal(got.length, ref.length, `${what}: length`);
  const tol = (terms + 2) * 2 ** -23;
  for (let j = 0; j < ref.length; j++) {
    assert.ok(Math.abs(got[j] - ref[j]) <= tol * mag[j] + 1e-30, `${what}[${j}] = ${got[j]}, float64 gives ${ref[j]}`);
  }
}

/** h[b, o] = bias[o] + Σ_i w[o, i] · x[b, i] in float64, and the sums of the terms' magnitudes. */
function refBias(w: Float32Array, x: Float32Array, bias: Float32Array | undefined, batch: number, fanIn: number, width: number) {
  const h = new Float64Array(batch * width);
  const mag = new Float64Array(batch * width);
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < width; o++) {
      let s = bias ? bias[o] : 0;
      let m = Math.abs(s);
      for (let i = 0; i < fanIn; i++) {
        s += w[o * fanIn + i] * x[b * fanIn + i];
        m += Math.abs(w[o * fanIn + i] * x[b * fanIn + i]);
      }
      h[b * width + o] = s;
      mag[b * width + o] = m;
    }
  }
  return { h, mag };
}

/** dx[b, i] = Σ_o w[o, i] · d[b, o] in float64, and the sums of the terms' magnitudes. */
function refTransposed(w: Float32Array, d: Float32Array, batch: number, fanIn: number, width: number) {
  const dx = new Float64Array(batch * fanIn);
  const mag = new Float64Array(batch * fanIn);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < fanIn; i++) {
      let s = 0;
      let m = 0;
      for (let o = 0; o < width; o++) {
        s += w[o * fanIn + i] * d[b * width + o];
        m += Math.abs(w[o * fanIn + i] * d[b * width + o]);
      }
      dx[b * fanIn + i] = s;
      mag[b * fanIn + i] = m;
    }
  }
  return { dx, mag };
}

function checkShape(backend: MatmulBackend, batch: number, fanIn: number, width: number, withBias: boolean, seed: number): void {
  useMatmulBackend(backend);
  const w = values(width * fanIn, seed);
  const x = values(batch * fanIn, seed + 1);
  const d = values(batch * width, seed + 2);
  const bias = withBias ? values(width, seed + 3) : undefined;
  const what = `${backend} batch ${batch}, fanIn ${fanIn}, width ${width}${withBias ? ', bias' : ''}`;
  const f = refBias(w, x, bias, batch, fanIn, width);
  near(matmulBias(w, x, bias, batch, fanIn, width), f.h, f.mag, fanIn + 1, `${what}: h`);
  const t = refTransposed(w, d, batch, fanIn, width);
  near(matmulTransposed(w, d, batch, fanIn, width), t.dx, t.mag, width, `${what}: dx`);
}

describe('matmul', () => {
  // build/kernels.ts comes from `npm run build`; `npm run test:unit` may run without it, so build it here when missing
  before(function () {
    this.timeout(120_000);
    if (!existsSync(join(root, 'build', 'kernels.ts'))) {
      const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-wasm.js')], { cwd: root, stdio: 'inherit' });
      assert.equal(r.status, 0, 'scripts/build-wasm.js failed');
    }
    useMatmulBackend('wasm-simd'); // retries the load if an earlier suite found no build
  });
  after(() => useMatmulBackend('wasm-simd'));

  it('runs the WebAssembly SIMD kernels under Node, and the JS path when told to', () => {
    useMatmulBackend('wasm-simd');
    assert.equal(matmulBackend(), 'wasm-simd');
    useMatmulBackend('js');
    assert.equal(matmulBackend(), 'js');
    useMatmulBackend('wasm-simd');
    assert.equal(matmulBackend(), 'wasm-simd');
  });

  for (const backend of backends) {
    it(`${backend}: matches float64 on random shapes (fanIn and width off multiples of 4, batch 1, width 1, fanIn 1)`, () => {
      const dim = fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 70 }));
      fc.assert(fc.property(dim, dim, dim, fc.boolean(), fc.nat(1000), (batch, fanIn, width, withBias, seed) => {
        checkShape(backend, batch, fanIn, width, withBias, seed);
      }), { numRuns: 200, seed: 7 });
    });

    it(`${backend}: matches float64 on the edge shapes and on the preview's 256 × 256, batch 64`, () => {
      for (const [batch, fanIn, width] of [[1, 1, 1], [1, 5, 1], [1, 1, 9], [5, 1, 1], [4, 8, 8], [6, 9, 12], [3, 7, 5], [64, 256, 256], [17, 300, 33]]) {
        checkShape(backend, batch, fanIn, width, true, batch + fanIn + width);
        checkShape(backend, batch, fanIn, width, false, batch * fanIn * width);
      }
    });
  }

  it('gives the same results on both backends, within float32 rounding, also after growing the memory', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }), fc.nat(1000),
      (batch, fanIn, width, seed) => {
        const w = values(width * fanIn, seed);
        const x = values(batch * fanIn, seed + 1);
        const d = values(batch * width, seed + 2);
        const bias = values(width, seed + 3);
        const run = (backend: MatmulBackend) => {
          useMatmulBackend(backend);
          return [matmulBias(w, x, bias, batch, fanIn, width), matmulTransposed(w, d, batch, fanIn, width)];
        };
        const [hw, dw] = run('wasm-simd');
        const [hj, dj] = run('js');
        // the sums of the terms' magnitudes are the same products of |w|, |x|, |d| and |bias|
        const abs = (a: Float32Array) => a.map(Math.abs);
        const [magH, magD] = [matmulBias(abs(w), abs(x), abs(bias), batch, fanIn, width), matmulTransposed(abs(w), abs(d), batch, fanIn, width)];
        const close = (a: Float32Array, b: Float32Array, mag: Float32Array, terms: number, what: string) => {
          const tol = 2 * (terms + 2) * 2 ** -23;
          for (let j = 0; j < a.length; j++) assert.ok(Math.abs(a[j] - b[j]) <= tol * mag[j] + 1e-30, `${what}[${j}]: wasm ${a[j]}, js ${b[j]}`);
        };
        close(hw, hj, magH, fanIn + 1, `h of batch ${batch}, fanIn ${fanIn}, width ${width}`);
        close(dw, dj, magD, width, `dx of batch ${batch}, fanIn ${fanIn}, width ${width}`);
      },
    ), { numRuns: 25, seed: 11 });
  });

  it('handles empty operands: no samples, or no inputs (the bias alone)', () => {
    for (const backend of backends) {
      useMatmulBackend(backend);
      assert.equal(matmulBias(new Float32Array(6), new Float32Array(0), undefined, 0, 3, 2).length, 0);
      assert.deepEqual(Array.from(matmulBias(new Float32Array(0), new Float32Array(0), new Float32Array([1, 2]), 2, 0, 2)), [1, 2, 1, 2]);
      assert.deepEqual(Array.from(matmulTransposed(new Float32Array(0), new Float32Array(4), 2, 0, 2)), []);
      assert.deepEqual(Array.from(matmulTransposed(new Float32Array(0), new Float32Array(0), 2, 3, 0)), [0, 0, 0, 0, 0, 0]);
    }
  });

  it('refuses operands too short for the shape', () => {
    assert.throws(() => matmulBias(new Float32Array(5), new Float32Array(3), undefined, 1, 3, 2), RangeError);
    assert.throws(() => matmulTransposed(new Float32Array(6), new Float32Array(1), 1, 3, 2), RangeError);
  });
});
