import type { Distribution } from './distribution';
import type { Framework } from './framework';
import type { ParamSpec, Params } from './params';

/**
 * A named initializer of one framework, or a layer's default initialization.
 * `resolve` gets the shape in that framework's weight layout and every parameter
 * already filled with its default.
 */
export interface Scheme {
  framework: Framework;
  /** The spelling users see first: `kaiming_normal_`, `HeNormal`, `heNormal`, `he_normal`, `Linear`. */
  name: string;
  /** Other accepted spellings: string identifiers, class names, Flax re-exports. */
  aliases: string[];
  /** Names that still work but are deprecated (PyTorch's underscore-less `nn.init` functions). */
  deprecatedAliases: string[];
  /** `initializer` for an init function/class; `layerDefault` for what a layer does when left alone. */
  kind: 'initializer' | 'layerDefault';
  params: ParamSpec[];
  /** The formula in one line, in the framework's own terms, for hovers and `describe`. */
  formula: string;
  resolve(shape: number[], params: Params): Distribution;
}

export type SchemeDef = Omit<Scheme, 'framework' | 'aliases' | 'deprecatedAliases' | 'kind'> &
  Partial<Pick<Scheme, 'aliases' | 'deprecatedAliases' | 'kind'>>;

/** Fills the optional fields of a registry entry. */
export function defineSchemes(framework: Framework, defs: SchemeDef[]): Scheme[] {
  return defs.map((d) => ({
    framework,
    aliases: [],
    deprecatedAliases: [],
    kind: 'initializer',
    ...d,
  }));
}
