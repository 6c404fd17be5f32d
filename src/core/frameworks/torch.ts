import * as D from '../distribution';
import { torchFans } from '../fans';
import { calculateGain } from '../gain';
import { InitError, pyList } from '../initError';
import { num, str, type ParamValue } from '../params';
import { defineSchemes, type Scheme } from '../scheme';
import { numel } from '../shape';

const SQRT3 = Math.sqrt(3);
const FAN_MODES = ['fan_in', 'fan_out'];

/** `_calculate_correct_fan`: the mode is lower-cased and must be fan_in or fan_out. */
function correctFan(shape: number[], mode: string): { fan: number; fanIn: number; fanOut: number } {
  const m = mode.toLowerCase();
  if (!FAN_MODES.includes(m)) {
    throw new InitError('torch', 'ValueError', `Mode ${m} not supported, please use one of ${pyList(FAN_MODES)}`);
  }
  const { fanIn, fanOut } = torchFans(shape);
  return { fan: m === 'fan_in' ? fanIn : fanOut, fanIn, fanOut };
}

/** C++ `operator<<` for a double (6 significant digits, %g style), as ATen prints it in messages. */
function cppDouble(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) {
    const [mantissa, exponent] = x.toExponential(5).split('e');
    const e = Number(exponent);
    return `${String(+mantissa)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(+x.toPrecision(6));
}

const zeroDivision = () => new InitError('torch', 'ZeroDivisionError', 'float division by zero');

/** ATen's check in `Tensor.normal_`, which normal_, xavier/kaiming_normal_ and sparse_ end in. */
function checkStd(std: number): void {
  if (std < 0) throw new InitError('torch', 'RuntimeError', `normal expects std >= 0.0, but found std ${cppDouble(std)}`);
}

function checkedNormal(shape: number[], mean: number, std: number, fans?: D.FanInfo): D.Distribution {
  checkStd(std);
  return D.normal(shape, mean, std, fans);
}

/** ATen's check in `Tensor.uniform_`. */

function checkedUniform(shape: number[], from: number, to: number, fans?: D.FanInfo): D.Distribution {
  if (from > to) throw new InitError('torch', 'RuntimeError', `uniform_ expects to return a [from, to) range, but found from=${cppDouble(from)} > to=${cppDouble(to)}`);
  return D.uniform(shape, from, to, fans);
}

function requireRank(shape: number[], ok: (rank: number) => boolean, message: string): void {
  if (!ok(shape.length)) throw new InitError('torch', 'ValueError', message);
}

/**
 * kaiming_*: gain = calculate_gain(nonlinearity, a); std = gain/√fan; bound = √3·std.
 * A tensor with a zero-size dim is left alone (PyTorch warns "Initializing zero-element tensors is a no-op").
 */
function kaiming(shape: number[], a: ParamValue, mode: string, nonlinearity: string, family: 'uniform' | 'normal'): D.Distribution {
  if (shape.includes(0)) return D.constant(shape, 0);
  const { fan, fanIn, fanOut } = correctFan(shape, mode);
  const gain = calculateGain(nonlinearity, a);
  const std = gain / Math.sqrt(fan);
  const fans = { fanIn, fanOut, gain };
  if (family === 'normal') return checkedNormal(shape, 0, std, fans);
  const bound = SQRT3 * std;
  return checkedUniform(shape, -bound, bound, fans);
}

/** xavier_*: std = gain·√(2/(fan_in + fan_out)); bound = √3·std. */
function xavier(shape: number[], gain: number, family: 'uniform' | 'normal'): D.Distribution {
  const { fanIn, fanOut } = torchFans(shape);
  if (fanIn + fanOut === 0) throw zeroDivision();
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const fans = { fanIn, fanOut, gain };
  if (family === 'normal') return checkedNormal(shape, 0, std, fans);
  const bound = SQRT3 * std;
  return checkedUniform(shape, -bound, bound, fans);
}

function orthogonalTorch(shape: number[], gain: number): D.Distribution {
  requireRank(shape, (r) => r >= 2, 'Only tensors with 2 or more dimensions are supported');
  const rows = shape[0];
  return D.orthogonal(shape, gain, rows, rows === 0 ? 0 : numel(shape) / rows);
}

/** The default of Linear and Conv*: kaiming_uniform_(a=√5) ⇒ U(±1/√fan_in), bias U(±1/√fan_in). */
function linearDefault(weightShape: number[], tensor: string, biasShape: number[]): D.Distribution {
  if (tensor === 'weight') return kaiming(weightShape, Math.sqrt(5), 'fan_in', 'leaky_relu', 'uniform');
  if (tensor === 'bias') {
    const { fanIn, fanOut } = torchFans(weightShape);
    const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    return D.uniform(biasShape, -bound, bound, { fanIn, fanOut, gain: 1 });
  }
  throw unknownTensor(tensor, ['weight', 'bias']);
}

function unknownTensor(tensor: string, known: string[]): InitError {
  return new InitError('torch', 'AttributeError', `no parameter '${tensor}'; this module has ${known.join(', ')}`);
}

const tensorParam = (def: string) => ({ name: 'tensor', default: def, doc: 'which parameter of the module' });

function convDefaults(dims: number): Scheme['resolve'] {
  return (shape, p) => {
    requireRank(shape, (r) => r === dims + 2, `Conv${dims}d weight has shape [out, in/groups, ${Array(dims).fill('k').join(', ')}]`);
    return linearDefault(shape, str(p.tensor, 'tensor'), [shape[0]]);
  };
}

function convTransposeDefaults(dims: number): Scheme['resolve'] {
  return (shape, p) => {
    requireRank(shape, (r) => r === dims + 2, `ConvTranspose${dims}d weight has shape [in, out/groups, ${Array(dims).fill('k').join(', ')}]`);
    return linearDefault(shape, str(p.tensor, 'tensor'), [shape[1] * num(p.groups, 'groups')]);
  };
}

/** RNNBase: every weight and bias U(±1/√hidden_size); the shape given is weight_ih_l0 `[gates·hidden, input]`. */
function rnnDefaults(gates: number): Scheme['resolve'] {
  return (shape, p) => {
    requireRank(shape, (r) => r === 2, `weight_ih_l0 has shape [${gates === 1 ? '' : gates + '*'}hidden_size, input_size]`);
    const hidden = shape[0] / gates;
    const tensor = str(p.tensor, 'tensor');
    const shapes: Record<string, number[]> = {
      weight_ih: shape, weight_hh: [shape[0], hidden], bias_ih: [shape[0]], bias_hh: [shape[0]],
    };
    if (!(tensor in shapes)) throw unknownTensor(tensor, Object.keys(shapes));
    const bound = hidden > 0 ? 1.0 / Math.sqrt(hidden) : 0;
    return D.uniform(shapes[tensor], -bound, bound);
  };
}

/** Norm layers: weight 1, bias 0 over the normalized shape. */
function normDefaults(hasBias: boolean): Scheme['resolve'] {
  return (shape, p) => {
    const tensor = str(p.tensor, 'tensor');
    if (tensor === 'weight') return D.constant(shape, 1);
    if (tensor === 'bias' && hasBias) return D.constant(shape, 0);
    throw unknownTensor(tensor, hasBias ? ['weight', 'bias'] : ['weight']);
  };
}

const gainParam = { name: 'gain', default: 1.0 };
const kaimingParams = [
  { name: 'a', default: 0, doc: 'negative slope for leaky_relu' },
  { name: 'mode', default: 'fan_in' },
  { name: 'nonlinearity', default: 'leaky_relu' },
];

export const TORCH_SCHEMES: Scheme[] = defineSchemes('torch', [
  {
    name: 'uniform_', deprecatedAliases: ['uniform'],
    params: [{ name: 'a', default: 0.0 }, { name: 'b', default: 1.0 }],
    formula: 'U(a, b)',
    resolve: (s, p) => checkedUniform(s, num(p.a, 'a'), num(p.b, 'b')),
  },
  {
    name: 'normal_', deprecatedAliases: ['normal'],
    params: [{ name: 'mean', default: 0.0 }, { name: 'std', default: 1.0 }],
    formula: 'N(mean, std²)',
    resolve: (s, p) => checkedNormal(s, num(p.mean, 'mean'), num(p.std, 'std')),
  },
  {
    name: 'trunc_normal_',
    params: [{ name: 'mean', default: 0.0 }, { name: 'std', default: 1.0 }, { name: 'a', default: -2.0 }, { name: 'b', default: 2.0 }],
    formula: 'N(mean, std²) cut at the absolute values [a, b] (not multiples of std)',
    resolve: (s, p) => {
      const std = num(p.std, 'std');
      // (a − mean)/std: PyTorch divides by std before anything else
      if (std === 0) throw zeroDivision();
      return D.truncatedNormal(s, num(p.mean, 'mean'), std, num(p.a, 'a'), num(p.b, 'b'));
    },
  },
  {
    name: 'constant_', deprecatedAliases: ['constant'],
    params: [{ name: 'val', default: null }],
    formula: 'fill with val',
    resolve: (s, p) => {
      if (p.val === null) throw new InitError('torch', 'TypeError', "constant_() missing 1 required positional argument: 'val'");
      return D.constant(s, num(p.val, 'val'));
    },
  },
  { name: 'ones_', params: [], formula: 'fill with 1', resolve: (s) => D.constant(s, 1) },
  { name: 'zeros_', params: [], formula: 'fill with 0', resolve: (s) => D.constant(s, 0) },
  {
    name: 'eye_', deprecatedAliases: ['eye'], params: [], formula: 'identity matrix (2-D only)',
    resolve: (s) => {
      requireRank(s, (r) => r === 2, 'Only tensors with 2 dimensions are supported');
      return D.identity(s, 1);
    },
  },
  {
    name: 'dirac_', deprecatedAliases: ['dirac'], params: [{ name: 'groups', default: 1 }],
    formula: '1 at the centre tap of channel d → d in each group (3–5-D)',
    resolve: (s, p) => {
      requireRank(s, (r) => r >= 3 && r <= 5, 'Only tensors with 3, 4, or 5 dimensions are supported');
      const groups = num(p.groups, 'groups');
      if (groups === 0) throw new InitError('torch', 'ZeroDivisionError', 'integer modulo by zero');
      if (s[0] % groups !== 0) throw new InitError('torch', 'ValueError', 'dim 0 must be divisible by groups');
      return D.dirac(s, 1, groups);
    },
  },
  {
    name: 'xavier_uniform_', deprecatedAliases: ['xavier_uniform'], params: [gainParam],
    formula: 'U(−b, b), b = gain·√(6/(fan_in + fan_out))',
    resolve: (s, p) => xavier(s, num(p.gain, 'gain'), 'uniform'),
  },
  {
    name: 'xavier_normal_', deprecatedAliases: ['xavier_normal'], params: [gainParam],
    formula: 'N(0, std²), std = gain·√(2/(fan_in + fan_out))',
    resolve: (s, p) => xavier(s, num(p.gain, 'gain'), 'normal'),
  },
  {
    name: 'kaiming_uniform_', deprecatedAliases: ['kaiming_uniform'], params: kaimingParams,
    formula: 'U(−b, b), b = gain·√(3/fan), gain = calculate_gain(nonlinearity, a)',
    resolve: (s, p) => kaiming(s, p.a, str(p.mode, 'mode'), str(p.nonlinearity, 'nonlinearity'), 'uniform'),
  },
  {
    name: 'kaiming_normal_', deprecatedAliases: ['kaiming_normal'], params: kaimingParams,
    formula: 'N(0, std²), std = gain/√fan, gain = calculate_gain(nonlinearity, a)',
    resolve: (s, p) => kaiming(s, p.a, str(p.mode, 'mode'), str(p.nonlinearity, 'nonlinearity'), 'normal'),
  },
  {
    name: 'orthogonal_', deprecatedAliases: ['orthogonal'], params: [gainParam],
    formula: 'gain · (semi-)orthogonal Q of the [size(0), numel/size(0)] matrix (QR with sign fix)',
    resolve: (s, p) => orthogonalTorch(s, num(p.gain, 'gain')),
  },
  {
    name: 'sparse_', deprecatedAliases: ['sparse'], params: [{ name: 'sparsity', default: null }, { name: 'std', default: 0.01 }],
    formula: 'N(0, std²), then ceil(sparsity·rows) entries of each column set to 0',
    resolve: (s, p) => {
      requireRank(s, (r) => r === 2, 'Only tensors with 2 dimensions are supported');
      if (p.sparsity === null) throw new InitError('torch', 'TypeError', "sparse_() missing 1 required positional argument: 'sparsity'");
      const [rows, cols] = s;
      const zerosPerColumn = Math.ceil(num(p.sparsity, 'sparsity') * rows);
      const std = num(p.std, 'std');
      checkStd(std);
      return D.sparse(s, 0, std, rows, cols, { zerosPerColumn });
    },
  },
  {
    name: 'Linear', aliases: ['LazyLinear', 'NonDynamicallyQuantizableLinear'], kind: 'layerDefault', params: [tensorParam('weight')],
    formula: 'weight [out, in]: kaiming_uniform_(a=√5) = U(±1/√in), Var = 1/(3·in); bias U(±1/√in)',
    resolve: (s, p) => {
      requireRank(s, (r) => r === 2, 'Linear weight has shape [out_features, in_features]');
      return linearDefault(s, str(p.tensor, 'tensor'), [s[0]]);
    },
  },
  {
    name: 'Bilinear', kind: 'layerDefault', params: [tensorParam('weight')],
    formula: 'weight [out, in1, in2] and bias: U(±1/√in1)',
    resolve: (s, p) => {
      requireRank(s, (r) => r === 3, 'Bilinear weight has shape [out_features, in1_features, in2_features]');
      const bound = 1 / Math.sqrt(s[1]);
      const tensor = str(p.tensor, 'tensor');
      if (tensor === 'weight') return D.uniform(s, -bound, bound);
      if (tensor === 'bias') return D.uniform([s[0]], -bound, bound);
      throw unknownTensor(tensor, ['weight', 'bias']);
    },
  },
  ...[1, 2, 3].map((d) => ({
    name: `Conv${d}d`, aliases: [`LazyConv${d}d`], kind: 'layerDefault' as const, params: [tensorParam('weight')],
    formula: 'weight [out, in/groups, *k]: kaiming_uniform_(a=√5) = U(±1/√fan_in); bias U(±1/√fan_in)',
    resolve: convDefaults(d),
  })),
  ...[1, 2, 3].map((d) => ({
    name: `ConvTranspose${d}d`, aliases: [`LazyConvTranspose${d}d`], kind: 'layerDefault' as const,
    params: [tensorParam('weight'), { name: 'groups', default: 1 }],
    formula: 'weight [in, out/groups, *k]: kaiming_uniform_(a=√5), so fan_in = (out/groups)·prod(k)',
    resolve: convTransposeDefaults(d),
  })),
  {
    name: 'Embedding', kind: 'layerDefault', params: [{ name: 'padding_idx', default: null }],
    formula: 'weight [num, dim]: N(0, 1), row padding_idx zeroed',
    resolve: (s, p) => {
      requireRank(s, (r) => r === 2, 'Embedding weight has shape [num_embeddings, embedding_dim]');
      if (p.padding_idx === null) return D.normal(s, 0, 1);
      const raw = num(p.padding_idx, 'padding_idx');
      if (raw >= s[0] || raw < -s[0]) throw new InitError('torch', 'AssertionError', 'Padding_idx must be within num_embeddings');
      const zeroRow = raw < 0 ? raw + s[0] : raw;
      return D.sparse(s, 0, 1, s[0], s[1], { zeroRow });
    },
  },
  ...([['RNN', 1], ['GRU', 3], ['LSTM', 4]] as const).map(([name, gates]) => ({
    name, kind: 'layerDefault' as const, params: [tensorParam('weight_ih')],
    formula: 'every weight and bias U(±1/√hidden_size)',
    resolve: rnnDefaults(gates),
  })),
  ...['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'LayerNorm', 'GroupNorm', 'InstanceNorm1d', 'InstanceNorm2d', 'InstanceNorm3d'].map((name) => ({
    name, kind: 'layerDefault' as const, params: [tensorParam('weight')],
    formula: 'weight 1, bias 0', resolve: normDefaults(true),
  })),
  {
    name: 'RMSNorm', kind: 'layerDefault', params: [tensorParam('weight')],
    formula: 'weight 1 (no bias)', resolve: normDefaults(false),
  },
  {
    name: 'MultiheadAttention', kind: 'layerDefault', params: [tensorParam('in_proj_weight')],
    formula: 'shape [embed_dim]: in_proj_weight [3E, E] xavier_uniform_; biases 0; out_proj.weight Linear default; bias_k/bias_v xavier_normal_',
    resolve: (s, p) => {
      requireRank(s, (r) => r === 1, 'MultiheadAttention takes the shape [embed_dim]');
      const e = s[0];
      const tensor = str(p.tensor, 'tensor');
      switch (tensor) {
        case 'in_proj_weight': return xavier([3 * e, e], 1, 'uniform');
        case 'in_proj_bias': return D.constant([3 * e], 0);
        case 'out_proj.weight': return linearDefault([e, e], 'weight', [e]);
        case 'out_proj.bias': return D.constant([e], 0);
        case 'bias_k': case 'bias_v': return xavier([1, 1, e], 1, 'normal');
        default: throw unknownTensor(tensor, ['in_proj_weight', 'in_proj_bias', 'out_proj.weight', 'out_proj.bias', 'bias_k', 'bias_v']);
      }
    },
  },
]);
