import { findActivation, type Framework } from '../core';

/**
 * What the names of the three Python frameworks denote, by canonical qualified name
 * (see `pythonImports.canonical`): weight layers, normalization and pass-through layers,
 * activation modules and functions, containers.
 */

export type Role =
  | { role: 'layer'; framework: Framework; kind: string; dense: boolean }
  | { role: 'norm'; framework: Framework; kind: string }
  | { role: 'pass'; reshapes?: boolean }
  | { role: 'activation'; name: string; defaultSlope?: number }
  | { role: 'sequential' }
  | { role: 'moduleList' };

const TORCH_DENSE = ['Linear', 'LazyLinear', 'Bilinear', 'Conv1d', 'Conv2d', 'Conv3d', 'ConvTranspose1d', 'ConvTranspose2d',
  'ConvTranspose3d', 'LazyConv1d', 'LazyConv2d', 'LazyConv3d', 'LazyConvTranspose1d', 'LazyConvTranspose2d', 'LazyConvTranspose3d'];
const TORCH_OTHER_LAYERS = ['Embedding', 'EmbeddingBag', 'RNN', 'LSTM', 'GRU', 'RNNCell', 'LSTMCell', 'GRUCell', 'MultiheadAttention',
  'Transformer', 'TransformerEncoderLayer', 'TransformerDecoderLayer', 'PReLU'];
const TORCH_NORMS = ['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'SyncBatchNorm', 'LayerNorm', 'GroupNorm', 'InstanceNorm1d',
  'InstanceNorm2d', 'InstanceNorm3d', 'RMSNorm', 'LazyBatchNorm1d', 'LazyBatchNorm2d', 'LazyBatchNorm3d'];
const TORCH_PASS = /^(Dropout\d?d?|AlphaDropout|FeatureAlphaDropout|(Max|Avg|LPPool|AdaptiveMax|AdaptiveAvg)Pool\dd|MaxPool\dd|AvgPool\dd|Flatten|Unflatten|Identity|Upsample|UpsamplingNearest2d|UpsamplingBilinear2d|(Zero|Constant|Reflection|Replication|Circular)Pad\dd|PixelShuffle|PixelUnshuffle|LocalResponseNorm)$/;
const TORCH_ACTIVATIONS: Readonly<Record<string, string>> = {
  ReLU: 'relu', LeakyReLU: 'leaky_relu', PReLU: 'prelu', ELU: 'elu', CELU: 'elu', GELU: 'gelu', SiLU: 'silu', Mish: 'mish',
  ReLU6: 'relu6', Hardswish: 'hardswish', SELU: 'selu', Tanh: 'tanh', Sigmoid: 'sigmoid', Softsign: 'softsign',
  Hardtanh: 'hardtanh', Hardsigmoid: 'hard_sigmoid', Softplus: 'softplus', Softmax: 'linear', LogSoftmax: 'linear', Softmax2d: 'linear',
};

const KERAS_DENSE = ['Dense', 'EinsumDense', 'Conv1D', 'Conv2D', 'Conv3D', 'Convolution1D', 'Convolution2D', 'Convolution3D',
  'Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose', 'SeparableConv1D', 'SeparableConv2D', 'DepthwiseConv1D', 'DepthwiseConv2D'];
const KERAS_OTHER_LAYERS = ['Embedding', 'LSTM', 'GRU', 'SimpleRNN', 'MultiHeadAttention', 'PReLU'];
const KERAS_NORMS = ['BatchNormalization', 'LayerNormalization', 'GroupNormalization', 'UnitNormalization'];
const KERAS_PASS = /^(Dropout|SpatialDropout\dD|GaussianNoise|GaussianDropout|AlphaDropout|Flatten|Reshape|(Max|Average)Pooling\dD|Global(Max|Average)Pooling\dD|ZeroPadding\dD|UpSampling\dD|Cropping\dD|Permute|InputLayer)$/;

const FLAX_DENSE = ['Dense', 'DenseGeneral', 'Conv', 'ConvTranspose', 'ConvLocal', 'Einsum', 'Linear', 'LinearGeneral'];
const FLAX_OTHER_LAYERS = ['Embed', 'LSTMCell', 'GRUCell', 'OptimizedLSTMCell', 'MultiHeadDotProductAttention', 'SelfAttention', 'MultiHeadAttention'];
const FLAX_NORMS = ['BatchNorm', 'LayerNorm', 'GroupNorm', 'RMSNorm'];

/** Activation functions, by canonical name, across torch / jax / flax / keras / tf. */
const FUNCTION_PREFIXES = [
  'torch.nn.functional.', 'torch.', 'jax.nn.', 'jax.numpy.', 'flax.linen.', 'flax.linen.activation.', 'flax.nnx.',
  'keras.activations.', 'keras.ops.', 'tensorflow.nn.', 'tensorflow.math.', 'tensorflow.',
];
const PASS_FUNCTIONS = /^(dropout\d?d?|alpha_dropout|layer_norm|batch_norm|group_norm|instance_norm|rms_norm|normalize|(max|avg|adaptive_avg|adaptive_max)_pool\dd|max_pool|avg_pool|flatten|reshape|squeeze|unsqueeze|interpolate|pad)$/;
/** Pass-through layers and calls after which the last dimension is no longer the channels. */
export const RESHAPING = /^(Flatten|Unflatten|Reshape|Permute|PixelShuffle|PixelUnshuffle|flatten|reshape|permute|repeatVector|view|transpose)$/;

const OUTPUT_FUNCTIONS = /^(softmax|log_softmax|logSoftmax)$/;

export function constructorRole(qualified: string): Role | undefined {
  const dot = qualified.lastIndexOf('.');
  const module = qualified.slice(0, dot);
  const name = qualified.slice(dot + 1);
  if (module === 'torch.nn') {
    if (TORCH_DENSE.includes(name)) return { role: 'layer', framework: 'torch', kind: name, dense: true };
    if (name in TORCH_ACTIVATIONS) return { role: 'activation', name: TORCH_ACTIVATIONS[name], defaultSlope: name === 'LeakyReLU' ? 0.01 : undefined };
    if (TORCH_OTHER_LAYERS.includes(name)) return { role: 'layer', framework: 'torch', kind: name, dense: false };
    if (TORCH_NORMS.includes(name)) return { role: 'norm', framework: 'torch', kind: name };
    if (TORCH_PASS.test(name)) return { role: 'pass', reshapes: RESHAPING.test(name) };
    if (name === 'Sequential') return { role: 'sequential' };
    if (name === 'ModuleList' || name === 'ModuleDict') return { role: 'moduleList' };
    return undefined;
  }
  if (module === 'keras.layers' || module === 'keras') {
    if (name === 'Sequential' && module === 'keras') return { role: 'sequential' };
    if (KERAS_DENSE.includes(name)) return { role: 'layer', framework: 'keras', kind: name, dense: true };
    if (name === 'ReLU') return { role: 'activation', name: 'relu' };
    if (name === 'LeakyReLU') return { role: 'activation', name: 'leaky_relu', defaultSlope: 0.3 };
    if (name === 'ELU') return { role: 'activation', name: 'elu' };
    if (name === 'Softmax') return { role: 'activation', name: 'linear' };
    if (KERAS_OTHER_LAYERS.includes(name)) return { role: 'layer', framework: 'keras', kind: name, dense: false };
    if (KERAS_NORMS.includes(name)) return { role: 'norm', framework: 'keras', kind: name };
    if (KERAS_PASS.test(name)) return { role: 'pass', reshapes: RESHAPING.test(name) };
    return undefined;
  }
  if (module === 'flax.linen' || module === 'flax.nnx') {
    if (name === 'Sequential') return { role: 'sequential' };
    if (name === 'List') return { role: 'moduleList' };
    if (FLAX_DENSE.includes(name)) return { role: 'layer', framework: 'jax', kind: name, dense: true };
    if (FLAX_OTHER_LAYERS.includes(name)) return { role: 'layer', framework: 'jax', kind: name, dense: false };
    if (FLAX_NORMS.includes(name)) return { role: 'norm', framework: 'jax', kind: name };
    if (name === 'Dropout') return { role: 'pass' };
    return undefined;
  }
  return undefined;
}

/** An activation's canonical name from a function such as `F.leaky_relu`, `jax.nn.relu`, `torch.tanh`. */
export function activationFunction(qualified: string): string | undefined {
  for (const prefix of FUNCTION_PREFIXES) {
    if (!qualified.startsWith(prefix)) continue;
    const name = qualified.slice(prefix.length).replace(/_$/, '');
    if (name.includes('.')) continue;
    if (OUTPUT_FUNCTIONS.test(name)) return 'linear';
    if (name === 'hard_swish' || name === 'hard_silu') return 'hardswish';
    const act = findActivation(name);
    if (act && act.name !== 'linear') return act.name;
  }
  return undefined;
}

export function isPassFunction(qualified: string): boolean {
  return FUNCTION_PREFIXES.some((p) => qualified.startsWith(p) && PASS_FUNCTIONS.test(qualified.slice(p.length)));
}

/** Tensor methods that apply an activation (`x.relu()`) or keep the value's meaning (`x.view(…)`). */
export const ACTIVATION_METHODS: Readonly<Record<string, string>> = {
  relu: 'relu', relu_: 'relu', tanh: 'tanh', tanh_: 'tanh', sigmoid: 'sigmoid', sigmoid_: 'sigmoid',
};
export const PASS_METHODS = new Set(['view', 'reshape', 'flatten', 'permute', 'transpose', 'contiguous', 'squeeze', 'unsqueeze', 'float', 'half', 'to']);

/** A Keras `activation=` string or a Flax/Keras activation function reference → canonical name. */
export function activationByName(name: string): string | undefined {
  if (OUTPUT_FUNCTIONS.test(name)) return 'linear';
  if (name === 'hard_swish' || name === 'hard_silu') return 'hardswish';
  return findActivation(name)?.name;
}
