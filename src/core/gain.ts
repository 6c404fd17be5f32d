import { InitError } from './initError';
import type { ParamValue } from './params';

/** Every nonlinearity name `torch.nn.init.calculate_gain` accepts. */
export const TORCH_NONLINEARITIES = [
  'linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d',
  'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu',
] as const;

export type TorchNonlinearity = (typeof TORCH_NONLINEARITIES)[number];

export function isTorchNonlinearity(name: string): name is TorchNonlinearity {
  return (TORCH_NONLINEARITIES as readonly string[]).includes(name);
}

/** Python's repr of a parameter, as PyTorch prints it inside its messages. */
function pyRepr(v: ParamValue): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return v;
  return String(v);
}

/**
 * `torch.nn.init.calculate_gain`: 1 for linear/conv/sigmoid, 5/3 tanh, √2 relu,
 * √(2/(1+slope²)) leaky_relu (slope 0.01 when param is None), 3/4 selu.
 */
export function calculateGain(nonlinearity: string, param: ParamValue = null): number {
  switch (nonlinearity) {
    case 'linear': case 'conv1d': case 'conv2d': case 'conv3d':
    case 'conv_transpose1d': case 'conv_transpose2d': case 'conv_transpose3d': case 'sigmoid':
      return 1;
    case 'tanh':
      return 5.0 / 3;
    case 'relu':
      return Math.sqrt(2.0);
    case 'leaky_relu': {
      // bool is an int in Python, so PyTorch rejects it explicitly
      if (param !== null && typeof param !== 'number') {
        throw new InitError('torch', 'ValueError', `negative_slope ${pyRepr(param)} not a valid number`);
      }
      const slope = param ?? 0.01;
      return Math.sqrt(2.0 / (1 + slope ** 2));
    }
    case 'selu':
      return 3.0 / 4;
    default:
      throw new InitError('torch', 'ValueError', `Unsupported nonlinearity ${nonlinearity}`);
  }
}
