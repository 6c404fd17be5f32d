import type { Distribution } from './distribution';
import { InitError } from './initError';
import type { ParamValue, Params } from './params';
import type { Scheme } from './scheme';

/** Rejects shapes that no framework accepts (negative, fractional or non-finite dims). */
function checkShape(scheme: Scheme, shape: readonly number[]): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new InitError(scheme.framework, 'ValueError', `invalid shape [${shape.join(', ')}]: every dimension must be a non-negative integer`);
    }
  }
}

/**
 * The distribution `scheme` fills a tensor of `shape` with, given `params` (any subset of the
 * scheme's parameters; the rest take the framework's defaults). Throws `InitError` with the
 * framework's own wording where the framework would raise.
 */
export function resolve(scheme: Scheme, shape: readonly number[], params: Params = {}): Distribution {
  checkShape(scheme, shape);
  const known = new Set(scheme.params.map((p) => p.name));
  for (const name of Object.keys(params)) {
    if (!known.has(name)) {
      const accepted = scheme.params.length ? scheme.params.map((p) => p.name).join(', ') : 'no parameters';
      throw new InitError(scheme.framework, 'TypeError', `${scheme.name} got an unexpected parameter '${name}' (accepts ${accepted})`);
    }
  }
  const full: Record<string, ParamValue> = {};
  for (const p of scheme.params) full[p.name] = params[p.name] !== undefined ? params[p.name] : p.default;
  return scheme.resolve([...shape], full);
}
