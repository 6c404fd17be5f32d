/**
 * Oracle: the init core's TF.js schemes against the real @tensorflow/tfjs 4.22 (pure-JS cpu backend).
 *
 * Exact parameters come from TF.js's own seeded streams. With seed s, every uniform initializer
 * draws `randomUniform(shape, lo, hi, dtype, s)` = lo + (hi − lo)·u from alea(s), the same u's as
 * `tf.randomUniform(shape, 0, 1, 'float32', s)`; every Gaussian one draws mean + sd·z with the
 * Marsaglia z's of `tf.randomNormal`/`tf.truncatedNormal(shape, 0, 1, 'float32', s)` (truncation
 * rejects |z| > 2 whatever sd > 0 is, so the stream of accepted z's does not depend on sd).
 * The "seeded stream" tests below check that premise first. Values are float32, so the limits
 * and sigmas agree to ~1e-7 relative; 1e-6 is allowed.
 *
 * Moments use n ≈ 120k TF.js draws against 150k of ours, within 4 standard errors.
 */
import assert from 'node:assert/strict';
import {
  findScheme, InitError, moments, resolve, sample, sampleTensor, tfjsFans,
  type Distribution, type ParamValue, type Scheme,
} from '../../src/core';
import {
  draw, drawMany, drawWith, makeInitializer, normalStream, oneSampleZ, orthogonalityError, quiet, stats, tf,
  thrown, truncatedStream, truncatedUnitVariance, twoSampleZ, uniformStream, type Stats,
} from './tfjsHelpers';

const REL = 1e-6;
const Z_LIMIT = 4;
const N_TFJS = 120_000;
const N_OURS = 150_000;

let seedCounter = 1000;
/** A fresh non-zero seed (tfjs's Gaussian generator ignores a seed of 0). */
const nextSeed = () => ++seedCounter;

type Config = Record<string, ParamValue>;

function scheme(name: string): Scheme {
  const match = findScheme('tfjs', name);
  assert.ok(match, `no tfjs scheme '${name}'`);
  return match.scheme;
}

function expectFamily<F extends Distribution['family']>(d: Distribution, family: F): Extract<Distribution, { family: F }> {
  assert.equal(d.family, family, `expected a ${family} distribution, got ${d.family}`);
  return d as Extract<Distribution, { family: F }>;
}

const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const fmt = (x: unknown) => JSON.stringify(x);

/** TF.js's implied factor values[k]/ref[k] at the largest |ref[k]| (for failure messages). */
function impliedFactor(values: Float32Array, ref: Float32Array, offset = 0): number {
  let k = 0;
  for (let i = 1; i < ref.length; i++) if (Math.abs(ref[i]) > Math.abs(ref[k])) k = i;
  return ref.length ? (values[k] - offset) / ref[k] : NaN;
}

/** values[i] = offset + factor·ref[i] for every i, to float32 precision. */
function assertAffine(values: Float32Array, ref: Float32Array, factor: number, offset: number, label: string): void {
  assert.equal(values.length, ref.length, `${label}: length`);
  const slack = 1e-12 * (Math.abs(factor) + Math.abs(offset));
  for (let i = 0; i < values.length; i++) {
    const expected = offset + factor * ref[i];
    const tol = REL * (Math.abs(offset) + Math.abs(factor * ref[i])) + slack;
    if (!(Math.abs(values[i] - expected) <= tol)) {
      assert.fail(`${label}: element ${i}: tfjs ${values[i]}, ours ${expected} ` +
        `(ours: offset ${offset}, factor ${factor}; tfjs's implied factor ${impliedFactor(values, ref, offset)})`);
    }
  }
}

const relClose = (a: number, b: number, rel = REL) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));

/**
 * The TF.js values drawn with `seed` are exactly what our distribution's parameters give on
 * TF.js's seeded stream (uniform: low + (high − low)·u; normal: mu + sigma·z; truncated: mu + sigma·z
 * with the truncated z's), or exactly its deterministic tensor, or gain × a (semi-)orthogonal matrix.
 */
function assertMatchesSeededDraw(d: Distribution, values: Float32Array, shape: number[], seed: number, label: string): void {
  assert.deepEqual(d.shape, shape, `${label}: shape`);
  switch (d.family) {
    case 'uniform':
      assertAffine(values, uniformStream(shape, seed, 0, 1), d.high - d.low, d.low, label);
      return;
    case 'normal':
      assertAffine(values, normalStream(shape, seed), d.sigma, d.mu, label);
      return;
    case 'truncatedNormal':
      assertAffine(values, truncatedStream(shape, seed), d.sigma, d.mu, label);
      return;
    case 'orthogonal':
      assert.ok(orthogonalityError(values, d.rows, d.cols, d.gain) <= 1e-4, `${label}: tfjs values are not gain ${d.gain} × orthogonal ${d.rows}×${d.cols}`);
      return;
    default:
      assertSameValues(sampleTensor(d, seed), values, label);
  }
}

/** Element-wise equality (0 and −0 equal). */
function assertSameValues(ours: Float32Array, theirs: Float32Array, label: string): void {
  assert.equal(ours.length, theirs.length, `${label}: length`);
  for (let i = 0; i < ours.length; i++) {
    if (ours[i] !== theirs[i]) assert.fail(`${label}: element ${i}: ours ${ours[i]}, tfjs ${theirs[i]}`);
  }
}

/** Independent statement of tfjs computeFans (channelsLast), to show what the real draws imply. */
function documentedFans(shape: number[]): [number, number] {
  if (shape.length === 2) return [shape[0], shape[1]];
  if (shape.length >= 3 && shape.length <= 5) {
    const rf = numel(shape.slice(0, -2));
    return [shape[shape.length - 2] * rf, shape[shape.length - 1] * rf];
  }
  const side = Math.sqrt(numel(shape));
  return [side, side];
}

function assertZ(z: { mean: number; variance: number }, label: string, detail: () => string): void {
  assert.ok(Math.abs(z.mean) <= Z_LIMIT, `${label}: means differ by ${z.mean.toFixed(2)} SE (${detail()})`);
  assert.ok(Math.abs(z.variance) <= Z_LIMIT, `${label}: variances differ by ${z.variance.toFixed(2)} SE (${detail()})`);
}

const describeStats = (s: Stats) => `n=${s.n} mean=${s.mean.toPrecision(6)} std=${Math.sqrt(s.variance).toPrecision(6)}`;

/**
 * TF.js's draws against our distribution: our stated mean/std (one-sample z), our sampler
 * (two-sample z), and the bounds (TF.js stays inside ours and reaches close to them).
 */
function compareMoments(d: Distribution, theirs: Stats, seed: number, label: string): void {
  const ours = stats(sample(d, N_OURS, seed));
  const detail = () => `tfjs ${describeStats(theirs)}; our sampler ${describeStats(ours)}; our mean ${d.mean} std ${d.std}`;
  assertZ(oneSampleZ(theirs, d.mean, d.std), `${label} (tfjs draws vs our mean/std)`, detail);
  assertZ(twoSampleZ(theirs, ours), `${label} (tfjs draws vs our sampler)`, detail);
  const [lo, hi] = d.bounds;
  const tol = REL * Math.max(Math.abs(lo), Math.abs(hi), 1e-30);
  assert.ok(theirs.min >= lo - tol && theirs.max <= hi + tol, `${label}: tfjs range [${theirs.min}, ${theirs.max}] outside our bounds [${lo}, ${hi}]`);
  if (d.family === 'uniform' && d.high > d.low) {
    // P(no draw within w of an end) = (1 − w/width)^n ≤ e^−20
    const w = Math.max(1e-3, 20 / theirs.n) * (d.high - d.low);
    assert.ok(theirs.min <= d.low + w && theirs.max >= d.high - w, `${label}: tfjs range [${theirs.min}, ${theirs.max}] does not fill [${d.low}, ${d.high}]`);
  }
  if (d.family === 'truncatedNormal' && d.sigma > 0) {
    // the density at ±2σ is φ(2)/0.9545 ≈ 0.0566/σ: P(no draw within w of an end) ≤ e^−20
    const w = Math.max(0.01, 20 / (0.0566 * theirs.n)) * d.sigma;
    assert.ok(theirs.min <= d.low + w && theirs.max >= d.high - w, `${label}: tfjs range [${theirs.min}, ${theirs.max}] does not reach the truncation [${d.low}, ${d.high}]`);
  }
}

describe('TF.js oracle (@tensorflow/tfjs 4.22, cpu backend)', function () {
  this.timeout(120_000);
  let tensorsAtStart = 0;

  before(() => {
    quiet(() => {
      tf.tidy(() => tf.zeros([1]).dataSync()); // first backend use: tfjs prints its Node hint here, muted
    });
    assert.equal(tf.getBackend(), 'cpu');
    tensorsAtStart = tf.memory().numTensors;
  });

  after(() => {
    assert.equal(tf.memory().numTensors, tensorsAtStart, 'tensors leaked');
  });

  describe('the seeded-stream premise', () => {
    it('randomUniform(shape, lo, hi, s) = lo + (hi − lo)·u(s) for any lo, hi', () => {
      const shape = [40, 25];
      const seed = nextSeed();
      const u = uniformStream(shape, seed, 0, 1);
      for (const [lo, hi] of [[-1, 1], [-0.05, 1], [2, 5], [-3.3, -0.1]]) {
        assertAffine(uniformStream(shape, seed, lo, hi), u, hi - lo, lo, `randomUniform(${lo}, ${hi})`);
      }
    });

    it('truncatedNormal(shape, m, sd, s) = m + sd·z(s) for any sd > 0; randomNormal likewise', () => {
      const shape = [40, 25];
      const seed = nextSeed();
      const zt = truncatedStream(shape, seed);
      const zn = normalStream(shape, seed);
      assert.ok(zt.every((z) => Math.abs(z) <= 2), 'truncated z beyond ±2');
      assert.ok(zn.some((z) => Math.abs(z) > 2), 'randomNormal should not truncate');
      for (const [m, sd] of [[0, 0.01], [0, 7], [1.5, 0.3], [-2, 1e-3]]) {
        assertAffine(truncatedStream(shape, seed, m, sd), zt, sd, m, `truncatedNormal(${m}, ${sd})`);
        assertAffine(normalStream(shape, seed, m, sd), zn, sd, m, `randomNormal(${m}, ${sd})`);
      }
    });

    it('an initializer with seed s reproduces itself and differs for another seed', () => {
      const a = draw('heUniform', { seed: 5 }, [10, 10]);
      assertSameValues(a, draw('heUniform', { seed: 5 }, [10, 10]), 'same seed');
      assert.ok(a.some((v, i) => v !== draw('heUniform', { seed: 6 }, [10, 10])[i]), 'seed 6 gives the same values');
    });
  });

  describe('varianceScaling: fans × mode × distribution × scale, limits/sigmas from seeded draws', () => {
    const SHAPES = [[], [1], [7], [20], [4, 6], [30, 10], [1, 1], [3, 5, 8], [3, 3, 4, 6], [2, 3, 3, 4, 5], [2, 3, 2, 2, 3, 2], [1, 2, 1, 3, 1, 2, 2]];
    const MODES = ['fanIn', 'fanOut', 'fanAvg'];
    const DISTRIBUTIONS = ['normal', 'uniform', 'truncatedNormal'];
    const SCALES = [0, 0.5, 2.5];
    for (const shape of SHAPES) {
      for (const mode of MODES) {
        for (const distribution of DISTRIBUTIONS) {
          for (const scale of SCALES) {
            const label = `varianceScaling({scale: ${scale}, mode: '${mode}', distribution: '${distribution}'}) on [${shape}]`;
            it(label, () => {
              const seed = nextSeed();
              const config = { scale, mode, distribution, seed };
              const values = draw('varianceScaling', config, shape);
              const d = resolve(scheme('varianceScaling'), shape, config);
              const [fanIn, fanOut] = documentedFans(shape);
              const fan = Math.max(1, mode === 'fanIn' ? fanIn : mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2);
              const ours = tfjsFans(shape);
              const ourFan = Math.max(1, mode === 'fanIn' ? ours.fanIn : mode === 'fanOut' ? ours.fanOut : (ours.fanIn + ours.fanOut) / 2);
              assert.ok(relClose(ourFan, fan, 1e-12), `fan: ours ${ourFan}, documented ${fan}`);
              if (distribution === 'normal') {
                // TF.js: truncatedNormal(shape, 0, √(scale/fan)) — proportional to the truncated z stream.
                const t = expectFamily(d, 'truncatedNormal');
                const z = truncatedStream(shape, seed);
                assertAffine(values, z, t.sigma, 0, label);
                assert.equal(t.mu, 0);
                assert.ok(relClose(t.low, -2 * t.sigma, 1e-15) && relClose(t.high, 2 * t.sigma, 1e-15), `truncation [${t.low}, ${t.high}] is not ±2σ`);
                const tfSigma = impliedFactor(values, z);
                if (scale > 0) {
                  assert.ok(relClose(tfSigma, Math.sqrt(scale / fan)), `tfjs sigma ${tfSigma} vs documented √(scale/fan) ${Math.sqrt(scale / fan)}`);
                  assert.ok(relClose(scale / (tfSigma * tfSigma), ourFan, 3e-6), `tfjs's implied fan ${scale / tfSigma ** 2}, ours ${ourFan}`);
                }
              } else {
                // TF.js: randomUniform(shape, −limit, limit), 'truncatedNormal' included — proportional to U(−1, 1).
                const u = expectFamily(d, 'uniform');
                const ref = uniformStream(shape, seed);
                assertAffine(values, ref, u.high, 0, label);
                assert.equal(u.low, -u.high);
                const tfLimit = impliedFactor(values, ref);
                if (scale > 0) {
                  assert.ok(relClose(tfLimit, Math.sqrt(3 * scale / fan)), `tfjs limit ${tfLimit} vs documented √(3·scale/fan) ${Math.sqrt(3 * scale / fan)}`);
                  assert.ok(relClose(3 * scale / (tfLimit * tfLimit), ourFan, 3e-6), `tfjs's implied fan ${3 * scale / tfLimit ** 2}, ours ${ourFan}`);
                }
              }
              if (scale === 0) {
                assert.ok(values.every((v) => v === 0), 'scale 0: tfjs should draw only zeros');
                assert.equal(d.std, 0);
                assert.equal(d.mean, 0);
              }
              assert.ok(Number.isFinite(d.mean) && Number.isFinite(d.std), `mean ${d.mean}, std ${d.std}`);
            });
          }
        }
      }
    }

    it("distribution 'truncatedNormal' is the uniform branch: same values as 'uniform', uniform kurtosis", () => {
      const shape = [200, 300];
      const seed = nextSeed();
      const a = draw('varianceScaling', { scale: 2, mode: 'fanIn', distribution: 'truncatedNormal', seed }, shape);
      const b = draw('varianceScaling', { scale: 2, mode: 'fanIn', distribution: 'uniform', seed }, shape);
      assertSameValues(a, b, "'truncatedNormal' vs 'uniform'");
      const m = moments(a);
      assert.ok(Math.abs(m.kurtosis - 1.8) < 0.02, `kurtosis ${m.kurtosis} (uniform 1.8, truncated normal ≈ 2.37)`);
      const limit = Math.sqrt(3 * 2 / 200);
      assert.ok(m.max > 0.999 * limit && m.max <= limit * (1 + REL), `max ${m.max} vs limit ${limit}`);
      const d = resolve(scheme('varianceScaling'), shape, { scale: 2, mode: 'fanIn', distribution: 'truncatedNormal' });
      assert.equal(d.family, 'uniform');
    });
  });

  describe('the six helpers (identifier and class name), seeded draws', () => {
    const PRESETS: Array<[string, string, number, string, string]> = [
      ['glorotUniform', 'GlorotUniform', 1, 'fanAvg', 'uniform'],
      ['glorotNormal', 'GlorotNormal', 1, 'fanAvg', 'normal'],
      ['heNormal', 'HeNormal', 2, 'fanIn', 'normal'],
      ['heUniform', 'HeUniform', 2, 'fanIn', 'uniform'],
      ['leCunNormal', 'LeCunNormal', 1, 'fanIn', 'normal'],
      ['leCunUniform', 'LeCunUniform', 1, 'fanIn', 'uniform'],
    ];
    const SHAPES = [[5], [12, 7], [3, 3, 8, 16], [2, 2, 2, 4, 6], [2, 2, 2, 2, 2, 2]];
    for (const [id, className, scale, mode, distribution] of PRESETS) {
      for (const shape of SHAPES) {
        it(`${id} / ${className} on [${shape}]`, () => {
          const seed = nextSeed();
          const values = draw(id, { seed }, shape);
          const a = findScheme('tfjs', id);
          const b = findScheme('tfjs', className);
          assert.ok(a && b && a.scheme === b.scheme, `'${id}' and '${className}' should name one scheme`);
          const d = resolve(a.scheme, shape, { seed });
          assertMatchesSeededDraw(d, values, shape, seed, id);
          // the helper is varianceScaling with its preset, in TF.js and in ours
          assertSameValues(values, draw('varianceScaling', { scale, mode, distribution, seed }, shape), `${id} vs varianceScaling`);
          assert.deepEqual(resolve(scheme('varianceScaling'), shape, { scale, mode, distribution }), d);
        });
      }
    }
  });

  describe('randomUniform / randomNormal / truncatedNormal parameters (incl. the falsy-zero quirk), seeded draws', () => {
    const UNIFORM: Config[] = [{}, { minval: -1, maxval: 1 }, { minval: 0, maxval: 1 }, { minval: -1, maxval: 0 }, { minval: 0, maxval: 0 }, { minval: 2, maxval: 5 }, { minval: -0.3 }, { maxval: 0.2 }];
    const GAUSSIAN: Config[] = [{}, { mean: 0, stddev: 0 }, { mean: 1, stddev: 2 }, { mean: -0.5, stddev: 0.1 }, { stddev: 0.3 }, { mean: 3 }, { mean: 0, stddev: 1 }];
    const cases: Array<[string, Config]> = [
      ...UNIFORM.map((c): [string, Config] => ['randomUniform', c]),
      ...GAUSSIAN.map((c): [string, Config] => ['randomNormal', c]),
      ...GAUSSIAN.map((c): [string, Config] => ['truncatedNormal', c]),
    ];
    for (const [name, config] of cases) {
      it(`${name}(${fmt(config)})`, () => {
        const shape = [20, 30];
        const seed = nextSeed();
        const values = draw(name, { ...config, seed }, shape);
        const d = resolve(scheme(name), shape, { ...config, seed });
        assertMatchesSeededDraw(d, values, shape, seed, name);
        if (d.family === 'truncatedNormal') {
          assert.ok(relClose(d.low, d.mu - 2 * d.sigma, 1e-15) && relClose(d.high, d.mu + 2 * d.sigma, 1e-15), `truncation [${d.low}, ${d.high}]`);
        }
      });
    }

    it('randomUniform({minval: 0, maxval: 1}) really draws from [−0.05, 1)', () => {
      const seed = nextSeed();
      const values = drawMany('randomUniform', { minval: 0, maxval: 1 }, [300, 400], N_TFJS, seed);
      const s = stats(values);
      assert.ok(s.min < -0.0499 && s.min >= -0.05 * (1 + REL), `tfjs min ${s.min}`);
      const negatives = values.filter((v) => v < 0).length / values.length;
      const p = 0.05 / 1.05;
      assert.ok(Math.abs(negatives - p) <= Z_LIMIT * Math.sqrt(p * (1 - p) / values.length), `share of negatives ${negatives}, expected ${p}`);
      const d = expectFamily(resolve(scheme('randomUniform'), [300, 400], { minval: 0, maxval: 1 }), 'uniform');
      assert.equal(d.low, -0.05);
      assert.equal(d.high, 1);
      compareMoments(d, s, seed, 'randomUniform({minval: 0, maxval: 1})');
    });

    it('randomUniform({minval: -1, maxval: 0}) really draws up to 0.05', () => {
      const seed = nextSeed();
      const s = stats(drawMany('randomUniform', { minval: -1, maxval: 0 }, [300, 400], N_TFJS, seed));
      assert.ok(s.max > 0.0499 && s.max <= 0.05 * (1 + REL), `tfjs max ${s.max}`);
      const d = expectFamily(resolve(scheme('randomUniform'), [300, 400], { minval: -1, maxval: 0 }), 'uniform');
      assert.equal(d.high, 0.05);
      compareMoments(d, s, seed, 'randomUniform({minval: -1, maxval: 0})');
    });

    it('randomNormal({stddev: 0}) really has sd 0.05', () => {
      const seed = nextSeed();
      const s = stats(drawMany('randomNormal', { mean: 0, stddev: 0 }, [300, 400], N_TFJS, seed));
      const d = expectFamily(resolve(scheme('randomNormal'), [300, 400], { mean: 0, stddev: 0 }), 'normal');
      assert.equal(d.sigma, 0.05);
      assert.ok(Math.abs(Math.sqrt(s.variance) - 0.05) < 0.001, `tfjs sample sd ${Math.sqrt(s.variance)}`);
      compareMoments(d, s, seed, 'randomNormal({stddev: 0})');
    });

    it('truncatedNormal({stddev: 0}) really has parent sd 0.05 (real sd ≈ 0.044)', () => {
      const seed = nextSeed();
      const s = stats(drawMany('truncatedNormal', { mean: 0, stddev: 0 }, [300, 400], N_TFJS, seed));
      const d = expectFamily(resolve(scheme('truncatedNormal'), [300, 400], { mean: 0, stddev: 0 }), 'truncatedNormal');
      assert.equal(d.sigma, 0.05);
      assert.ok(s.max > 0.0995 && s.max <= 0.1 * (1 + REL), `tfjs max ${s.max} (2 × 0.05)`);
      compareMoments(d, s, seed, 'truncatedNormal({stddev: 0})');
    });
  });

  describe('sampled moments: tfjs draws vs our mean/std and our sampler (4 SE)', () => {
    const CASES: Array<[string, Config, number[]]> = [
      ['glorotUniform', {}, [256, 128]],
      ['glorotNormal', {}, [256, 128]],
      ['heNormal', {}, [256, 128]],
      ['heUniform', {}, [256, 128]],
      ['leCunNormal', {}, [256, 128]],
      ['leCunUniform', {}, [256, 128]],
      ['heNormal', {}, [3, 3, 64, 32]],
      ['glorotUniform', {}, [3, 3, 64, 32]],
      ['leCunNormal', {}, [3, 3, 64, 32]],
      ['glorotNormal', {}, [3, 3, 64, 32]],
      ['varianceScaling', { scale: 2, mode: 'fanOut', distribution: 'normal' }, [5, 5, 16, 32]],
      ['varianceScaling', { scale: 0.5, mode: 'fanAvg', distribution: 'uniform' }, [100, 300]],
      ['varianceScaling', { scale: 3, mode: 'fanIn', distribution: 'truncatedNormal' }, [50, 40]],
      ['varianceScaling', { scale: 1, mode: 'fanAvg', distribution: 'normal' }, [10000]],
      ['varianceScaling', { scale: 1.5, mode: 'fanOut', distribution: 'normal' }, [4, 4, 4, 4, 4, 4]],
      ['varianceScaling', { scale: 2, mode: 'fanIn', distribution: 'uniform' }, [2, 3, 4, 5, 2, 3, 4]],
      ['varianceScaling', { scale: 4, mode: 'fanAvg', distribution: 'truncatedNormal' }, [3, 4, 5, 6, 7]],
      ['varianceScaling', { scale: 0.25, mode: 'fanIn', distribution: 'normal' }, [2, 7, 9, 11]],
      ['varianceScaling', {}, [64, 64]],
      ['randomUniform', {}, [300, 400]],
      ['randomUniform', { minval: -2, maxval: 3 }, [300, 400]],
      ['randomNormal', {}, [300, 400]],
      ['randomNormal', { mean: 1.5, stddev: 0.4 }, [300, 400]],
      ['truncatedNormal', {}, [300, 400]],
      ['truncatedNormal', { mean: -1, stddev: 2 }, [300, 400]],
    ];
    for (const [name, config, shape] of CASES) {
      it(`${name}(${fmt(config)}) on [${shape}]`, () => {
        const seed = nextSeed();
        const theirs = stats(drawMany(name, config, shape, N_TFJS, seed));
        compareMoments(resolve(scheme(name), shape, config), theirs, seed, name);
      });
    }

    it('heNormal realises ≈ 0.7737 of the He variance in tfjs, and our std says the same', () => {
      const shape = [300, 400];
      const fanIn = 300;
      const seed = nextSeed();
      const theirs = stats(drawMany('heNormal', {}, shape, N_TFJS, seed));
      const target = 2 / fanIn;
      const share = truncatedUnitVariance(); // Var(Z | |Z| ≤ 2) = 0.77374…
      const tfShare = theirs.variance / target;
      const se = Math.sqrt((theirs.m4 - theirs.variance ** 2) / theirs.n) / target;
      assert.ok(Math.abs(tfShare - share) <= Z_LIMIT * se, `tfjs Var/(2/fanIn) = ${tfShare}, expected ${share} ± ${se}`);
      assert.ok(tfShare < 0.8, `tfjs share ${tfShare}: TF.js does not correct the truncation`);
      const d = resolve(scheme('heNormal'), shape, {});
      assert.ok(Math.abs(d.std ** 2 / target - share) < 1e-9, `our Var/(2/fanIn) = ${d.std ** 2 / target}, expected ${share}`);
      assert.ok(Math.abs(share - 0.7737) < 1e-4);
    });
  });

  describe('orthogonal: keras orientation (rows = prod(shape[:-1]), cols = shape[-1])', () => {
    const CASES: Array<[number[], number]> = [
      [[8, 8], 1], [[16, 4], 1], [[4, 16], 1], [[32, 32], 1.7], [[3, 3, 8, 16], 1], [[3, 3, 4, 64], 0.5],
      [[2, 5, 7], -1.2], [[2, 2, 2, 3, 5], 1], [[1, 1], 1], [[1, 5], 2], [[6, 1], 1], [[5, 2, 3], 1],
    ];
    for (const [shape, gain] of CASES) {
      it(`orthogonal({gain: ${gain}}) on [${shape}]`, () => {
        const rows = numel(shape.slice(0, -1));
        const cols = shape[shape.length - 1];
        const d = expectFamily(resolve(scheme('orthogonal'), shape, { gain }), 'orthogonal');
        assert.deepEqual([d.rows, d.cols, d.gain], [rows, cols, gain]);
        assert.ok(relClose(d.std, Math.abs(gain) / Math.sqrt(Math.max(rows, cols)), 1e-12), `std ${d.std}`);
        const draws = Math.min(20, Math.max(3, Math.ceil(2000 / numel(shape))));
        const seed = nextSeed();
        const theirs: number[] = [];
        const ours: number[] = [];
        for (let k = 0; k < draws; k++) {
          const t = draw('orthogonal', { gain, seed: seed + k }, shape);
          assert.equal(t.length, numel(shape));
          const tfErr = orthogonalityError(t, rows, cols, gain);
          assert.ok(tfErr <= 1e-4, `tfjs draw is not gain × orthogonal in this orientation (error ${tfErr})`);
          // every draw's mean square is gain²/max(rows, cols) exactly: the variance our std states
          const ms = t.reduce((s, v) => s + v * v, 0) / t.length;
          assert.ok(relClose(ms, d.std ** 2 + d.mean ** 2, 1e-4), `tfjs mean square ${ms}, ours ${d.std ** 2}`);
          const o = sampleTensor(d, seed + 1000 + k);
          const err = orthogonalityError(o, rows, cols, gain);
          assert.ok(err <= 1e-5, `our sampleTensor is not gain × orthogonal ${rows}×${cols} (error ${err})`);
          theirs.push(...t);
          ours.push(...o);
        }
        const tfStats = stats(theirs);
        assertZ(twoSampleZ(tfStats, stats(ours)), 'entries', () => `tfjs ${describeStats(tfStats)}; ours ${describeStats(stats(ours))}`);
        assert.ok(Math.abs(Math.sqrt(tfStats.variance) - d.std) <= 1e-4 * d.std + Z_LIMIT * Math.abs(tfStats.mean) + 1e-7,
          `tfjs entries' std ${Math.sqrt(tfStats.variance)}, our std ${d.std}`);
        assert.ok(tfStats.max <= d.bounds[1] * (1 + 1e-5) && tfStats.min >= d.bounds[0] * (1 + 1e-5), 'outside our bounds');
      });
    }
  });

  describe('small tensors over consecutive seeds 1…400: independent draws, as tfjs gives them', () => {
    const SEEDS = 400;
    const CASES: Array<[string, Config, number[]]> = [
      ['orthogonal', {}, [1, 1]],
      ['heUniform', {}, [1, 1]],
      ['randomNormal', { stddev: 1 }, [2]],
      ['glorotNormal', {}, [2, 2]],
    ];
    for (const [name, config, shape] of CASES) {
      it(`${name}(${fmt(config)}) on [${shape}]: element 0 of tfjs's draw and of our sampleTensor, seed by seed`, () => {
        const d = resolve(scheme(name), shape, config);
        const theirs: number[] = [];
        const ours: number[] = [];
        for (let seed = 1; seed <= SEEDS; seed++) {
          theirs.push(draw(name, { ...config, seed }, shape)[0]);
          ours.push(sampleTensor(d, seed)[0]);
        }
        const t = stats(theirs);
        const o = stats(ours);
        assertZ(oneSampleZ(t, d.mean, d.std), 'tfjs', () => `tfjs ${describeStats(t)} vs our mean ${d.mean} std ${d.std}`);
        assertZ(oneSampleZ(o, d.mean, d.std), 'our sampleTensor(d, seed)[0]',
          () => `ours ${describeStats(o)} [${ours.slice(0, 5).map((v) => v.toPrecision(6))}…] vs mean ${d.mean} std ${d.std}; tfjs ${describeStats(t)}`);
      });
    }
  });

  describe('identity, zeros, ones, constant: exact values', () => {
    for (const n of [1, 3, 10]) {
      for (const gain of [1, 2.5, -0.5, 0]) {
        it(`identity({gain: ${gain}}) on [${n}, ${n}]`, () => {
          const shape = [n, n];
          const values = draw('identity', { gain }, shape);
          const d = expectFamily(resolve(scheme('identity'), shape, { gain }), 'identity');
          assert.equal(d.value, gain);
          assertSameValues(sampleTensor(d, 1), values, 'identity');
          const s = stats(values);
          assert.ok(Math.abs(d.mean - s.mean) < 1e-7 && Math.abs(d.std - Math.sqrt(s.variance)) < 1e-7, `ours ${d.mean}/${d.std}, tfjs ${s.mean}/${Math.sqrt(s.variance)}`);
        });
      }
    }
    const FILLS: Array<[string, Config | undefined, number]> = [['zeros', undefined, 0], ['ones', undefined, 1], ['constant', { value: 0.25 }, 0.25], ['constant', { value: -3 }, -3], ['constant', { value: 0 }, 0]];
    for (const [name, config, value] of FILLS) {
      for (const shape of [[3, 4], [2, 3, 4], [5]]) {
        it(`${name}(${config ? fmt(config) : ''}) on [${shape}]`, () => {
          const values = draw(name, config, shape);
          assert.ok(values.every((v) => v === value), `tfjs values ${values.slice(0, 4)}…`);
          const d = expectFamily(resolve(scheme(name), shape, config ?? {}), 'constant');
          assert.equal(d.mean, value);
          assert.equal(d.std, 0);
          assertSameValues(sampleTensor(d, 1), values, name);
        });
      }
    }
  });

  describe('errors: same class and message as tfjs', () => {
    const vs = (config: Config) => ({
      tfjs: () => makeInitializer('varianceScaling', config).apply([3, 4]),
      ours: () => resolve(scheme('varianceScaling'), [3, 4], config),
    });
    const CASES: Array<{ label: string; tfjs: () => unknown; ours: () => unknown }> = [
      ...[[2, 3], [3], [2, 2, 2], [], [4, 5], [1, 2]].map((shape) => ({
        label: `identity on [${shape}]`,
        tfjs: () => draw('identity', {}, shape),
        ours: () => resolve(scheme('identity'), shape, {}),
      })),
      ...[[5], []].map((shape) => ({
        label: `orthogonal on [${shape}]`,
        tfjs: () => draw('orthogonal', {}, shape),
        ours: () => resolve(scheme('orthogonal'), shape, {}),
      })),
      ...[-1, -0.001, -2.5].map((scale) => ({ label: `varianceScaling({scale: ${scale}})`, ...vs({ scale }) })),
      ...['fan_in', 'FanIn', 'fanavg', ''].map((mode) => ({ label: `varianceScaling({mode: '${mode}'})`, ...vs({ mode }) })),
      ...['truncated_normal', 'Normal', 'gaussian', 'untruncatedNormal'].map((distribution) => ({ label: `varianceScaling({distribution: '${distribution}'})`, ...vs({ distribution }) })),
      { label: "varianceScaling({scale: -1, mode: 'fan_in'}) reports the scale first", ...vs({ scale: -1, mode: 'fan_in' }) },
      { label: "varianceScaling({mode: 'fan_out', distribution: 'gaussian'}) reports the mode first", ...vs({ mode: 'fan_out', distribution: 'gaussian' }) },
      {
        label: 'constant({}) without a value',
        tfjs: () => makeInitializer('constant', {}),
        ours: () => resolve(scheme('constant'), [3, 4], {}),
      },
    ];
    for (const { label, tfjs, ours } of CASES) {
      it(label, () => {
        const expected = thrown(tfjs);
        assert.ok(expected, `tfjs did not throw for ${label}`);
        assert.throws(ours, (e: unknown) => {
          assert.ok(e instanceof InitError, `ours threw ${String(e)}, not an InitError`);
          assert.equal(e.errorType, expected.type);
          assert.equal(e.message, expected.message);
          return true;
        });
      });
    }
  });

  describe('null parameters: tfjs tests `x == null` and uses the default', () => {
    const CASES: Array<[string, Config, number[]]> = [
      ['varianceScaling', { scale: null }, [4, 6]],
      ['varianceScaling', { mode: null }, [4, 6]],
      ['varianceScaling', { distribution: null, mode: 'fanOut' }, [4, 6]],
      ['identity', { gain: null }, [4, 4]],
      ['orthogonal', { gain: null }, [4, 6]],
      ['randomUniform', { minval: null, maxval: 0.5 }, [4, 6]],
      ['randomNormal', { mean: null, stddev: null }, [4, 6]],
      ['truncatedNormal', { mean: null, stddev: 0.2 }, [4, 6]],
    ];
    for (const [name, config, shape] of CASES) {
      it(`${name}(${fmt(config)}) on [${shape}]`, () => {
        const seed = nextSeed();
        const values = draw(name, { ...config, seed }, shape);
        let d: Distribution;
        try {
          d = resolve(scheme(name), shape, config);
        } catch (e) {
          assert.fail(`tfjs accepts ${fmt(config)} (null → default) but our resolve threw ${(e as Error).constructor.name}: ${(e as Error).message}`);
        }
        assertMatchesSeededDraw(d, values, shape, seed, name);
      });
    }
  });

  describe('layer defaults: tfjs layers built for real, weight shapes and distributions', () => {
    interface WeightSpec { tensor: string; fromKernel: boolean }
    const K = (tensor: string): WeightSpec => ({ tensor, fromKernel: true });
    const OWN = (tensor: string): WeightSpec => ({ tensor, fromKernel: false });
    const CASES: Array<{ layer: string; config: object; input: Array<number | null>; weights: WeightSpec[] }> = [
      { layer: 'dense', config: { units: 256 }, input: [null, 512], weights: [K('kernel'), K('bias')] },
      { layer: 'conv1d', config: { filters: 32, kernelSize: 5 }, input: [null, 20, 48], weights: [K('kernel'), K('bias')] },
      { layer: 'conv2d', config: { filters: 64, kernelSize: 3 }, input: [null, 8, 8, 32], weights: [K('kernel'), K('bias')] },
      { layer: 'conv3d', config: { filters: 16, kernelSize: 3 }, input: [null, 4, 4, 4, 8], weights: [K('kernel'), K('bias')] },
      { layer: 'conv2dTranspose', config: { filters: 64, kernelSize: 3 }, input: [null, 8, 8, 32], weights: [K('kernel'), K('bias')] },
      { layer: 'depthwiseConv2d', config: { kernelSize: 5, depthMultiplier: 2 }, input: [null, 8, 8, 64], weights: [K('depthwiseKernel'), K('bias')] },
      { layer: 'separableConv2d', config: { filters: 256, kernelSize: 3 }, input: [null, 8, 8, 64], weights: [OWN('depthwiseKernel'), OWN('pointwiseKernel')] },
      { layer: 'embedding', config: { inputDim: 1000, outputDim: 64 }, input: [null, 10], weights: [OWN('embeddings')] },
      { layer: 'simpleRNN', config: { units: 8 }, input: [null, 5, 16], weights: [K('kernel'), K('recurrentKernel'), K('bias')] },
      { layer: 'gru', config: { units: 8 }, input: [null, 5, 16], weights: [K('kernel'), K('recurrentKernel'), K('bias')] },
      { layer: 'lstm', config: { units: 8 }, input: [null, 5, 16], weights: [K('kernel'), K('recurrentKernel'), K('bias')] },
      { layer: 'batchNormalization', config: {}, input: [null, 6, 32], weights: [OWN('gamma'), OWN('beta')] },
      { layer: 'layerNormalization', config: {}, input: [null, 6, 32], weights: [OWN('gamma'), OWN('beta')] },
    ];
    for (const { layer, config, input, weights } of CASES) {
      it(`tf.layers.${layer}(${fmt(config)}) built on [${input}]`, () => {
        const factory = (tf.layers as unknown as Record<string, (c: object) => tf.layers.Layer>)[layer];
        const built = quiet(() => {
          const l = factory(config);
          l.build(input as tf.Shape);
          return l;
        });
        try {
          const vars = built.weights;
          const shapes = vars.map((v) => v.shape as number[]);
          const values = quiet(() => vars.map((v) => Float32Array.from(v.read().dataSync())));
          const sc = scheme(layer);
          weights.forEach((w, i) => {
            const label = `${layer} ${w.tensor} (tfjs weight ${vars[i].name}, shape [${shapes[i]}])`;
            const d = resolve(sc, w.fromKernel ? shapes[0] : shapes[i], { tensor: w.tensor });
            assert.deepEqual(d.shape, shapes[i], `${label}: our shape [${d.shape}]`);
            if (d.family === 'constant' || d.family === 'identity') {
              assertSameValues(sampleTensor(d, 1), values[i], label);
            } else if (d.family === 'orthogonal') {
              assert.ok(orthogonalityError(values[i], d.rows, d.cols, d.gain) <= 1e-4, `${label}: not gain × orthogonal ${d.rows}×${d.cols}`);
            } else {
              compareMoments(d, stats(values[i]), nextSeed(), label);
            }
          });
        } finally {
          quiet(() => built.weights.forEach((v) => v.dispose()));
        }
      });
    }
  });

  describe('names', () => {
    const registry = tf.serialization.SerializationMap.getMap().classNameMap;
    it('every tfjs initializer scheme is a tf.initializers factory and its class names are registered tfjs classes', () => {
      const factories = tf.initializers as unknown as Record<string, unknown>;
      const schemes = ['varianceScaling', 'glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'leCunNormal', 'leCunUniform',
        'randomUniform', 'randomNormal', 'truncatedNormal', 'identity', 'orthogonal', 'zeros', 'ones', 'constant'];
      for (const name of schemes) {
        const s = scheme(name);
        assert.equal(s.kind, 'initializer');
        assert.equal(typeof factories[name], 'function', `tf.initializers.${name}`);
        const className = name[0].toUpperCase() + name.slice(1);
        assert.ok(className in registry, `tfjs has no class ${className}`);
        assert.equal(findScheme('tfjs', className)?.scheme, s, `'${className}' should find ${name}`);
      }
    });
    it('every tfjs layer-default scheme is a tf.layers factory', () => {
      const layers = tf.layers as unknown as Record<string, unknown>;
      for (const name of ['dense', 'conv1d', 'conv2d', 'conv3d', 'conv2dTranspose', 'conv3dTranspose', 'depthwiseConv2d', 'separableConv2d',
        'simpleRNN', 'gru', 'lstm', 'embedding', 'batchNormalization', 'layerNormalization']) {
        assert.equal(scheme(name).kind, 'layerDefault');
        assert.equal(typeof layers[name], 'function', `tf.layers.${name}`);
      }
    });
    it('a VarianceScaling instance really is what the class-name path builds', () => {
      const seed = nextSeed();
      const [ctor] = registry.HeNormal as unknown as [new (args: object) => { apply(shape: number[]): tf.Tensor }];
      const values = drawWith(new ctor({ seed }), [6, 9]);
      assertSameValues(values, draw('heNormal', { seed }, [6, 9]), 'new HeNormal vs tf.initializers.heNormal');
    });
  });
});
