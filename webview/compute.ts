import { matmulBackend, propagate, sample, type Distribution, type MatmulBackend, type LayerSpec, type PropagateOptions, type Propagation } from '../src/core';
import type { Job, WorkRequest } from './worker';

/**
 * Runs sampling and propagation in a Web Worker so the panel never freezes. A webview cannot
 * start a worker from its resource URL (another origin), so the script is fetched and started
 * from a blob; where that is refused, the work runs on the page's own thread.
 */
type Pending = { resolve(value: unknown): void; reject(error: Error): void };
const pending = new Map<number, Pending>();
let nextId = 1;
let worker: Promise<Worker | undefined> | undefined;
/** Set once the worker has started (or failed to): until then small jobs do not wait for it. */
let started = false;
/** Starts a worker again after one died (kept from initCompute). */
let restart: () => void = () => undefined;

/** Which thread computes and which product kernel it runs (`wasm-simd` or `js`). */
export type ComputeInfo = { thread: 'worker' | 'page'; kernel: MatmulBackend };

function startWorker(url: string | undefined, kernel: (k: MatmulBackend) => void): Promise<Worker | undefined> {
  if (!url || typeof Worker === 'undefined') return Promise.resolve(undefined);
  return fetch(url)
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status}`))))
    .then((code) => {
      const w = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
      w.onmessage = (event: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
        // id 0: the worker's greeting, naming its kernel
        if (event.data.id === 0) return kernel(event.data.result as MatmulBackend);
        const p = pending.get(event.data.id);
        pending.delete(event.data.id);
        if (event.data.error !== undefined) p?.reject(new Error(event.data.error));
        else p?.resolve(event.data.result);
      };
      // a worker that dies (out of memory, a crash) fails what it had, and the next job gets a new one
      w.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        const error = new Error(`the computation stopped: ${event.message || 'the worker died'}`);
        for (const p of pending.values()) p.reject(error);
        pending.clear();
        w.terminate();
        restart();
      };
      return w;
    })
    .catch(() => undefined);
}

/** The worker script's URL is on the bundle's own script tag (`data-worker`); `where` learns which thread computes, and with which kernel. */
export function initCompute(url: string | undefined, where: (info: ComputeInfo) => void): void {
  restart = () => {
    worker = startWorker(url, (kernel) => where({ thread: 'worker', kernel }));
  };
  restart();
  void worker!.then((w) => {
    started = true;
    if (!w) where({ thread: 'page', kernel: matmulBackend() });
  });
}

async function run<T>(request: Job, inline: () => T): Promise<T> {
  const w = await (worker ?? Promise.resolve(undefined));
  if (!w) return inline();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    w.postMessage({ ...request, id } as WorkRequest);
  });
}

/** Up to this many values a first paint samples on the page rather than wait for the worker to start (≈ 5 ms). */
const INLINE_WHILE_STARTING = 250_000;

export function sampleIn(d: Distribution, n: number, seed: number): Promise<Float32Array> {
  if (!started && n <= INLINE_WHILE_STARTING && d.family !== 'orthogonal') return Promise.resolve(sample(d, n, seed));
  return run({ op: 'sample', d, n, seed }, () => sample(d, n, seed));
}

export function propagateIn(stack: LayerSpec[], options: PropagateOptions): Promise<Propagation> {
  return run({ op: 'propagate', stack, options }, () => propagate(stack, options));
}
