import type { Kernels } from './kernels';

/** A seeded stream of uniform 32-bit integers (signed, as pure-rand returns them). */
export interface Rng {
  next(): number;
}

/** splitmix32 (Vigna's seed mixer): spreads a small seed over all 32 bits of a state word. */
function splitmix32(state: { x: number }): number {
  let z = (state.x = (state.x + 0x9e3779b9) | 0);
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/**
 * pure-rand's xoroshiro128+ (pure-rand 8, `xoroshiro128plusFromState`), the same code line for
 * line: four 32-bit state words, s0 = s01:s00 and s1 = s11:s10 (high:low), and a 32-bit output, the
 * low word of s0 + s1. Ported rather than imported so that its state can be handed to the
 * WebAssembly samplers (assembly/kernels.ts, which step the same generator on two u64 words) and
 * taken back: JS and WebAssembly continue one stream, so a tensor's values do not depend on which
 * ran. test/unit/sampleKernels.test.ts checks the stream against pure-rand's own.
 */
export class Xoroshiro128Plus implements Rng {
  constructor(
    public s01: number,
    public s00: number,
    public s11: number,
    public s10: number,
  ) {}

  next(): number {
    const out = (this.s00 + this.s10) | 0;
    const a0 = this.s10 ^ this.s00;
    const a1 = this.s11 ^ this.s01;
    const s00 = this.s00;
    const s01 = this.s01;
    this.s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10 = (a1 << 5) ^ (a0 >>> 27);
    this.s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }

  /** pure-rand's state order: [s01, s00, s11, s10]. */
  getState(): number[] {
    return [this.s01, this.s00, this.s11, this.s10];
  }
}

/**
 * xoroshiro128+ as pure-rand implements it: same seed, same stream on every platform, and as fast
 * in a tight loop as a hand-written generator (see README, "Choices"). pure-rand's own seeding puts
 * the seed into the state unmixed, so the first draws of nearby seeds nearly coincide; the state is
 * filled by splitmix32 instead, as xoroshiro's authors recommend.
 */
export function createRng(seed: number): Xoroshiro128Plus {
  const mixer = { x: seed | 0 };
  const state = [splitmix32(mixer), splitmix32(mixer), splitmix32(mixer), splitmix32(mixer)];
  if (!state.some((w) => w !== 0)) state[0] = 1; // the all-zero state is a fixed point
  return new Xoroshiro128Plus(state[0], state[1], state[2], state[3]);
}

/** Hands `rng`'s state to the WebAssembly module, whose samplers then continue its stream. */
export function rngToKernels(k: Kernels, rng: Xoroshiro128Plus): void {
  k.rngSet(rng.s00, rng.s01, rng.s10, rng.s11);
}

/** Takes the state back after the module's samplers drew from it, so JS continues where they stopped. */
export function rngFromKernels(k: Kernels, rng: Xoroshiro128Plus): void {
  rng.s00 = k.rngWord(0);
  rng.s01 = k.rngWord(1);
  rng.s10 = k.rngWord(2);
  rng.s11 = k.rngWord(3);
}

const TWO_POW_M24 = 5.9604644775390625e-8;
const TWO_POW_M32 = 2.3283064365386963e-10;

/** U[0, 1) from the top 24 bits (xoroshiro128+'s low bits are its weakest), exact in float32. */
export function uniform24(rng: Rng): number {
  return (rng.next() >>> 8) * TWO_POW_M24;
}

/** U(0, 1] with 53-bit resolution, safe to take the log of (tails, exponential proposals). */
export function uniformOpen53(rng: Rng): number {
  const hi = rng.next() >>> 5; // 27 bits
  const lo = rng.next() >>> 6; // 26 bits
  return (hi * 67108864 + lo + 1) * 1.1102230246251565e-16;
}

/** A uniform integer in [0, n) for n ≤ 2^32 (Lemire-style multiply, bias < 2^-32·n). */
export function uniformInt(rng: Rng, n: number): number {
  return Math.floor((rng.next() >>> 0) * TWO_POW_M32 * n);
}
