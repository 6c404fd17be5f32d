#!/usr/bin/env node
import { run } from './main';

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
