import type { Framework } from './framework';
import { JAX_SCHEMES } from './frameworks/jax';
import { KERAS_SCHEMES } from './frameworks/keras';
import { TFJS_SCHEMES } from './frameworks/tfjs';
import { TORCH_SCHEMES } from './frameworks/torch';
import type { Scheme } from './scheme';

export const REGISTRIES: Readonly<Record<Framework, readonly Scheme[]>> = {
  torch: TORCH_SCHEMES,
  keras: KERAS_SCHEMES,
  tfjs: TFJS_SCHEMES,
  jax: JAX_SCHEMES,
};

/** The dense layer's own default init in each framework: where a generic stack starts. */
export const DENSE_DEFAULT: Readonly<Record<Framework, string>> = { torch: 'Linear', keras: 'Dense', tfjs: 'dense', jax: 'Dense' };

/** Module prefixes users write before a name; stripped before lookup. */
const PREFIXES: Readonly<Record<Framework, RegExp>> = {
  torch: /^(torch\.nn\.init\.|nn\.init\.|init\.|torch\.nn\.|nn\.|torch\.)/,
  keras: /^(tf\.keras\.initializers\.|keras\.initializers\.|initializers\.|tf\.keras\.layers\.|keras\.layers\.|layers\.)/,
  tfjs: /^(tf\.initializers\.|initializers\.|tf\.layers\.|layers\.)/,
  jax: /^(jax\.nn\.initializers\.|flax\.linen\.initializers\.|nn\.initializers\.|initializers\.|flax\.linen\.|flax\.nnx\.|nnx\.|nn\.)/,
};

export interface SchemeMatch {
  scheme: Scheme;
  /** Set when the name used is a deprecated alias (PyTorch `nn.init.xavier_uniform`). */
  deprecatedName?: string;
}

type Index = Map<string, SchemeMatch>;
const indexes = new Map<Framework, Index>();

function indexOf(framework: Framework): Index {
  let index = indexes.get(framework);
  if (!index) {
    index = new Map();
    for (const scheme of REGISTRIES[framework]) {
      for (const name of [scheme.name, ...scheme.aliases]) {
        index.set(name, { scheme });
        if (scheme.kind === 'layerDefault') index.set(`${name}.default`, { scheme });
      }
      for (const name of scheme.deprecatedAliases) index.set(name, { scheme, deprecatedName: name });
    }
    indexes.set(framework, index);
  }
  return index;
}

/**
 * Finds a scheme by any name the framework accepts (`kaiming_normal_`, `nn.init.kaiming_normal`,
 * `'he_normal'`, `HeNormal`, `keras.initializers.HeNormal`, `Linear`, `torch.Linear.default`).
 * Case-sensitive, as the frameworks are.
 */
export function findScheme(framework: Framework, name: string): SchemeMatch | undefined {
  const index = indexOf(framework);
  let key = name.trim().replace(/\(\)$/, '');
  if (key.startsWith(`${framework}.`) && !index.has(key)) key = key.slice(framework.length + 1);
  return index.get(key) ?? index.get(key.replace(PREFIXES[framework], ''));
}

/** Every name (canonical, alias, deprecated) of a framework, for completion and error messages. */
export function schemeNames(framework: Framework): string[] {
  return [...indexOf(framework).keys()].filter((n) => !n.endsWith('.default'));
}
