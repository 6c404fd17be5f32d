import type { ParamValue } from '../core';
import type { Node } from './parser';
import { MAX_DEPTH, namedChildren } from './syntax';

/** JS/TS literals: strings, numbers, constants bound with `const`, object literals. */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };

/**
 * The text a JS escape sequence stands for: `\n`, `\x41`, `\u00e9`, `\u{1F600}`, octal `\101`, a line
 * continuation, or the character itself (`\'`, `\e`). JSON.parse, used before, threw on all but JSON's own.
 */
function unescape(sequence: string): string {
  const body = sequence.slice(1);
  const hex = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]+)\})$/.exec(body);
  const code = hex ? parseInt(hex[1] ?? hex[2] ?? hex[3], 16) : /^[0-7]{1,3}$/.test(body) ? parseInt(body, 8) : undefined;
  if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : body;
  if (/^(\r\n?|\n|\u2028|\u2029)$/.test(body)) return '';
  return SIMPLE_ESCAPES[body] ?? body;
}

/** The value of a string literal (or a template without substitutions). */
export function jsString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return namedChildren(node).map((c) => (c.type === 'escape_sequence' ? unescape(c.text) : c.text)).join('');
  if (node.type === 'template_string' && !namedChildren(node).some((c) => c.type === 'template_substitution')) return node.text.slice(1, -1);
  return undefined;
}

/** Unwraps `(x)`, `x as T`, `x!`, `x satisfies T`, `await x`. */
export function unwrap(node: Node | null | undefined): Node | undefined {
  let n = node ?? undefined;
  while (n && ['parenthesized_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'await_expression', 'type_assertion'].includes(n.type)) {
    n = namedChildren(n)[0];
  }
  return n;
}

/** Folds a constant expression; `lookup` resolves names bound to constants. Deeper than MAX_DEPTH is unknown. */
export function jsConstant(node: Node | null | undefined, lookup: (name: string) => ParamValue | undefined, depth = 0): ParamValue | undefined {
  const n = depth < MAX_DEPTH ? unwrap(node) : undefined;
  if (!n) return undefined;
  switch (n.type) {
    case 'number': return Number(n.text.replace(/_/g, ''));
    case 'true': return true;
    case 'false': return false;
    case 'null': case 'undefined': return null;
    case 'string': case 'template_string': return jsString(n);
    case 'identifier': return n.text === 'undefined' ? null : lookup(n.text);
    case 'unary_expression': {
      const v = jsConstant(n.childForFieldName('argument'), lookup, depth + 1);
      const op = n.childForFieldName('operator')?.text;
      return typeof v === 'number' ? (op === '-' ? -v : op === '+' ? v : undefined) : undefined;
    }
    case 'binary_expression': {
      const a = jsConstant(n.childForFieldName('left'), lookup, depth + 1);
      const b = jsConstant(n.childForFieldName('right'), lookup, depth + 1);
      if (typeof a !== 'number' || typeof b !== 'number') return undefined;
      switch (n.childForFieldName('operator')?.text) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '**': return a ** b;
        default: return undefined;
      }
    }
    case 'array': {
      const items = namedChildren(n).map((c) => jsConstant(c, lookup, depth + 1));
      return items.every((v): v is number => typeof v === 'number') ? items
        : items.every((v) => typeof v === 'number' || v === null) ? items.map((v) => (v === null ? NaN : v)) as number[] : undefined;
    }
    case 'call_expression': {
      const fn = n.childForFieldName('function')?.text;
      const args = namedChildren(n.childForFieldName('arguments') ?? n);
      const x = args.length === 1 ? jsConstant(args[0], lookup, depth + 1) : undefined;
      return fn === 'Math.sqrt' && typeof x === 'number' ? Math.sqrt(x) : undefined;
    }
    default: return undefined;
  }
}

/** The `key: value` pairs of an object literal, by key (shorthand `{ seed }` included). */
export function objectProperties(node: Node | null | undefined): Map<string, { pair: Node; value: Node }> {
  const props = new Map<string, { pair: Node; value: Node }>();
  const obj = unwrap(node);
  if (obj?.type !== 'object') return props;
  for (const child of namedChildren(obj)) {
    if (child.type === 'pair') {
      const key = child.childForFieldName('key');
      const value = child.childForFieldName('value');
      const name = key && (key.type === 'string' ? jsString(key) : key.text);
      if (name && value) props.set(name, { pair: child, value });
    } else if (child.type === 'shorthand_property_identifier') {
      props.set(child.text, { pair: child, value: child });
    }
  }
  return props;
}
