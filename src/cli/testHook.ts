import { basename } from 'node:path';

/** The hooks name files by their base name, so a test can pick one file in a folder. */
const names = (variable: string, path: string) => {
  const name = process.env[variable];
  return name !== undefined && name !== '' && basename(path) === name;
};

/**
 * A test hook, not a user option: `INITLENS_DEBUG_THROW=model.py` makes the analysis of every
 * file named `model.py` throw, so the tests can show how an internal error is reported (one line,
 * or the stack with `--debug`) and that the other files are still checked. Real inputs that
 * crash the analysis are bugs that get fixed, so a test cannot rely on one.
 */
export function throwIfTestHookNames(path: string): void {
  if (names('INITLENS_DEBUG_THROW', path)) throw new Error(`INITLENS_DEBUG_THROW: a simulated internal error in ${basename(path)}`);
}

/**
 * The same for a worker thread that dies (as one out of memory would): `INITLENS_DEBUG_CRASH=model.py`
 * throws outside any try in the worker given that file, which ends the thread. Only workers read it.
 */
export function crashIfTestHookNames(path: string): void {
  if (names('INITLENS_DEBUG_CRASH', path)) throw new Error(`INITLENS_DEBUG_CRASH: a simulated crash of the worker thread checking ${basename(path)}`);
}
