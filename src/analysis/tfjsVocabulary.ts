import { RESHAPING, type Role } from './pythonVocabulary';

/** What `tf.layers.*` factories build, by name. */

const DENSE = ['dense', 'conv1d', 'conv2d', 'conv3d', 'conv2dTranspose', 'conv3dTranspose', 'separableConv2d', 'depthwiseConv2d'];
const OTHER_LAYERS = ['simpleRNN', 'lstm', 'gru', 'embedding', 'convLstm2d', 'timeDistributed', 'bidirectional'];
const NORMS = ['batchNormalization', 'layerNormalization'];
const PASS = /^(dropout|spatialDropout\dd|alphaDropout|gaussianDropout|gaussianNoise|flatten|reshape|permute|repeatVector|(max|average)Pooling\dd|(globalAverage|globalMax)Pooling\dd|zeroPadding2d|upSampling2d|cropping2D|masking)$/;
const ACTIVATION_LAYERS: Readonly<Record<string, { name: string; defaultSlope?: number }>> = {
  reLU: { name: 'relu' }, leakyReLU: { name: 'leaky_relu', defaultSlope: 0.3 }, elu: { name: 'elu' }, prelu: { name: 'prelu' },
  softmax: { name: 'linear' }, thresholdedReLU: { name: 'relu' },
};

export function tfjsLayerRole(qualified: string): Role | undefined {
  const m = /^tf\.layers\.(\w+)$/.exec(qualified);
  if (!m) return undefined;
  const name = m[1];
  if (DENSE.includes(name)) return { role: 'layer', framework: 'tfjs', kind: name, dense: true };
  if (OTHER_LAYERS.includes(name)) return { role: 'layer', framework: 'tfjs', kind: name, dense: false };
  if (NORMS.includes(name)) return { role: 'norm', framework: 'tfjs', kind: name };
  if (PASS.test(name)) return { role: 'pass', reshapes: RESHAPING.test(name) };
  const act = ACTIVATION_LAYERS[name];
  return act && { role: 'activation', name: act.name, defaultSlope: act.defaultSlope };
}
