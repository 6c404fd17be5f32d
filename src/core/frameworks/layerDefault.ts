import type { Distribution } from '../distribution';
import type { Framework } from '../framework';
import { InitError } from '../initError';
import { str, type Params } from '../params';
import type { SchemeDef } from '../scheme';

/** How one weight of a layer is initialized, given the layer's kernel shape. */
export type TensorDefault = (kernel: number[], params: Params) => Distribution;

/**
 * A layer's default initialization as a scheme: the shape given is the layer's kernel, and the
 * `tensor` parameter (default: the first listed) picks which of its weights to describe.
 */
export function layerDefault(
  framework: Framework, name: string, formula: string, tensors: Record<string, TensorDefault>, aliases: string[] = [],
): SchemeDef {
  const names = Object.keys(tensors);
  return {
    name, aliases, kind: 'layerDefault', formula,
    params: [{ name: 'tensor', default: names[0] }],
    resolve: (shape, params) => {
      const tensor = str(params.tensor, 'tensor');
      const weight = tensors[tensor];
      if (!weight) throw new InitError(framework, 'AttributeError', `${name} has no weight '${tensor}'; it has ${names.join(', ')}`);
      return weight(shape, params);
    },
  };
}
