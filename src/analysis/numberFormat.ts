/** 3 significant digits, as a Python or JS number literal. */
export function fmt(x: number): string {
  return String(Number(x.toPrecision(3)));
}
