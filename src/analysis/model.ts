import type { Framework, ParamValue, Scheme } from '../core';
import type { Node } from './parser';


/** How the activation after a layer was found, for hovers and messages. */
export type ActivationSource =
  | 'sequential order' | 'activation argument' | 'following layer' | 'data flow' | 'followed by a layer';

export interface FollowingActivation {
  /** Canonical name from the core's ACTIVATIONS (`relu`, `leaky_relu`, `tanh`, `linear`, …). */
  name: string;
  slope?: number;
  via: ActivationSource;
}

/** A layer constructor call (`nn.Linear(256, 128)`, `layers.Dense(64)`, `nn.Dense(features=10)`). */
export interface Layer {
  id: number;
  framework: Framework;
  /** The class name as the framework spells it: `Linear`, `Conv2d`, `Dense`, `BatchNorm2d`. */
  kind: string;
  /** Linear/Conv/Dense-like: its weight feeds the following activation. */
  dense: boolean;
  /** Normalization layer: its weight is a 1-D scale. */
  norm: boolean;
  call: Node;
  /** The names it is reachable by: `self.fc`, `self.body[0]`, `self.net.fc1`, `fc`. */
  refs: string[];
  /** The assignment statement that binds it to a name, when there is one (for fixes that add a line after it). */
  statement?: Node;
  fanIn?: number;
  fanOut?: number;
  /** Keras/Flax convolution window, until the input width makes the kernel shape known. */
  kernelSize?: number[];
  /** A Keras first layer's own `input_shape=` / `input_dim=`. */
  inputWidth?: number;
  /** The last dimension of its output: Dense units, Conv filters, Linear out_features. */
  outputWidth?: number;
  /** The weight's shape in the framework's own layout, when every dimension is known. */
  shape?: number[];
  activation?: FollowingActivation;
  /** Its output is returned or fed straight into another weight layer. */
  output: boolean;
  /** Its output is added to another value: the end of a residual branch. */
  residualEnd: boolean;
  /** `kernel_initializer=` / `kernel_init=` and `bias_…` keyword arguments. */
  initArgs: { kernel?: Node; bias?: Node };
}

/** A literal argument with the node it came from. */
export interface Arg {
  node: Node;
  /** The literal value, when it is one (numbers, strings, simple constants, calculate_gain(...)). */
  value?: ParamValue;
  /** For `gain=calculate_gain('relu', 0.2)`: the named nonlinearity. */
  gainOf?: { name: string; param?: number; nameNode: Node };
}

/** One place where a weight or bias gets its initial values. */
export interface InitSite {
  framework: Framework;
  /** `function` = nn.init.x_(t, …); `method` = t.normal_(…); `argument` = kernel_initializer=… / kernel_init=…. A layer with no site keeps its default. */
  style: 'function' | 'method' | 'argument';
  /** The node findings attach to: the call, or the keyword argument. */
  node: Node;
  /** The call expression (for `argument`: the initializer's own call or string, the keyword's value). */
  expression: Node;
  scheme: Scheme;
  /** The name as written when it is a deprecated alias. */
  deprecatedName?: string;
  /** Arguments by scheme parameter name (positional ones mapped in order). */
  args: Record<string, Arg>;
  /** `weight`, `bias`, `weight_hh_l0`, `kernel`, …; undefined when the tensor is not known. */
  tensor?: string;
  /** The tensor expression (`self.fc.weight`), for fixes that rewrite the call. */
  tensorNode?: Node;
  /** The layers the tensor belongs to (several for a guarded `self.modules()` loop). */
  targets: Layer[];
}

/** A `calculate_gain(...)` call anywhere, for INIT007. */
export interface GainCall {
  call: Node;
  name: string;
  nameNode: Node;
}
