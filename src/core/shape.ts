/** Product of the given dims (1 for none), the element count of a tensor of that shape. */
export function prod(dims: readonly number[]): number {
  let p = 1;
  for (const d of dims) p *= d;
  return p;
}

export function numel(shape: readonly number[]): number {
  return prod(shape);
}

/** Python-style axis normalisation: -1 is the last axis. */
export function normalizeAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}
