/** A parameter value as it appears in user code or on the command line. */
export type ParamValue = number | string | boolean | null | number[];

export type Params = Readonly<Record<string, ParamValue>>;

export interface ParamSpec {
  name: string;
  /** Value used when the caller gives none; `null` is Python's None / JS's undefined. */
  default: ParamValue;
  doc?: string;
}

/**
 * Parses one `key=value` CLI/config value the way a user writes it in Python or JS:
 * numbers, `None`/`null`, `True`/`False`, quoted or bare strings, `[a, b]` lists.
 */
export function parseParamValue(text: string): ParamValue {
  const t = text.trim();
  if (t === 'None' || t === 'null' || t === 'undefined') return null;
  if (t === 'True' || t === 'true') return true;
  if (t === 'False' || t === 'false') return false;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) || /^[-+]?(inf|Infinity)$/i.test(t)) {
    return /inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
  }
  if (/^\(.*\)$|^\[.*\]$/.test(t)) {
    const inner = t.slice(1, -1).trim();
    if (inner === '') return [];
    const items = inner.split(',').filter((s) => s.trim() !== '').map((s) => Number(s.trim()));
    if (items.every((n) => Number.isFinite(n))) return items;
  }
  const quoted = /^(['"])(.*)\1$/.exec(t);
  return quoted ? quoted[2] : t;
}

export function num(v: ParamValue | undefined, name: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new TypeError(`parameter ${name} must be a number, got ${JSON.stringify(v)}`);
}

export function str(v: ParamValue | undefined, name: string): string {
  if (typeof v === 'string') return v;
  throw new TypeError(`parameter ${name} must be a string, got ${JSON.stringify(v)}`);
}
