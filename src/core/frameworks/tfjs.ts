import * as D from '../distribution';
import { tfjsFans } from '../fans';
import { InitError } from '../initError';
import { num, str, type ParamValue } from '../params';
import { defineSchemes, type Scheme, type SchemeDef } from '../scheme';
import { layerDefault } from './layerDefault';
import { numel } from '../shape';

const FAN_MODES = ['fanIn', 'fanOut', 'fanAvg'];
const DISTRIBUTIONS = ['normal', 'uniform', 'truncatedNormal'];

/** tfjs `checkStringTypeUnionValue`: null passes, anything else must be listed. */
function checkUnion(values: string[], label: string, value: string): void {
  if (!values.includes(value)) {
    throw new InitError('tfjs', 'ValueError', `${value} is not a valid ${label}.  Valid values are ${values.join(',')} or null/undefined.`);
  }
}

/**
 * tfjs VarianceScaling: scale /= max(1, fan). 'normal' draws truncatedNormal(0, √scale) with
 * no correction (real sd ≈ 0.88·√scale); every other distribution, 'truncatedNormal' included,
 * is U(±√(3·scale)).
 */
export function tfjsVarianceScaling(shape: number[], scale: number, mode: string, distribution: string): D.Distribution {
  if (scale < 0) throw new InitError('tfjs', 'ValueError', `scale must be a positive float. Got: ${scale}`);
  checkUnion(FAN_MODES, 'FanMode', mode);
  checkUnion(DISTRIBUTIONS, 'Distribution', distribution);
  const { fanIn, fanOut } = tfjsFans(shape);
  const n = mode === 'fanIn' ? Math.max(1, fanIn) : mode === 'fanOut' ? Math.max(1, fanOut) : Math.max(1, (fanIn + fanOut) / 2);
  const variance = scale / n;
  const fans = { fanIn, fanOut, gain: Math.sqrt(scale) };
  if (distribution === 'normal') {
    const sigma = Math.sqrt(variance);
    return D.truncatedNormal(shape, 0, sigma, -2 * sigma, 2 * sigma, fans);
  }
  const limit = Math.sqrt(3 * variance);
  return D.uniform(shape, -limit, limit, fans);
}

/** The six VarianceScaling helpers, as data: identifier, scale, mode, distribution. */
export const TFJS_VARIANCE_SCALING_PRESETS: ReadonlyArray<readonly [string, number, string, string]> = [
  ['glorotUniform', 1.0, 'fanAvg', 'uniform'],
  ['glorotNormal', 1.0, 'fanAvg', 'normal'],
  ['heNormal', 2.0, 'fanIn', 'normal'],
  ['heUniform', 2.0, 'fanIn', 'uniform'],
  ['leCunNormal', 1.0, 'fanIn', 'normal'],
  ['leCunUniform', 1.0, 'fanIn', 'uniform'],
];

/** tfjs reads some arguments as `args.x || DEFAULT`, so a falsy 0 silently becomes the default. */
function orDefault(v: ParamValue, fallback: number, name: string): number {
  return v === null || v === 0 || v === false || v === '' ? fallback : num(v, name);
}

const className = (id: string) => id[0].toUpperCase() + id.slice(1);
const seedParam = { name: 'seed', default: null };

function orthogonalTfjs(shape: number[], gain: number): D.Distribution {
  if (shape.length < 2) throw new InitError('tfjs', 'NotImplementedError', 'Shape must be at least 2D.');
  const cols = shape[shape.length - 1];
  return D.orthogonal(shape, gain, cols === 0 ? 0 : numel(shape) / cols, cols);
}

const glorotNormal = (s: number[]) => tfjsVarianceScaling(s, 1, 'fanAvg', 'normal');
const glorotUniform = (s: number[]) => tfjsVarianceScaling(s, 1, 'fanAvg', 'uniform');
const zeros = (s: number[]) => D.constant(s, 0);
const lastDim = (s: number[]) => [s[s.length - 1]];

/** Recurrent cells: kernel glorotNormal, recurrent orthogonal, bias zeros (unitForgetBias is off unless asked). */
function recurrentDefault(name: string, gates: number): SchemeDef {
  const units = (k: number[]) => k[k.length - 1] / gates;
  return layerDefault('tfjs', name, `kernel [in, ${gates > 1 ? gates + '·' : ''}units] glorotNormal, recurrentKernel orthogonal, bias zeros`, {
    kernel: glorotNormal,
    recurrentKernel: (k) => orthogonalTfjs([units(k), k[k.length - 1]], 1),
    bias: (k) => zeros(lastDim(k)),
  });
}

export const TFJS_SCHEMES: Scheme[] = defineSchemes('tfjs', [
  {
    name: 'varianceScaling', aliases: ['VarianceScaling'],
    params: [{ name: 'scale', default: 1.0 }, { name: 'mode', default: 'fanIn' }, { name: 'distribution', default: 'normal' }, seedParam],
    formula: "scale /= max(1, fan); 'normal' → truncatedNormal(0, √scale) uncorrected (real sd ≈ 0.88·√scale); otherwise U(±√(3·scale))",
    resolve: (s, p) => tfjsVarianceScaling(s, num(p.scale, 'scale'), str(p.mode, 'mode'), str(p.distribution, 'distribution')),
  },
  ...TFJS_VARIANCE_SCALING_PRESETS.map(([id, scale, mode, distribution]) => ({
    name: id, aliases: [className(id)],
    params: [seedParam],
    formula: `varianceScaling({scale: ${scale}, mode: '${mode}', distribution: '${distribution}'})` +
      (distribution === 'normal' ? ': truncated at ±2σ without correction, so the real variance is ≈ 0.774 of the target' : ''),
    resolve: (s: number[]) => tfjsVarianceScaling(s, scale, mode, distribution),
  })),
  {
    name: 'randomUniform', aliases: ['RandomUniform'],
    params: [{ name: 'minval', default: -0.05 }, { name: 'maxval', default: 0.05 }, seedParam],
    formula: 'U(minval, maxval); a minval or maxval of 0 is replaced by ∓0.05 (`args.minval || DEFAULT`)',
    resolve: (s, p) => D.uniform(s, orDefault(p.minval, -0.05, 'minval'), orDefault(p.maxval, 0.05, 'maxval')),
  },
  {
    name: 'randomNormal', aliases: ['RandomNormal'],
    params: [{ name: 'mean', default: 0.0 }, { name: 'stddev', default: 0.05 }, seedParam],
    formula: 'N(mean, stddev²); a stddev of 0 is replaced by 0.05',
    resolve: (s, p) => D.normal(s, orDefault(p.mean, 0, 'mean'), orDefault(p.stddev, 0.05, 'stddev')),
  },
  {
    name: 'truncatedNormal', aliases: ['TruncatedNormal'],
    params: [{ name: 'mean', default: 0.0 }, { name: 'stddev', default: 0.05 }, seedParam],
    formula: 'N(mean, stddev²) redrawn beyond mean ± 2·stddev, not corrected; a stddev of 0 is replaced by 0.05',
    resolve: (s, p) => {
      const mean = orDefault(p.mean, 0, 'mean');
      const sd = orDefault(p.stddev, 0.05, 'stddev');
      return D.truncatedNormal(s, mean, sd, mean - 2 * sd, mean + 2 * sd);
    },
  },
  {
    name: 'identity', aliases: ['Identity'], params: [{ name: 'gain', default: 1.0 }],
    formula: 'gain · eye(n) (2-D square only)',
    resolve: (s, p) => {
      if (s.length !== 2 || s[0] !== s[1]) throw new InitError('tfjs', 'ValueError', 'Identity matrix initializer can only be used for 2D square matrices.');
      return D.identity(s, num(p.gain, 'gain'));
    },
  },
  {
    name: 'orthogonal', aliases: ['Orthogonal'], params: [{ name: 'gain', default: 1.0 }, seedParam],
    formula: 'gain · (semi-)orthogonal Q of the [prod(shape[:-1]), shape[-1]] matrix',
    resolve: (s, p) => orthogonalTfjs(s, num(p.gain, 'gain')),
  },
  { name: 'zeros', aliases: ['Zeros'], params: [], formula: 'fill with 0', resolve: zeros },
  { name: 'ones', aliases: ['Ones'], params: [], formula: 'fill with 1', resolve: (s) => D.constant(s, 1) },
  {
    name: 'constant', aliases: ['Constant'], params: [{ name: 'value', default: null }],
    formula: 'fill with value',
    resolve: (s, p) => {
      if (p.value === null) throw new InitError('tfjs', 'ValueError', 'config must have value set but got [object Object]');
      return D.constant(s, num(p.value, 'value'));
    },
  },
  layerDefault('tfjs', 'dense', 'kernel [in, units] glorotNormal (uncorrected truncation: Var ≈ 0.774·2/(in+units)), bias zeros', { kernel: glorotNormal, bias: (k) => zeros(lastDim(k)) }),
  layerDefault('tfjs', 'depthwiseConv2d', 'depthwiseKernel [*k, in, depthMultiplier] glorotNormal, bias zeros [in·depthMultiplier]', {
    depthwiseKernel: glorotNormal,
    bias: (k) => zeros([k[k.length - 2] * k[k.length - 1]]),
  }),
  ...['conv1d', 'conv2d', 'conv3d', 'conv2dTranspose', 'conv3dTranspose'].map((name) =>
    layerDefault('tfjs', name, name.includes('Transpose') ? 'kernel [*k, filters, in] glorotNormal, bias zeros' : 'kernel [*k, in, filters] glorotNormal, bias zeros', {
      kernel: glorotNormal,
      bias: (k) => zeros([k[k.length - (name.includes('Transpose') ? 2 : 1)]]),
    })),
  layerDefault('tfjs', 'separableConv2d', 'depthwise and pointwise kernels glorotUniform (the pointwise one follows depthwiseInitializer when given), bias zeros', {
    depthwiseKernel: glorotUniform,
    pointwiseKernel: glorotUniform,
  }),
  recurrentDefault('simpleRNN', 1),
  recurrentDefault('gru', 3),
  recurrentDefault('lstm', 4),
  layerDefault('tfjs', 'embedding', 'embeddings [inputDim, outputDim] randomUniform(±0.05)', { embeddings: (k) => D.uniform(k, -0.05, 0.05) }),
  ...['batchNormalization', 'layerNormalization'].map((name) =>
    layerDefault('tfjs', name, 'gamma ones, beta zeros', { gamma: (k) => D.constant(k, 1), beta: zeros })),
]);
