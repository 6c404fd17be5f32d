#!/usr/bin/env node
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Grammar } from '../analysis/parser';
import { run } from './main';
import { runWorker } from './workerMain';

/** The command line: the process's own thread. */
function cli(): void {
  // `initlens check . | head` closes the pipe early: that is the reader's choice, not an error to
  // print with a stack trace; the rest of the output is dropped and the exit status stays the run's.
  // Any other write error lost output, so the run fails.
  let lostOutput = false;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
      lostOutput = true;
      process.exitCode = Math.max(Number(process.exitCode ?? 0), 1);
    });
  }

  run(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n')).then((code) => {
    process.exitCode = lostOutput ? Math.max(code, 1) : code;
  });
}

// `check` runs this same bundle in its worker threads (see parallelCheck.ts); a load failure
// there is left unhandled on purpose, so the thread ends and the main thread takes its files
if (isMainThread) cli();
else void runWorker(parentPort!, (workerData as { grammars: Grammar[] }).grammars);
