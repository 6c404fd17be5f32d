/** The four frameworks InitLens knows, by the short name used everywhere (CLI, JSON, registries). */
export type Framework = 'torch' | 'keras' | 'tfjs' | 'jax';

export const FRAMEWORKS: readonly Framework[] = ['torch', 'keras', 'tfjs', 'jax'];

export function isFramework(name: string): name is Framework {
  return (FRAMEWORKS as readonly string[]).includes(name);
}

const NAMES: Readonly<Record<Framework, string>> = { torch: 'PyTorch', keras: 'Keras', tfjs: 'TF.js', jax: 'Flax/JAX' };

/** The name users know a framework by. */
export function frameworkName(f: Framework): string {
  return NAMES[f];
}

/**
 * A weight's shape in another framework's layout: PyTorch keeps `[out, in, *k]`, Keras, TF.js
 * and Flax `[*k, in, out]`. Shapes of rank < 2 (biases) read the same everywhere.
 */
export function convertShape(shape: readonly number[], from: Framework, to: Framework): number[] {
  const torchFirst = (f: Framework) => f === 'torch';
  if (shape.length < 2 || torchFirst(from) === torchFirst(to)) return [...shape];
  if (torchFirst(from)) {
    const [out, inp, ...k] = shape;
    return [...k, inp, out];
  }
  const k = shape.slice(0, -2);
  return [shape[shape.length - 1], shape[shape.length - 2], ...k];
}
