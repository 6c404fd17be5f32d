/**
 * Runs test/oracle/torch_oracle.py ONCE with a whole list of requests and returns its answers.
 *
 * The interpreter is /usr/bin/python3 (Debian's, which has PyTorch), or $INITLENS_TORCH_PYTHON.
 * When PyTorch cannot be imported the oracle suites FAIL with a clear message; set
 * INITLENS_SKIP_ORACLES=1 to skip them instead (see `oraclesSkipped`).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const TORCH_PYTHON = process.env.INITLENS_TORCH_PYTHON || '/usr/bin/python3';
const SCRIPT = path.join(__dirname, 'torch_oracle.py');

/** True when the user asked to skip the oracle suites (INITLENS_SKIP_ORACLES=1). */
export const oraclesSkipped = process.env.INITLENS_SKIP_ORACLES === '1';

export interface TorchModuleSpec {
  cls: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  /** Dotted parameter name, e.g. `weight`, `weight_hh_l0`, `out_proj.weight`. */
  param: string;
}

export interface TorchRequest {
  fn: string;
  shape?: number[];
  kwargs?: Record<string, unknown>;
  module?: TorchModuleSpec;
  n?: number;
  seed?: number;
  values?: boolean;
}

export interface TorchCall {
  m: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  /** The call acts on the storage of the tensor under test. */
  target: boolean;
  /** …and covers all of it (not a view such as an Embedding's padding row). */
  full: boolean;
}

export interface TorchMoments {
  n: number;
  mean: number;
  std: number;
  /** 4th central moment. */
  m4: number;
  min: number;
  max: number;
}

export interface TorchFirst {
  zero_count: number;
  zero_rows?: number[];
  zeros_per_col?: [number, number];
  gram_diag_mean?: number;
  gram_offdiag_max?: number;
  gram_diag_spread?: number;
}

export interface TorchAnswer {
  error?: string;
  message?: string;
  calls?: TorchCall[];
  shape?: number[];
  fans?: [number, number] | null;
  weight_fans?: [number, number] | null;
  warnings?: string[];
  first?: TorchFirst;
  moments?: TorchMoments;
  values?: number[];
  gain?: number;
  exists?: boolean;
}

/** JSON has no Infinity/NaN: they travel as {"__float__": "inf" | "-inf" | "nan"}. */
function encodeFloats(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { __float__: Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf' };
  }
  if (Array.isArray(value)) return value.map(encodeFloats);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeFloats(v)]));
  }
  return value;
}

function decodeFloats(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeFloats);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '__float__') return Number((value as { __float__: string }).__float__.replace('inf', 'Infinity'));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeFloats(v)]));
  }
  return value;
}

/**
 * Checks that the interpreter can import torch; throws an Error naming the interpreter and the
 * way out when it cannot. Returns torch's version.
 */
export function checkTorch(): string {
  const probe = spawnSync(TORCH_PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : (probe.stderr || '').trim().split('\n').slice(-1)[0];
    throw new Error(
      `PyTorch oracle unavailable: "${TORCH_PYTHON} -c 'import torch'" failed (${why}). ` +
      'Install PyTorch for that interpreter, point INITLENS_TORCH_PYTHON at one that has it, ' +
      'or set INITLENS_SKIP_ORACLES=1 to skip the oracle suites.',
    );
  }
  return probe.stdout.trim();
}

/** Sends every request to one Python process; answers come back in the same order. */
export function askTorch(requests: TorchRequest[]): TorchAnswer[] {
  checkTorch();
  const run = spawnSync(TORCH_PYTHON, [SCRIPT], {
    input: JSON.stringify(encodeFloats(requests)),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONWARNINGS: 'ignore' },
  });
  if (run.error || run.status !== 0) {
    throw new Error(`torch oracle failed (status ${run.status}): ${run.error?.message ?? ''}\n${run.stderr}`);
  }
  const answers = decodeFloats(JSON.parse(run.stdout)) as TorchAnswer[];
  if (!Array.isArray(answers) || answers.length !== requests.length) {
    throw new Error(`torch oracle returned ${Array.isArray(answers) ? answers.length : 'no'} answers for ${requests.length} requests`);
  }
  return answers;
}
