import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

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
 * xoroshiro128+ from pure-rand: same seed, same stream on every platform, and as fast in a
 * tight loop as a hand-written generator (see README, "Choices"). Its own seeding puts the
 * seed into the state unmixed, so the first draws of nearby seeds nearly coincide; the state
 * is filled by splitmix32 instead, as xoroshiro's authors recommend.
 */
export function createRng(seed: number): Rng {
  const mixer = { x: seed | 0 };
  const state = [splitmix32(mixer), splitmix32(mixer), splitmix32(mixer), splitmix32(mixer)];
  if (!state.some((w) => w !== 0)) state[0] = 1; // the all-zero state is a fixed point
  return xoroshiro128plusFromState(state);
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
