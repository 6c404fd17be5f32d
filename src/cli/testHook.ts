import { basename } from 'node:path';

/**
 * A test hook, not a user option: `INITLENS_DEBUG_THROW=model.py` makes the analysis of every
 * file named `model.py` throw, so the tests can show how an internal error is reported (one line,
 * or the stack with `--debug`) and that the other files are still checked. Real inputs that
 * crash the analysis are bugs that get fixed, so a test cannot rely on one.
 */
export function throwIfTestHookNames(path: string): void {
  const name = process.env.INITLENS_DEBUG_THROW;
  if (name && basename(path) === name) throw new Error(`INITLENS_DEBUG_THROW: a simulated internal error in ${name}`);
}
