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
      // Python's own wording for the three Python frameworks; the accepted names help everyone
      const message = scheme.framework === 'tfjs'
        ? `${scheme.name} got an unexpected parameter '${name}' (accepts ${accepted})`
        : `${scheme.name}() got an unexpected keyword argument '${name}'`;
      throw new InitError(scheme.framework, 'TypeError', message);
    }
  }
  return scheme.resolve([...shape], withDefaults(scheme, params));
}

/**
 * Every parameter of `scheme`, the given ones over the defaults. TF.js reads its configs with
 * `x == null ? DEFAULT : x`, so there a null means the default; in Python None is a value
 * (`kaiming_normal_(a=None)` makes leaky_relu use slope 0.01) and is kept.
 */
export function withDefaults(scheme: Scheme, params: Params): Record<string, ParamValue> {
  const full: Record<string, ParamValue> = {};
  for (const p of scheme.params) {
    const given = params[p.name];
    const missing = given === undefined || (given === null && scheme.framework === 'tfjs');
    full[p.name] = missing ? p.default : given;
  }
  return full;
}
