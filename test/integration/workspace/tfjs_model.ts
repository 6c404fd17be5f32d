// A TensorFlow.js model in the tfjs-examples style: InitLens reads TS/JS too.
import * as tf from '@tensorflow/tfjs';

export function createModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({inputShape: [28, 28, 1], kernelSize: 3, filters: 16, activation: 'relu', kernelInitializer: 'varianceScaling'}));
  model.add(tf.layers.maxPooling2d({poolSize: 2, strides: 2}));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({units: 64, activation: 'relu'}));
  model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
  return model;
}
