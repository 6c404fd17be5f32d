import { matmulBackend, propagate, sample, type Distribution, type LayerSpec, type PropagateOptions } from '../src/core';

/** The heavy half of the preview, off the panel's thread: sampling and the Monte Carlo pass. */
export type Job =
  | { op: 'sample'; d: Distribution; n: number; seed: number }
  | { op: 'propagate'; stack: LayerSpec[]; options: PropagateOptions };

export type WorkRequest = Job & { id: number };

self.onmessage = (event: MessageEvent<WorkRequest>) => {
  const r = event.data;
  try {
    if (r.op === 'sample') {
      const values = sample(r.d, r.n, r.seed);
      (self as unknown as Worker).postMessage({ id: r.id, result: values }, [values.buffer]);
    } else {
      (self as unknown as Worker).postMessage({ id: r.id, result: propagate(r.stack, r.options) });
    }
  } catch (e) {
    (self as unknown as Worker).postMessage({ id: r.id, error: e instanceof Error ? e.message : String(e) });
  }
};

// says which product kernel runs here: WebAssembly SIMD, unless the engine or the CSP refuses it
(self as unknown as Worker).postMessage({ id: 0, result: matmulBackend() });
