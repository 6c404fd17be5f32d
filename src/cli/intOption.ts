import { UsageError } from './usage';

/** A whole-number option from `min` to `max`; `fallback` when absent. Anything else is wrong usage. */
export function intOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, got '${value}'`);
  return n;
}
