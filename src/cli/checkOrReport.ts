import { initParsers, type Grammar } from '../analysis/parser';
import { grammarFor } from '../analysis/tfjsAnalysis';
import { checkFile, type CheckOptions } from './checkFile';
import type { FileOutcome } from './fileOutcome';
import { internalError } from './internalError';
import { wasmPath } from './wasmPath';

/**
 * The grammars `paths` need (a folder can mix Python, notebooks and TS/JS). Only those are loaded:
 * V8 compiles each grammar's WASM on every thread that loads it, and the three TS/JS grammars
 * (3.3 MB) cost an all-Python run most of its start-up.
 */
export function grammarsFor(paths: readonly string[]): Grammar[] {
  const grammars = new Set<Grammar>();
  for (const path of paths) grammars.add(grammarFor(path) ?? 'python');
  return [...grammars];
}

export function loadParsers(grammars: readonly Grammar[]): Promise<void> {
  return initParsers(wasmPath, grammars);
}

/** A bug met in one file costs that file only: it is reported like an unreadable one, and the run goes on. */
export function checkOrReport(path: string, options: CheckOptions, debug: boolean): FileOutcome {
  try {
    return checkFile(path, options);
  } catch (e) {
    return { path, fixed: 0, problem: internalError(e, debug) };
  }
}

/** `--jobs 1`, and whatever is left when no worker thread is: one file after another on this thread. */
export async function checkSequentially(paths: readonly string[], options: CheckOptions, debug: boolean): Promise<FileOutcome[]> {
  await loadParsers(grammarsFor(paths));
  return paths.map((path) => checkOrReport(path, options, debug));
}
