import { Worker } from 'node:worker_threads';
import type { CheckOptions } from './checkFile';
import { checkSequentially, grammarsFor } from './checkOrReport';
import type { FileOutcome } from './fileOutcome';
import { internalError } from './internalError';
import type { WorkReply, WorkRequest } from './workerProtocol';

/**
 * V8 gives the main thread 984 KB of stack, and Node gives a worker its stackSizeMb less 192 KB:
 * this size matches them, so an input deep enough to overflow the analysis fails the same way
 * whatever --jobs says (the default 4 MB would let a worker get through it).
 */
const STACK_SIZE_MB = (984 + 192) / 1024;

/**
 * Files a worker holds at once: the one it checks and the next, already in its port. A reply
 * takes about 0.4 ms to reach this thread and the next file to come back (measured); a worker
 * that waited for it idled a fifth of the time.
 */
const HELD = 2;

/**
 * Checks `paths` on `count` (2 to paths.length) worker threads running this same bundle
 * (index.ts starts workerMain in them). Each takes the next file from one queue as it finishes
 * one, since files vary a lot in size. The outcomes come back in the order of `paths`, so the
 * report is the sequential one byte for byte. A worker that dies costs the file it was checking
 * (an internal error); the files it held after that go back to the queue for the others, or,
 * when no worker is left, to this thread. (Run from source, `__filename` is this module, which
 * starts no worker loop: the workers end at once and this thread checks every file.)
 */
export function checkInWorkers(paths: readonly string[], options: CheckOptions, debug: boolean, count: number): Promise<FileOutcome[]> {
  return new Promise((resolve, reject) => {
    const outcomes: FileOutcome[] = new Array(paths.length);
    const waiting = paths.map((_, i) => i);
    let done = 0;
    let working = count;

    const finish = (index: number, outcome: FileOutcome) => {
      outcomes[index] = outcome;
      if (++done === paths.length) resolve(outcomes);
    };

    const checkRestHere = () => {
      const rest = waiting.splice(0);
      checkSequentially(rest.map((i) => paths[i]), options, debug).then((os) => os.forEach((o, k) => finish(rest[k], o)), reject);
    };

    const workerData = { grammars: grammarsFor(paths) };
    const start = () => {
      const worker = new Worker(__filename, { workerData, resourceLimits: { stackSizeMb: STACK_SIZE_MB } });
      const held: number[] = [];
      let crash: Error | undefined;
      let retired = false;
      worker.on('message', (reply: WorkReply) => {
        if (reply !== null) finish(held.shift()!, reply);
        while (held.length < HELD && waiting.length > 0) {
          const index = waiting.shift()!;
          held.push(index);
          const request: WorkRequest = { path: paths[index], options, debug };
          worker.postMessage(request);
        }
        if (held.length === 0) {
          retired = true;
          working--;
          void worker.terminate();
        }
      });
      worker.on('error', (e) => (crash = e));
      // a reply that cannot be read would leave its file waiting forever: end the worker instead
      worker.on('messageerror', (e) => {
        crash = e;
        void worker.terminate();
      });
      worker.on('exit', (code) => {
        if (retired) return;
        working--;
        const [checking, ...unstarted] = held;
        if (checking !== undefined) {
          const stopped = crash ?? new Error(`the worker thread checking it stopped (exit code ${code})`);
          finish(checking, { path: paths[checking], fixed: 0, problem: internalError(stopped, debug) });
        }
        waiting.unshift(...unstarted);
        if (working === 0 && waiting.length > 0) checkRestHere();
      });
    };

    for (let i = 0; i < count; i++) start();
  });
}
