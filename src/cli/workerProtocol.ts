import type { CheckOptions } from './checkFile';
import type { FileOutcome } from './fileOutcome';

/** From the main thread to a worker: check this file. Plain data, as postMessage clones it. */
export interface WorkRequest {
  path: string;
  options: CheckOptions;
  debug: boolean;
}

/** From a worker: the outcome of the file it held, or null once its grammars are loaded. Either asks for the next file. */
export type WorkReply = FileOutcome | null;
