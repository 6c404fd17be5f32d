/** The four frameworks InitLens knows, by the short name used everywhere (CLI, JSON, registries). */
export type Framework = 'torch' | 'keras' | 'tfjs' | 'jax';

export const FRAMEWORKS: readonly Framework[] = ['torch', 'keras', 'tfjs', 'jax'];

export function isFramework(name: string): name is Framework {
  return (FRAMEWORKS as readonly string[]).includes(name);
}
