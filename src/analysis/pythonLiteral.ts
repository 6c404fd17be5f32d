import type { ParamValue } from '../core';
import type { Node } from './parser';
import { MAX_DEPTH, namedChildren } from './syntax';

/** Names bound to constants (`HIDDEN = 512`, a parameter default `d_model=512`). */
export type Constants = ReadonlyMap<string, ParamValue>;

/** The value of a Python string literal without prefix and quotes; undefined for f-strings. */
export function stringValue(node: Node): string | undefined {
  if (node.type === 'concatenated_string') {
    const parts = namedChildren(node).map(stringValue);
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  if (namedChildren(node).some((c) => c.type === 'interpolation')) return undefined;
  const content = namedChildren(node).filter((c) => c.type === 'string_content').map((c) => c.text).join('');
  return content;
}

/** The quote character a string literal uses. */
export function quoteOf(node: Node): string {
  const m = /^[a-zA-Z]*("""|'''|"|')/.exec(node.text);
  return m ? m[1][0] : "'";
}

const MATH = new Map<string, (x: number) => number>([
  ['math.sqrt', Math.sqrt], ['numpy.sqrt', Math.sqrt], ['np.sqrt', Math.sqrt], ['jax.numpy.sqrt', Math.sqrt],
]);

/**
 * Folds a constant expression: literals, unary minus, arithmetic, tuples of numbers,
 * names bound to constants, `math.sqrt(…)`. Anything else is unknown (undefined), and so is
 * anything nested deeper than MAX_DEPTH.
 */
export function evalConstant(node: Node | null | undefined, constants: Constants, qualify?: (n: Node) => string | undefined, depth = 0): ParamValue | undefined {
  if (!node || depth >= MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'integer': {
      const t = node.text.replace(/_/g, '').toLowerCase();
      return /^0[xob]/.test(t) ? Number(t) : Number(t.replace(/l$/, ''));
    }
    case 'float':
      return Number(node.text.replace(/_/g, '').replace(/j$/i, ''));
    case 'true': return true;
    case 'false': return false;
    case 'none': return null;
    case 'string':
    case 'concatenated_string':
      return stringValue(node);
    case 'parenthesized_expression':
      return evalConstant(namedChildren(node)[0], constants, qualify, depth + 1);
    case 'identifier':
      return constants.get(node.text);
    case 'unary_operator': {
      const v = evalConstant(node.childForFieldName('argument'), constants, qualify, depth + 1);
      const op = node.childForFieldName('operator')?.text;
      if (typeof v !== 'number') return undefined;
      return op === '-' ? -v : op === '+' ? v : undefined;
    }
    case 'binary_operator': {
      const a = evalConstant(node.childForFieldName('left'), constants, qualify, depth + 1);
      const b = evalConstant(node.childForFieldName('right'), constants, qualify, depth + 1);
      if (typeof a !== 'number' || typeof b !== 'number') return undefined;
      switch (node.childForFieldName('operator')?.text) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '//': return Math.floor(a / b);
        case '**': return a ** b;
        default: return undefined;
      }
    }
    case 'tuple':
    case 'list': {
      const items = namedChildren(node).map((c) => evalConstant(c, constants, qualify, depth + 1));
      return items.every((v): v is number => typeof v === 'number') ? items : undefined;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      const name = fn && (qualify?.(fn) ?? fn.text);
      const f = name ? MATH.get(name) : undefined;
      const args = namedChildren(node.childForFieldName('arguments') ?? node);
      const x = args.length === 1 ? evalConstant(args[0], constants, qualify, depth + 1) : undefined;
      return f && typeof x === 'number' ? f(x) : undefined;
    }
    default:
      return undefined;
  }
}

/** Positional arguments and keyword arguments of a call. */
export interface CallArguments {
  positional: Node[];
  keywords: Map<string, { node: Node; value: Node }>;
  /** `*layers` / `**kwargs` present: positions after it are unknown. */
  splat?: Node;
  list: Node | null;
}

export function callArguments(call: Node): CallArguments {
  const list = call.childForFieldName('arguments');
  const result: CallArguments = { positional: [], keywords: new Map(), list };
  if (!list) return result;
  for (const arg of namedChildren(list)) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) result.keywords.set(name, { node: arg, value });
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      result.splat ??= arg;
    } else if (arg.type !== 'comment') {
      result.positional.push(arg);
    }
  }
  return result;
}

/** The argument at `index` or named `name`. */
export function argument(args: CallArguments, index: number, name: string): Node | undefined {
  return args.keywords.get(name)?.value ?? (args.splat ? undefined : args.positional[index]);
}
