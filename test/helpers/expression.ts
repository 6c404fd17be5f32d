/**
 * Evaluates the arithmetic in fixture files: numbers, named constants, + − * / ( ) and sqrt().
 * A tiny recursive-descent parser, so fixtures never go through eval.
 */
export function evaluate(text: string, constants: Record<string, number> = {}): number {
  const tokens = text.match(/\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+|[A-Za-z_]\w*|[-+*/()]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const take = (t?: string) => {
    const tok = tokens[i++];
    if (t !== undefined && tok !== t) throw new Error(`expected '${t}' in '${text}', got '${tok}'`);
    return tok;
  };
  function primary(): number {
    const t = take();
    if (t === '(') {
      const v = sum();
      take(')');
      return v;
    }
    if (t === '-') return -primary();
    if (t === 'sqrt') {
      take('(');
      const v = sum();
      take(')');
      return Math.sqrt(v);
    }
    if (t !== undefined && /^[\d.]/.test(t)) return Number(t);
    if (t !== undefined && t in constants) return constants[t];
    throw new Error(`unexpected '${t}' in '${text}'`);
  }
  function product(): number {
    let v = primary();
    while (peek() === '*' || peek() === '/') v = take() === '*' ? v * primary() : v / primary();
    return v;
  }
  function sum(): number {
    let v = product();
    while (peek() === '+' || peek() === '-') v = take() === '+' ? v + product() : v - product();
    return v;
  }
  const v = sum();
  if (i !== tokens.length) throw new Error(`trailing '${tokens.slice(i).join(' ')}' in '${text}'`);
  return v;
}
