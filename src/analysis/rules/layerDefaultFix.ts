import type { Activation } from '../../core';
import type { TextEdit } from '../finding';
import type { Layer } from '../model';
import type { PythonAnalysis } from '../pythonAnalysis';
import { addArgument, insertLineAfter, quoted, quoteStyle, spell } from '../pythonEdits';
import { fittingName, torchFitting } from './recommendedInit';

/**
 * Makes a layer's init explicit: for PyTorch a torch.nn.init line after the statement that binds
 * the layer; for Keras a `kernel_initializer=` argument; for Flax a `kernel_init=` argument.
 */
export function explicitInit(a: PythonAnalysis, layer: Layer, act: Activation, slope: number): TextEdit[] | undefined {
  if (layer.framework === 'torch') {
    const ref = layer.refs[0];
    if (!ref || !layer.statement) return undefined;
    const fitting = torchFitting(a, act, slope, layer.call);
    const init = spell(a, `torch.nn.init.${fitting.name}`);
    const line = `${init.text}(${[`${ref}.weight`, ...fitting.args].join(', ')})`;
    return [insertLineAfter(a, layer.statement, line), ...init.edits, ...fitting.edits];
  }
  if (layer.framework === 'keras') {
    return [addArgument(layer.call, `kernel_initializer=${quoted(quoteStyle(a, layer.call), fittingName(act, 'snake'))}`)];
  }
  const init = spell(a, `jax.nn.initializers.${fittingName(act, 'snake')}`);
  return [addArgument(layer.call, `kernel_init=${init.text}()`), ...init.edits];
}
