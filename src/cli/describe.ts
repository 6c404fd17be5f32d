import { atoms, findScheme, withDefaults, isFramework, parseParamValue, resolve, type Distribution, type Framework, type ParamValue, type Scheme, schemeNames, FRAMEWORKS } from '../core';
import { InputError, UsageError } from './usage';

export interface ResolvedRequest {
  framework: Framework;
  scheme: Scheme;
  deprecatedName?: string;
  shape: number[];
  params: Record<string, ParamValue>;
  distribution: Distribution;
}

export interface RequestOptions {
  framework?: string;
  init?: string;
  shape?: string;
  param?: string[];
}

function parseShape(text: string): number[] {
  const t = text.trim().replace(/^[[(]|[\])]$/g, '');
  if (t === '') return [];
  return t.split(',').filter((s) => s.trim() !== '').map((s) => {
    const d = Number(s.trim());
    if (!Number.isInteger(d) || d < 0) throw new UsageError(`--shape takes non-negative integers separated by commas, got '${text}'`);
    return d;
  });
}

/** The core answers a parameter of the wrong type (`gain=relu`) with a TypeError: that is the user's input, not a bug. */
function resolveTyped(scheme: Scheme, shape: number[], params: Record<string, ParamValue>): Distribution {
  try {
    return resolve(scheme, shape, params);
  } catch (e) {
    if (e instanceof TypeError) throw new InputError(e.message);
    throw e;
  }
}

/** Turns the CLI options into a resolved distribution; usage problems throw UsageError, framework ones InitError. */
export function resolveRequest(o: RequestOptions): ResolvedRequest {
  if (!o.framework) throw new UsageError('--framework is required');
  if (!isFramework(o.framework)) throw new UsageError(`--framework must be one of ${FRAMEWORKS.join(', ')}, got '${o.framework}'`);
  if (!o.init) throw new UsageError('--init is required');
  if (o.shape === undefined) throw new UsageError('--shape is required');
  const match = findScheme(o.framework, o.init);
  if (!match) {
    const close = schemeNames(o.framework).filter((n) => n.toLowerCase().includes(o.init!.toLowerCase().replace(/_$/, ''))).slice(0, 6);
    throw new UsageError(`${o.framework} has no initializer '${o.init}'${close.length ? `; did you mean ${close.join(', ')}?` : ''}`);
  }
  const params: Record<string, ParamValue> = {};
  for (const kv of o.param ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param takes key=value, got '${kv}'`);
    params[kv.slice(0, eq).trim()] = parseParamValue(kv.slice(eq + 1));
  }
  const shape = parseShape(o.shape);
  const distribution = resolveTyped(match.scheme, shape, params);
  return { framework: o.framework, scheme: match.scheme, deprecatedName: match.deprecatedName, shape, params: withDefaults(match.scheme, params), distribution };
}

/** JSON has no Infinity: unbounded ends become null. */
const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

export function describeJson(r: ResolvedRequest): Record<string, unknown> {
  const d = r.distribution;
  const { family, shape, mean, std, bounds, fans, ...familyParams } = d;
  return {
    framework: r.framework,
    init: r.scheme.name,
    ...(r.deprecatedName ? { deprecated: `${r.deprecatedName} is deprecated; use ${r.scheme.name}` } : {}),
    formula: r.scheme.formula,
    shape,
    params: r.params,
    family,
    mean,
    std,
    bounds: bounds.map(finiteOrNull),
    fanIn: fans?.fanIn ?? null,
    fanOut: fans?.fanOut ?? null,
    gain: fans?.gain ?? null,
    atoms: atoms(d),
    [family]: familyParams,
  };
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : Number.isFinite(x) ? String(+x.toPrecision(8)) : x > 0 ? 'inf' : '-inf');

export function describeText(r: ResolvedRequest): string {
  const d = r.distribution;
  const lines = [
    `${r.framework}.${r.scheme.name} on [${r.shape.join(', ')}]: ${r.scheme.formula}`,
  ];
  if (r.deprecatedName) lines.push(`note: ${r.deprecatedName} is deprecated; use ${r.scheme.name}`);
  const rows: [string, string][] = [
    ['family', d.family],
    ['mean', fmt(d.mean)],
    ['std', fmt(d.std)],
    ['bounds', `[${fmt(d.bounds[0])}, ${fmt(d.bounds[1])}]`],
    ['fanIn', fmt(d.fans?.fanIn)],
    ['fanOut', fmt(d.fans?.fanOut)],
    ['gain', fmt(d.fans?.gain)],
  ];
  for (const a of atoms(d)) rows.push(['point mass', `${fmt(a.weight * 100)} % at ${fmt(a.value)}`]);
  return [...lines, ...rows.map(([k, v]) => `  ${k.padEnd(10)} ${v}`)].join('\n');
}
