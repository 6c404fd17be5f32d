import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { intOption } from './intOption';

/** More threads than this is a typo, not a machine. */
const MAX_JOBS = 256;

/**
 * Below this much source the default stays on one thread. Measured on the project's 2-core
 * machine (bench/folder.js, folders of 8 to 4,000 fixture files): a worker is ready 85–120 ms
 * after it is started (the bundle, then the grammars, which one thread loads in 55 ms), and it
 * compiles the analysis again (V8 spent 1.3 s of background TurboFan time on a 2.3 s run of 1,000
 * files). Workers lost below 0.5 MB (0.8x up to 340 KB) and were even from there to 5 MB
 * (0.94–1.08x): one thread with V8's helpers already keeps 1.3–1.5 of the 2 cores busy. 1 MiB
 * keeps the default out of the losing range with a margin.
 */
const MIN_PARALLEL_BYTES = 1024 * 1024;

/** `--jobs N`, N from 1 (1: no worker threads); undefined when not given. */
export function parseJobs(value: string | undefined): number | undefined {
  return value === undefined ? undefined : intOption(value, 'jobs', 1, 1, MAX_JOBS);
}

/** The size of the files together; one that cannot be read counts nothing (it is reported when checked). */
export function sourceBytes(paths: readonly string[]): number {
  let total = 0;
  for (const path of paths) {
    try {
      total += statSync(path).size;
    } catch {
      // missing by now: checkFile says so
    }
  }
  return total;
}

/**
 * How many worker threads check `files` files of `bytes` together; 1 or less means none. `--jobs N`
 * is obeyed (never more workers than files); by default, one per core when the run is big
 * enough to gain from them.
 */
export function workerCount(jobs: number | undefined, files: number, bytes: number, cores = availableParallelism()): number {
  if (jobs !== undefined) return Math.min(jobs, files);
  return bytes < MIN_PARALLEL_BYTES ? 1 : Math.min(cores, MAX_JOBS, files);
}
