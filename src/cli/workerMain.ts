import type { MessagePort } from 'node:worker_threads';
import type { Grammar } from '../analysis/parser';
import { checkOrReport, loadParsers } from './checkOrReport';
import { crashIfTestHookNames } from './testHook';
import type { WorkReply, WorkRequest } from './workerProtocol';

/**
 * A worker thread of `check` (see parallelCheck.ts): loads the run's grammars once, says it is ready,
 * then answers each file it is sent with that file's outcome. If the grammars fail to load the
 * thread ends before it holds a file, and the main thread checks the files itself.
 */
export async function runWorker(port: MessagePort, grammars: readonly Grammar[]): Promise<void> {
  await loadParsers(grammars);
  port.on('message', ({ path, options, debug }: WorkRequest) => {
    crashIfTestHookNames(path);
    const reply: WorkReply = checkOrReport(path, options, debug);
    port.postMessage(reply);
  });
  const ready: WorkReply = null;
  port.postMessage(ready);
}
