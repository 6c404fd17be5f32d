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

// ==== Samplers ====================================================================================
// The hot loops of src/core/ziggurat.ts (fillNormal), sample.ts (uniform) and
// truncatedNormalSampler.ts, written so that for the same generator state they store exactly the
// float32 (or float64) values the JS loops store, bit for bit, and leave the generator where JS
// leaves it:
// - the generator is pure-rand's xoroshiro128+ (src/core/rng.ts) on two u64 words instead of four
//   i32 words: s0 = s01:s00, s1 = s11:s10 (high:low). pure-rand's 32-bit output s00 + s10 is the
//   low word of the 64-bit sum s0 + s1, and its 32-bit shifts and xors are exactly the 64-bit step
//   s1 ^= s0; s0 = rotl(s0, 24) ^ s1 ^ (s1 << 16); s1 = rotl(s1, 37). JS hands the state in
//   (rngSet) and takes it back (rngWord), so JS and WebAssembly continue one stream.
// - the float arithmetic is the JS expressions', operation for operation, in float64 (IEEE-754 in
//   both; neither V8 nor Binaryen reassociates or contracts float operations, and SIMD lanes round
//   like scalars), rounded to float32 only where JS stores into a Float32Array or calls Math.fround;
// - where a value is a logarithm (the ziggurat's tail, the exponential proposal), it is JS's own
//   Math.log, imported: a libm of our own could differ from the engine's in the last bit;
// - where exp or φ only decides a comparison (the ziggurat's wedge, the proposals' acceptance), it is
//   computed here (AssemblyScript's musl exp, < 1 ulp) and the comparison is decided here only when
//   it holds with a margin of 2⁻⁴⁰ relative, thousands of ulps wider than any difference between two
//   libms of < 1 ulp; inside the margin (rarer than one draw in 10¹⁰) JS's Math.exp or φ decides,
//   as in JS. A call into JS costs ~70 ns here, as much as 25 fast-path draws;
// - the ziggurat tables are the ones ziggurat.ts builds, copied in by JS before the first use.
// The normal, truncated-normal and uniform loops take four draws at a time and finish them in SIMD
// (the SIMD lanes are the scalar operations side by side). When a draw of a group misses the
// ziggurat's fast path (6 % of groups), the draws before it stand, the state is stepped again to
// right after it, and it goes through the slow path exactly as in JS.

// @ts-ignore: decorator
@external("env", "exp") declare function jsExp(x: f64): f64;
// @ts-ignore: decorator
@external("env", "log") declare function jsLog(x: f64): f64;
// @ts-ignore: decorator
@external("env", "phi") declare function jsPhi(x: f64): f64;

const R: f64 = 3.6541528853610088; // the ziggurat's right edge, as in ziggurat.ts
const TWO_POW_M24: f64 = 5.9604644775390625e-8;
const INV_SQRT_2PI: f64 = 0.3989422804014327; // as in normalFunctions.ts (checked by the tests)
const BELOW: f64 = 1 - 9.094947017729282e-13; // 1 − 2⁻⁴⁰
const ABOVE: f64 = 1 + 9.094947017729282e-13; // 1 + 2⁻⁴⁰

// The ziggurat's tables, filled by ziggurat.ts: per layer a 16-byte row of wn (float64, at 0) and
// kn (int32, at 8), so that one index reaches both; fn (float64) apart, for the slow path only.
const ZT = memory.data(256 * 16, 16);
const WN = ZT;
const KN = ZT + 8;
const FN = memory.data(256 * 8, 16);

/** The table of rows [wn, kn, 0] (16 bytes each). */
export function zigguratRows(): usize {
  return ZT;
}
export function zigguratFn(): usize {
  return FN;
}
export function invSqrt2Pi(): f64 {
  return INV_SQRT_2PI;
}
/** The exp the margins rely on (for the tests, which check it against the engine's Math.exp). */
export function libmExp(x: f64): f64 {
  return Math.exp(x);
}

// The generator's state between calls; the hot loops keep it in locals and store it back here
// before a slow path (which draws through next()) and at the end.
let S0: u64 = 0;
let S1: u64 = 0;

/** Sets the state from pure-rand's four words (s00, s01 low and high of s0; s10, s11 of s1). */
export function rngSet(s00: i32, s01: i32, s10: i32, s11: i32): void {
  S0 = (<u64><u32>s01 << 32) | <u64><u32>s00;
  S1 = (<u64><u32>s11 << 32) | <u64><u32>s10;
}

/** Word k of the state: 0 s00, 1 s01, 2 s10, 3 s11. */
export function rngWord(k: i32): i32 {
  const s = k < 2 ? S0 : S1;
  return <i32>(k & 1 ? s >> 32 : s);
}

/** One 32-bit draw from the global state (the slow paths). */
// @ts-ignore: decorator
@inline function next(): u32 {
  const a = S0;
  let b = S1;
  const out = <u32>(a + b);
  b ^= a;
  S0 = rotl<u64>(a, 24) ^ b ^ (b << 16);
  S1 = rotl<u64>(b, 37);
  return out;
}

/** rng.ts's uniformOpen53: U(0, 1] from 27 + 26 bits of two draws. */
function uniformOpen53(): f64 {
  const hi = next() >>> 5;
  const lo = next() >>> 6;
  return (<f64>hi * 67108864.0 + <f64>lo + 1.0) * 1.1102230246251565e-16;
}

/** rng.ts's uniform24: U[0, 1) from the top 24 bits. */
// @ts-ignore: decorator
@inline function uniform24(): f64 {
  return <f64>(next() >>> 8) * TWO_POW_M24;
}

/** JS's `lhs < Math.exp(t)`, for t in the range where exp(t) is a normal number well above underflow. */
// @ts-ignore: decorator
@inline function belowExp(lhs: f64, t: f64): bool {
  const e = Math.exp(t);
  if (lhs < e * BELOW) return true;
  if (lhs >= e * ABOVE) return false;
  return lhs < jsExp(t);
}

/** JS's `lhs <= Math.exp(t)`, likewise. */
// @ts-ignore: decorator
@inline function atMostExp(lhs: f64, t: f64): bool {
  const e = Math.exp(t);
  if (lhs < e * BELOW) return true;
  if (lhs >= e * ABOVE) return false;
  return lhs <= jsExp(t);
}

/** ziggurat.ts's slowPath: the wedge test, or the tail beyond R, for the draw u that missed the fast path. */
function zigguratSlow(u: u32): f64 {
  while (true) {
    const iz = <usize>(u >>> 24);
    const j = <i32>(u << 8) >> 8;
    const x = <f64>j * load<f64>(iz << 4, WN);
    if (iz == 0) {
      let xt: f64;
      let y: f64;
      do {
        xt = -jsLog(uniformOpen53()) / R;
        y = -jsLog(uniformOpen53());
      } while (y + y < xt * xt);
      return j > 0 ? R + xt : -R - xt;
    }
    // |x| < R here: exp(−x²/2) > 0.0012
    const f = load<f64>(FN + (iz << 3));
    if (belowExp(f + uniformOpen53() * (load<f64>(FN + ((iz - 1) << 3)) - f), -0.5 * x * x)) return x;
    u = next();
    const iz2 = <usize>(u >>> 24);
    const j2 = <i32>(u << 8) >> 8;
    if ((j2 < 0 ? -j2 : j2) < load<i32>(iz2 << 4, KN)) return <f64>j2 * load<f64>(iz2 << 4, WN);
  }
}

/** ziggurat.ts's standardNormal on the global state. */
function standardNormal(): f64 {
  const u = next();
  const iz = <usize>(u >>> 24);
  const j = <i32>(u << 8) >> 8;
  if ((j < 0 ? -j : j) < load<i32>(iz << 4, KN)) return <f64>j * load<f64>(iz << 4, WN);
  return zigguratSlow(u);
}

/**
 * Four draws u0…u3 of a group as one vector of abscissas, and the ziggurat's fast-path test on each:
 * the layer of a draw u is u >>> 24, its abscissa j = (u << 8) >> 8, and the fast path needs |j| < kn[layer].
 */
// @ts-ignore: decorator
@inline function abscissas(u0: u32, u1: u32, u2: u32, u3: u32): v128 {
  const v = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(u0), 1, u1), 2, u2), 3, u3);
  return i32x4.shr_s(i32x4.shl(v, 8), 8);
}
/** Byte offset of the row of the layer u >>> 24 (the table's address goes into the loads' constant offsets). */
// @ts-ignore: decorator
@inline function row(u: u32): usize {
  return <usize>((u >>> 20) & 0xff0);
}

/** Bit l set when draw l of the group takes the fast path. */
// @ts-ignore: decorator
@inline function fastLanes(j: v128, u0: u32, u1: u32, u2: u32, u3: u32): i32 {
  let k = v128.load32_zero(row(u0), KN);
  k = v128.load32_lane(row(u1), k, 1, KN);
  k = v128.load32_lane(row(u2), k, 2, KN);
  k = v128.load32_lane(row(u3), k, 3, KN);
  return i32x4.bitmask(i32x4.lt_s(i32x4.abs(j), k));
}

/** j·wn[layer] of lanes 0, 1 (low) or 2, 3 (high) as float64: the fast path's z. */
// @ts-ignore: decorator
@inline function zLow(j: v128, u0: u32, u1: u32): v128 {
  const w = v128.load64_lane(row(u1), v128.load64_zero(row(u0), WN), 1, WN);
  return f64x2.mul(f64x2.convert_low_i32x4_s(j), w);
}
// @ts-ignore: decorator
@inline function zHigh(j: v128, u2: u32, u3: u32): v128 {
  const w = v128.load64_lane(row(u3), v128.load64_zero(row(u2), WN), 1, WN);
  return f64x2.mul(f64x2.convert_low_i32x4_s(i32x4.shuffle(j, j, 2, 3, 2, 3)), w);
}

/**
 * The state right after draw `lane` of the group that started from (a0, b0), in S0/S1, and that
 * draw: the group is stepped again up to it.
 */
// @ts-ignore: decorator
@inline function replayTo(a0: u64, b0: u64, lane: i32): u32 {
  let a = a0;
  let b = b0;
  let u: u32 = 0;
  for (let t = 0; t <= lane; t++) {
    u = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
  }
  S0 = a;
  S1 = b;
  return u;
}

/**
 * out[0, n) ← mu + sigma·z, z ~ N(0, 1) by the ziggurat: ziggurat.ts's fillNormal. When a draw of
 * a group misses the fast path, the draws before it stand, it goes through the slow path (which
 * draws on from the state right after it) and the next group starts after that.
 */
// @ts-ignore: decorator
@inline function fillNormal<T>(out: usize, n: i32, mu: f64, sigma: f64): void {
  const vmu = f64x2.splat(mu), vsigma = f64x2.splat(sigma);
  let a = S0;
  let b = S1;
  let i = 0;
  while (i + 4 <= n) {
    const a0 = a, b0 = b;
    const u0 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const u1 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const u2 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const u3 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const j = abscissas(u0, u1, u2, u3);
    const fast = fastLanes(j, u0, u1, u2, u3);
    const p = out + (<usize>i << alignof<T>());
    const y0 = f64x2.add(vmu, f64x2.mul(vsigma, zLow(j, u0, u1)));
    const y1 = f64x2.add(vmu, f64x2.mul(vsigma, zHigh(j, u2, u3)));
    if (sizeof<T>() == 4) {
      v128.store(p, i32x4.shuffle(f32x4.demote_f64x2_zero(y0), f32x4.demote_f64x2_zero(y1), 0, 1, 4, 5));
    } else {
      v128.store(p, y0);
      v128.store(p, y1, 16);
    }
    if (fast == 15) {
      i += 4;
      continue;
    }
    const slow = ctz<i32>(~fast); // the first draw off the fast path
    const u = replayTo(a0, b0, slow);
    store<T>(p + (<usize>slow << alignof<T>()), <T>(mu + sigma * zigguratSlow(u)));
    a = S0;
    b = S1;
    i += slow + 1;
  }
  S0 = a;
  S1 = b;
  for (; i < n; i++) store<T>(out + (<usize>i << alignof<T>()), <T>(mu + sigma * standardNormal()));
}

export function fillNormalF32(out: usize, n: i32, mu: f64, sigma: f64): void {
  fillNormal<f32>(out, n, mu, sigma);
}

export function fillNormalF64(out: usize, n: i32, mu: f64, sigma: f64): void {
  fillNormal<f64>(out, n, mu, sigma);
}

/** out[0, n) ← low + width·uniform24: sample.ts's uniform loop, four at a time. */
export function fillUniformF32(out: usize, n: i32, low: f64, width: f64): void {
  const vlow = f64x2.splat(low), vwidth = f64x2.splat(width), vscale = f64x2.splat(TWO_POW_M24);
  let a = S0;
  let b = S1;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const u0 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const u1 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const u2 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const u3 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const top = i32x4.shr_u(i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(u0), 1, u1), 2, u2), 3, u3), 8);
    // (u >>> 8)·2⁻²⁴ is exact; then width·that, then low + that, as in JS
    const x0 = f64x2.add(vlow, f64x2.mul(vwidth, f64x2.mul(f64x2.convert_low_i32x4_s(top), vscale)));
    const x1 = f64x2.add(vlow, f64x2.mul(vwidth, f64x2.mul(f64x2.convert_low_i32x4_s(i32x4.shuffle(top, top, 2, 3, 2, 3)), vscale)));
    v128.store(out + (<usize>i << 2), i32x4.shuffle(f32x4.demote_f64x2_zero(x0), f32x4.demote_f64x2_zero(x1), 0, 1, 4, 5));
  }
  for (; i < n; i++) {
    const u = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    store<f32>(out + (<usize>i << 2), <f32>(low + width * (<f64>(u >>> 8) * TWO_POW_M24)));
  }
  S0 = a;
  S1 = b;
}

/** sample.ts's last step of a truncated draw: mu + sigma·z rounded to float32, clamped to [low, high]. */
// @ts-ignore: decorator
@inline function truncatedValue(z: f64, mu: f64, sigma: f64, low: f64, high: f64): f32 {
  const x = <f32>(mu + sigma * z);
  return <f64>x < low ? <f32>low : <f64>x > high ? <f32>high : x;
}

/**
 * Byte shuffles that move the accepted lanes of a group (bit l of the index: lane l accepted) to the
 * front, in order: row m of 16 bytes for the mask m.
 */
const COMPACT = memory.data<u8>([
  128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128,
  0, 1, 2, 3, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128,
  4, 5, 6, 7, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128,
  0, 1, 2, 3, 4, 5, 6, 7, 128, 128, 128, 128, 128, 128, 128, 128,
  8, 9, 10, 11, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128,
  0, 1, 2, 3, 8, 9, 10, 11, 128, 128, 128, 128, 128, 128, 128, 128,
  4, 5, 6, 7, 8, 9, 10, 11, 128, 128, 128, 128, 128, 128, 128, 128,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 128, 128, 128, 128,
  12, 13, 14, 15, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128,
  0, 1, 2, 3, 12, 13, 14, 15, 128, 128, 128, 128, 128, 128, 128, 128,
  4, 5, 6, 7, 12, 13, 14, 15, 128, 128, 128, 128, 128, 128, 128, 128,
  0, 1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15, 128, 128, 128, 128,
  8, 9, 10, 11, 12, 13, 14, 15, 128, 128, 128, 128, 128, 128, 128, 128,
  0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 128, 128, 128, 128,
  4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 128, 128, 128, 128,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
], 16);

/** The next float32 up (x not NaN, not +Infinity). */
// @ts-ignore: decorator
@inline function nextUp(x: f32): f32 {
  const bits = reinterpret<i32>(x);
  return x == 0 ? reinterpret<f32>(1) : reinterpret<f32>(x > 0 ? bits + 1 : bits - 1);
}

/**
 * Truncated normal by rejection from N(0, 1) on [alpha, beta]: truncatedNormalSampler.ts's
 * normalRejection and its rounding and clamping. Groups of four draws as in fillNormal; the accepted
 * ones of a group are moved to the front and stored one after another. A group starts only while
 * four more values fit, so the last values are drawn one by one and no draw past the n-th accepted
 * one is taken from the stream.
 */
export function fillTruncatedRejectionF32(out: usize, n: i32, alpha: f64, beta: f64, mu: f64, sigma: f64, low: f64, high: f64): void {
  const vmu = f64x2.splat(mu), vsigma = f64x2.splat(sigma);
  const valpha = f64x2.splat(alpha), vbeta = f64x2.splat(beta);
  // JS compares the float32 x with the float64 bounds: x < low ⇔ x < lowUp, the least float32 ≥ low
  // (a float32 below lowUp is at most its predecessor, which is < low), and x > high ⇔ x > highDown,
  // the greatest float32 ≤ high; NaN bounds give NaN, never compared true, as in JS
  let lowUp = <f32>low;
  if (<f64>lowUp < low) lowUp = nextUp(lowUp);
  let highDown = <f32>high;
  if (<f64>highDown > high) highDown = -nextUp(-highDown);
  const vlowUp = f32x4.splat(lowUp), vhighDown = f32x4.splat(highDown);
  const low32 = f32x4.splat(<f32>low), high32 = f32x4.splat(<f32>high);
  // x(z) = fround(mu + sigma·z) is monotone in z (every rounding is), so when x(alpha) and x(beta)
  // lie in [low, high], every accepted z gives an x inside and the clamp changes nothing
  const xa = <f64><f32>(mu + sigma * alpha), xb = <f64><f32>(mu + sigma * beta);
  const clamp = !(xa >= low && xb >= low && xa <= high && xb <= high);
  let a = S0;
  let b = S1;
  let i = 0;
  while (i + 4 <= n) {
    const a0 = a, b0 = b;
    const u0 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const u1 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const u2 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const u3 = <u32>(a + b); b ^= a; a = rotl<u64>(a, 24) ^ b ^ (b << 16); b = rotl<u64>(b, 37);
    const j = abscissas(u0, u1, u2, u3);
    const fast = fastLanes(j, u0, u1, u2, u3);
    const z0 = zLow(j, u0, u1), z1 = zHigh(j, u2, u3);
    // accepted: alpha ≤ z ≤ beta (JS: z >= alpha && z <= beta)
    const in0 = v128.and(f64x2.ge(z0, valpha), f64x2.le(z0, vbeta));
    const in1 = v128.and(f64x2.ge(z1, valpha), f64x2.le(z1, vbeta));
    let accepted = i32x4.bitmask(i32x4.shuffle(in0, in1, 0, 2, 4, 6));
    // x = fround(mu + sigma·z); x < low ? low : x > high ? high : x
    let x = i32x4.shuffle(
      f32x4.demote_f64x2_zero(f64x2.add(vmu, f64x2.mul(vsigma, z0))),
      f32x4.demote_f64x2_zero(f64x2.add(vmu, f64x2.mul(vsigma, z1))),
      0, 1, 4, 5,
    );
    if (clamp) x = v128.bitselect(low32, v128.bitselect(high32, x, f32x4.gt(x, vhighDown)), f32x4.lt(x, vlowUp));
    if (fast == 15) {
      v128.store(out + (<usize>i << 2), i8x16.swizzle(x, v128.load(COMPACT + (<usize>accepted << 4))));
      i += popcnt<i32>(accepted);
      continue;
    }
    // the draws before the first one off the fast path stand; it goes through the slow path
    const slow = ctz<i32>(~fast);
    accepted &= (1 << slow) - 1;
    v128.store(out + (<usize>i << 2), i8x16.swizzle(x, v128.load(COMPACT + (<usize>accepted << 4))));
    i += popcnt<i32>(accepted);
    const z = zigguratSlow(replayTo(a0, b0, slow));
    a = S0;
    b = S1;
    if (z >= alpha && z <= beta) {
      store<f32>(out + (<usize>i << 2), truncatedValue(z, mu, sigma, low, high));
      i++;
    }
  }
  S0 = a;
  S1 = b;
  while (i < n) {
    const z = standardNormal();
    if (z >= alpha && z <= beta) {
      store<f32>(out + (<usize>i << 2), truncatedValue(z, mu, sigma, low, high));
      i++;
    }
  }
}

/**
 * Robert's exponential proposal on [alpha, beta], alpha ≥ 0 (negated when mirrored):
 * truncatedNormalSampler.ts's exponential case. z needs JS's log, one call per proposal.
 */
export function fillTruncatedExponentialF32(out: usize, n: i32, alpha: f64, beta: f64, lambda: f64, mirrored: bool, mu: f64, sigma: f64, low: f64, high: f64): void {
  for (let i = 0; i < n; i++) {
    let z: f64;
    while (true) {
      z = alpha - jsLog(uniformOpen53()) / lambda;
      if (z > beta) continue;
      const d = z - lambda;
      const t = -0.5 * d * d;
      // exp(t) is far from underflow for t > −700; below that, JS decides
      if (t > -700 ? atMostExp(uniformOpen53(), t) : uniformOpen53() <= jsExp(t)) break;
    }
    store<f32>(out + (<usize>i << 2), truncatedValue(mirrored ? -z : z, mu, sigma, low, high));
  }
}

/**
 * The uniform proposal on [alpha, alpha + width], accepted when uniform24·φ(peak) ≤ φ(z)
 * (peakPhi = φ(peak) from JS): truncatedNormalSampler.ts's uniform case. φ(z) = INV_SQRT_2PI·exp(−z²/2)
 * as normalFunctions.ts computes it; decided here with the margin, by JS's φ inside it or near underflow.
 */
export function fillTruncatedUniformF32(out: usize, n: i32, alpha: f64, width: f64, peakPhi: f64, mirrored: bool, mu: f64, sigma: f64, low: f64, high: f64): void {
  for (let i = 0; i < n; i++) {
    let z: f64;
    while (true) {
      z = alpha + width * uniformOpen53();
      const lhs = uniform24() * peakPhi;
      const t = -0.5 * z * z;
      if (t > -700) {
        const p = INV_SQRT_2PI * Math.exp(t);
        if (lhs < p * BELOW) break;
        if (lhs >= p * ABOVE) continue;
      }
      if (lhs <= jsPhi(z)) break;
    }
    store<f32>(out + (<usize>i << 2), truncatedValue(mirrored ? -z : z, mu, sigma, low, high));
  }
}

// ==== Histogram ===================================================================================
// histogram.ts's finiteRange and counting loop over values copied into this memory a chunk at a time.

let RLO: f64 = 0;
let RHI: f64 = 0;

export function rangeLo(): f64 {
  return RLO;
}
export function rangeHi(): f64 {
  return RHI;
}

/**
 * Folds p[0, n) (float32) into the running range [lo, hi] and leaves it in rangeLo()/rangeHi().
 * JS's `if (v < lo) lo = v` is exactly pmin(lo, v) = v < lo ? v : lo (NaN never enters; ±Infinity
 * does), and `if (v > hi) hi = v` is pmax(hi, v). Which of equal values wins differs from JS's order
 * only between −0 and +0: histogram.ts settles the sign of a zero end itself.
 */
export function rangeF32(p: usize, n: i32, lo: f64, hi: f64): void {
  let l0 = f32x4.splat(<f32>lo), l1 = l0;
  let h0 = f32x4.splat(<f32>hi), h1 = h0;
  const end = p + (<usize>n << 2);
  let q = p;
  for (; q + 32 <= end; q += 32) {
    const v0 = v128.load(q), v1 = v128.load(q, 16);
    l0 = f32x4.pmin(l0, v0); l1 = f32x4.pmin(l1, v1);
    h0 = f32x4.pmax(h0, v0); h1 = f32x4.pmax(h1, v1);
  }
  l0 = f32x4.pmin(l0, l1);
  h0 = f32x4.pmax(h0, h1);
  let l = <f64>f32x4.extract_lane(l0, 0), h = <f64>f32x4.extract_lane(h0, 0);
  let x = <f64>f32x4.extract_lane(l0, 1); if (x < l) l = x;
  x = <f64>f32x4.extract_lane(l0, 2); if (x < l) l = x;
  x = <f64>f32x4.extract_lane(l0, 3); if (x < l) l = x;
  x = <f64>f32x4.extract_lane(h0, 1); if (x > h) h = x;
  x = <f64>f32x4.extract_lane(h0, 2); if (x > h) h = x;
  x = <f64>f32x4.extract_lane(h0, 3); if (x > h) h = x;
  for (; q < end; q += 4) {
    const v = <f64>load<f32>(q);
    if (v < l) l = v;
    if (v > h) h = v;
  }
  RLO = l;
  RHI = h;
}

/** rangeF32 for float64 values. */
export function rangeF64(p: usize, n: i32, lo: f64, hi: f64): void {
  let l0 = f64x2.splat(lo), l1 = l0;
  let h0 = f64x2.splat(hi), h1 = h0;
  const end = p + (<usize>n << 3);
  let q = p;
  for (; q + 32 <= end; q += 32) {
    const v0 = v128.load(q), v1 = v128.load(q, 16);
    l0 = f64x2.pmin(l0, v0); l1 = f64x2.pmin(l1, v1);
    h0 = f64x2.pmax(h0, v0); h1 = f64x2.pmax(h1, v1);
  }
  l0 = f64x2.pmin(l0, l1);
  h0 = f64x2.pmax(h0, h1);
  let l = f64x2.extract_lane(l0, 0), h = f64x2.extract_lane(h0, 0);
  let x = f64x2.extract_lane(l0, 1); if (x < l) l = x;
  x = f64x2.extract_lane(h0, 1); if (x > h) h = x;
  for (; q < end; q += 8) {
    const v = load<f64>(q);
    if (v < l) l = v;
    if (v > h) h = v;
  }
  RLO = l;
  RHI = h;
}

/**
 * Adds p[0, n) (float32) into the counts: histogram.ts's loop
 *   if (v >= min && v <= max) { b = ((v − min)·scale) | 0; counts[b < bins ? b : bins − 1]++ } else outside++
 * in float64 like JS. histogram.ts calls this only with a finite scale: then a value inside
 * [min, max] gives 0 ≤ (v − min)·scale ≤ bins·(1 + 2⁻⁵²), or NaN when v − min overflowed (scale 0), and
 * the saturating truncation gives what JS's `| 0` gives (NaN → 0). `counts` holds four rows of
 * bins + 1 counters, one row per lane so that equal bins in one vector do not collide; counter
 * `bins` of each row counts the values outside. histogram.ts adds the rows up.
 */
export function binF32(p: usize, n: i32, counts: usize, bins: i32, min: f64, max: f64, scale: f64): void {
  const row = (<usize>bins + 1) << 2;
  const c0 = counts, c1 = c0 + row, c2 = c1 + row, c3 = c2 + row;
  const vmin = f64x2.splat(min), vmax = f64x2.splat(max), vscale = f64x2.splat(scale);
  const last = i32x4.splat(bins - 1), outside = i32x4.splat(bins);
  const end = p + (<usize>n << 2);
  let q = p;
  for (; q + 16 <= end; q += 16) {
    const v = v128.load(q);
    const x0 = f64x2.promote_low_f32x4(v);
    const x1 = f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 2, 3));
    const in0 = v128.and(f64x2.ge(x0, vmin), f64x2.le(x0, vmax));
    const in1 = v128.and(f64x2.ge(x1, vmin), f64x2.le(x1, vmax));
    const b0 = i32x4.trunc_sat_f64x2_s_zero(f64x2.mul(f64x2.sub(x0, vmin), vscale));
    const b1 = i32x4.trunc_sat_f64x2_s_zero(f64x2.mul(f64x2.sub(x1, vmin), vscale));
    let b = i32x4.min_s(i32x4.shuffle(b0, b1, 0, 1, 4, 5), last);
    b = v128.bitselect(b, outside, i32x4.shuffle(in0, in1, 0, 2, 4, 6));
    const a0 = c0 + (<usize>i32x4.extract_lane(b, 0) << 2);
    store<u32>(a0, load<u32>(a0) + 1);
    const a1 = c1 + (<usize>i32x4.extract_lane(b, 1) << 2);
    store<u32>(a1, load<u32>(a1) + 1);
    const a2 = c2 + (<usize>i32x4.extract_lane(b, 2) << 2);
    store<u32>(a2, load<u32>(a2) + 1);
    const a3 = c3 + (<usize>i32x4.extract_lane(b, 3) << 2);
    store<u32>(a3, load<u32>(a3) + 1);
  }
  for (; q < end; q += 4) binOne(<f64>load<f32>(q), c0, bins, min, max, scale);
}

/** binF32 for float64 values. */
export function binF64(p: usize, n: i32, counts: usize, bins: i32, min: f64, max: f64, scale: f64): void {
  const row = (<usize>bins + 1) << 2;
  const c0 = counts, c1 = c0 + row;
  const vmin = f64x2.splat(min), vmax = f64x2.splat(max), vscale = f64x2.splat(scale);
  const last = i32x4.splat(bins - 1), outside = i32x4.splat(bins);
  const end = p + (<usize>n << 3);
  let q = p;
  for (; q + 16 <= end; q += 16) {
    const x = v128.load(q);
    const inside = v128.and(f64x2.ge(x, vmin), f64x2.le(x, vmax));
    let b = i32x4.min_s(i32x4.trunc_sat_f64x2_s_zero(f64x2.mul(f64x2.sub(x, vmin), vscale)), last);
    b = v128.bitselect(b, outside, i32x4.shuffle(inside, inside, 0, 2, 0, 2));
    const a0 = c0 + (<usize>i32x4.extract_lane(b, 0) << 2);
    store<u32>(a0, load<u32>(a0) + 1);
    const a1 = c1 + (<usize>i32x4.extract_lane(b, 1) << 2);
    store<u32>(a1, load<u32>(a1) + 1);
  }
  for (; q < end; q += 8) binOne(load<f64>(q), c0, bins, min, max, scale);
}

// @ts-ignore: decorator
@inline function binOne(v: f64, counts: usize, bins: i32, min: f64, max: f64, scale: f64): void {
  let b = bins;
  if (v >= min && v <= max) {
    b = <i32>((v - min) * scale); // i32.trunc_sat_f64_s (AssemblyScript enables nontrapping-f2i)
    if (b >= bins) b = bins - 1;
  }
  const a = counts + (<usize>b << 2);
  store<u32>(a, load<u32>(a) + 1);
}
