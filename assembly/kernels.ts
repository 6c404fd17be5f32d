// The module "kernels": the preview's dense kernels in WebAssembly with 128-bit SIMD, compiled by
// scripts/build-wasm.js (-O3, the stub runtime: nothing is allocated here). src/core/matmul.ts lays
// the operands out in this module's memory from heapBase() on and passes byte offsets; every matrix
// is row-major float32.

/** The first byte free for operands. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * h[b, o] = bias[o] + Σ_i w[o, i] · x[b, i] — w [width, fanIn], x [batch, fanIn], h [batch, width];
 * bias 0 for none; wt [fanIn, width] is scratch for wᵀ, so that the product is gemm(x, wᵀ).
 */
export function matmulBias(w: usize, x: usize, bias: usize, h: usize, wt: usize, batch: i32, fanIn: i32, width: i32): void {
  transpose(w, wt, width, fanIn);
  gemm(x, wt, bias, h, batch, fanIn, width);
}

/** dx[b, i] = Σ_o w[o, i] · d[b, o] — the backward product with the same w: gemm(d, w). */
export function matmulTransposed(w: usize, d: usize, dx: usize, batch: i32, fanIn: i32, width: i32): void {
  gemm(d, w, 0, dx, batch, width, fanIn);
}

/** t[j, i] = s[i, j] — s [rows, cols], t [cols, rows]; by 4 × 4 blocks in registers. */
function transpose(s: usize, t: usize, rows: i32, cols: i32): void {
  const ss = <usize>cols << 2;
  const ts = <usize>rows << 2;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    let ps = s + <usize>i * ss;
    let pt = t + (<usize>i << 2);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const r0 = v128.load(ps), r1 = v128.load(ps + ss), r2 = v128.load(ps + 2 * ss), r3 = v128.load(ps + 3 * ss);
      const t0 = f32x4.shuffle(r0, r1, 0, 4, 1, 5), t1 = f32x4.shuffle(r0, r1, 2, 6, 3, 7);
      const t2 = f32x4.shuffle(r2, r3, 0, 4, 1, 5), t3 = f32x4.shuffle(r2, r3, 2, 6, 3, 7);
      v128.store(pt, f32x4.shuffle(t0, t2, 0, 1, 4, 5));
      v128.store(pt + ts, f32x4.shuffle(t0, t2, 2, 3, 6, 7));
      v128.store(pt + 2 * ts, f32x4.shuffle(t1, t3, 0, 1, 4, 5));
      v128.store(pt + 3 * ts, f32x4.shuffle(t1, t3, 2, 3, 6, 7));
      ps += 16;
      pt += ts << 2;
    }
    for (; j < cols; j++) {
      for (let r = 0; r < 4; r++) store<f32>(t + ((<usize>j * rows + i + r) << 2), load<f32>(s + ((<usize>(i + r) * cols + j) << 2)));
    }
  }
  for (; i < rows; i++) {
    for (let j = 0; j < cols; j++) store<f32>(t + ((<usize>j * rows + i) << 2), load<f32>(s + ((<usize>i * cols + j) << 2)));
  }
}

/**
 * c[m, n] = bias[n] + Σ_k a[m, k] · b[k, n] — a [rows, depth], b [depth, cols], c [rows, cols].
 * Blocks of 4 rows × 8 columns keep 8 f32x4 accumulators in registers; each step k broadcasts
 * a[m, k] and multiplies it by two vectors of b's row k (contiguous), so nothing is summed across lanes.
 */
function gemm(a: usize, b: usize, bias: usize, c: usize, rows: i32, depth: i32, cols: i32): void {
  const as = <usize>depth << 2;
  const bs = <usize>cols << 2;
  let m = 0;
  for (; m + 4 <= rows; m += 4) {
    const am = a + <usize>m * as;
    const cm = c + <usize>m * bs;
    let n = 0;
    for (; n + 8 <= cols; n += 8) rows4cols8(am, as, b + (<usize>n << 2), bs, bias ? bias + (<usize>n << 2) : 0, cm + (<usize>n << 2), depth);
    for (; n + 4 <= cols; n += 4) rows4cols4(am, as, b + (<usize>n << 2), bs, bias ? bias + (<usize>n << 2) : 0, cm + (<usize>n << 2), depth);
    for (; n < cols; n++) rows4col1(am, as, b + (<usize>n << 2), bs, bias ? bias + (<usize>n << 2) : 0, cm + (<usize>n << 2), depth);
  }
  for (; m < rows; m++) {
    const am = a + <usize>m * as;
    const cm = c + <usize>m * bs;
    let n = 0;
    for (; n + 8 <= cols; n += 8) row1cols8(am, b + (<usize>n << 2), bs, bias ? bias + (<usize>n << 2) : 0, cm + (<usize>n << 2), depth);
    for (; n + 4 <= cols; n += 4) row1cols4(am, b + (<usize>n << 2), bs, bias ? bias + (<usize>n << 2) : 0, cm + (<usize>n << 2), depth);
    for (; n < cols; n++) row1col1(am, b + (<usize>n << 2), bs, bias ? bias + (<usize>n << 2) : 0, cm + (<usize>n << 2), depth);
  }
}

// The blocks: a points at a[m, 0] (rows as bytes apart), b at b[0, n] (rows bs bytes apart, also c's
// row stride), bias at bias[n] or 0, c at c[m, n].

// @ts-ignore: decorator
@inline function rows4cols8(a: usize, as: usize, b: usize, bs: usize, bias: usize, c: usize, depth: i32): void {
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  if (bias) {
    c00 = v128.load(bias); c01 = v128.load(bias, 16);
    c10 = c00; c11 = c01; c20 = c00; c21 = c01; c30 = c00; c31 = c01;
  }
  let a0 = a, a1 = a + as, a2 = a1 + as, a3 = a2 + as;
  for (let k = 0; k < depth; k++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let s = v128.load32_splat(a0);
    c00 = f32x4.add(c00, f32x4.mul(s, b0)); c01 = f32x4.add(c01, f32x4.mul(s, b1));
    s = v128.load32_splat(a1);
    c10 = f32x4.add(c10, f32x4.mul(s, b0)); c11 = f32x4.add(c11, f32x4.mul(s, b1));
    s = v128.load32_splat(a2);
    c20 = f32x4.add(c20, f32x4.mul(s, b0)); c21 = f32x4.add(c21, f32x4.mul(s, b1));
    s = v128.load32_splat(a3);
    c30 = f32x4.add(c30, f32x4.mul(s, b0)); c31 = f32x4.add(c31, f32x4.mul(s, b1));
    a0 += 4; a1 += 4; a2 += 4; a3 += 4;
    b += bs;
  }
  v128.store(c, c00); v128.store(c, c01, 16); c += bs;
  v128.store(c, c10); v128.store(c, c11, 16); c += bs;
  v128.store(c, c20); v128.store(c, c21, 16); c += bs;
  v128.store(c, c30); v128.store(c, c31, 16);
}

// @ts-ignore: decorator
@inline function rows4cols4(a: usize, as: usize, b: usize, bs: usize, bias: usize, c: usize, depth: i32): void {
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0;
  if (bias) {
    c0 = v128.load(bias); c1 = c0; c2 = c0; c3 = c0;
  }
  let a0 = a, a1 = a + as, a2 = a1 + as, a3 = a2 + as;
  for (let k = 0; k < depth; k++) {
    const b0 = v128.load(b);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a0), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(a1), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(a2), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(a3), b0));
    a0 += 4; a1 += 4; a2 += 4; a3 += 4;
    b += bs;
  }
  v128.store(c, c0); c += bs;
  v128.store(c, c1); c += bs;
  v128.store(c, c2); c += bs;
  v128.store(c, c3);
}

// @ts-ignore: decorator
@inline function rows4col1(a: usize, as: usize, b: usize, bs: usize, bias: usize, c: usize, depth: i32): void {
  let s0: f32 = bias ? load<f32>(bias) : 0;
  let s1 = s0, s2 = s0, s3 = s0;
  let a0 = a, a1 = a + as, a2 = a1 + as, a3 = a2 + as;
  for (let k = 0; k < depth; k++) {
    const bk = load<f32>(b);
    s0 += load<f32>(a0) * bk; s1 += load<f32>(a1) * bk; s2 += load<f32>(a2) * bk; s3 += load<f32>(a3) * bk;
    a0 += 4; a1 += 4; a2 += 4; a3 += 4;
    b += bs;
  }
  store<f32>(c, s0); c += bs;
  store<f32>(c, s1); c += bs;
  store<f32>(c, s2); c += bs;
  store<f32>(c, s3);
}

// @ts-ignore: decorator
@inline function row1cols8(a: usize, b: usize, bs: usize, bias: usize, c: usize, depth: i32): void {
  let c0 = f32x4.splat(0), c1 = c0;
  if (bias) {
    c0 = v128.load(bias); c1 = v128.load(bias, 16);
  }
  for (let k = 0; k < depth; k++) {
    const s = v128.load32_splat(a);
    c0 = f32x4.add(c0, f32x4.mul(s, v128.load(b)));
    c1 = f32x4.add(c1, f32x4.mul(s, v128.load(b, 16)));
    a += 4;
    b += bs;
  }
  v128.store(c, c0); v128.store(c, c1, 16);
}

// @ts-ignore: decorator
@inline function row1cols4(a: usize, b: usize, bs: usize, bias: usize, c: usize, depth: i32): void {
  let c0 = bias ? v128.load(bias) : f32x4.splat(0);
  for (let k = 0; k < depth; k++) {
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a), v128.load(b)));
    a += 4;
    b += bs;
  }
  v128.store(c, c0);
}

// @ts-ignore: decorator
@inline function row1col1(a: usize, b: usize, bs: usize, bias: usize, c: usize, depth: i32): void {
  let s: f32 = bias ? load<f32>(bias) : 0;
  for (let k = 0; k < depth; k++) {
    s += load<f32>(a) * load<f32>(b);
    a += 4;
    b += bs;
  }
  store<f32>(c, s);
}
