#!/usr/bin/env node
// `npm run bench`: times InitLens's samplers and histogram on 10^7 float32 values, single thread,
// next to PyTorch and NumPy measured in the same run (bench/peers.py in a Python subprocess).
// Each op is warmed up, then timed REPS times; the table shows medians in milliseconds.
// Prints only; writes no files. A missing peer prints "n/a (not installed)", never a failure.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');

const core = require('../dist/core.js');

const N = 1e7;
const REPS = 7;
const WARMUP = 2;
const BINS = 100;
const PEER_TIMEOUT_MS = 90_000;

// ---- the distributions ------------------------------------------------------------------------

const SHAPE = [N];
const NORMAL = [0, 0.02];
const UNIFORM = [-0.1, 0.1];
const KERAS_SHAPE = [3, 3, 256, 512]; // a conv kernel: fan_in = 3·3·256

const dNormal = core.normal(SHAPE, NORMAL[0], NORMAL[1]);
const dUniform = core.uniform(SHAPE, UNIFORM[0], UNIFORM[1]);
const dTrunc = core.truncatedNormal(SHAPE, 0, 1, -2, 2); // torch trunc_normal_ defaults
const heNormal = core.findScheme('keras', 'he_normal');
const dKeras = core.resolve(heNormal.scheme, KERAS_SHAPE, {});
if (dKeras.family !== 'truncatedNormal') throw new Error(`keras he_normal resolved to ${dKeras.family}, expected truncatedNormal`);

// ---- timing -----------------------------------------------------------------------------------

let sink = 0; // keeps every result observed
function measure(fn) {
  for (let i = 0; i < WARMUP; i++) sink += observe(fn(i));
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    const r = fn(WARMUP + i);
    times.push(performance.now() - t0);
    sink += observe(r);
  }
  return { ms: median(times), all: times };
}
function observe(r) {
  if (r instanceof Float32Array) return r[r.length - 1];
  return r.counts[0] + r.outside;
}
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function runOurs() {
  const ours = {};
  ours.normal = measure((seed) => core.sample(dNormal, N, seed));
  ours.uniform = measure((seed) => core.sample(dUniform, N, seed));
  ours.trunc = measure((seed) => core.sample(dTrunc, N, seed));
  ours.keras = measure((seed) => core.sample(dKeras, N, seed));
  const x = core.sample(core.normal(SHAPE, 0, 1), N, 12345);
  ours.histogram = measure(() => core.histogram(x, BINS));
  const h = core.histogram(x, BINS);
  const total = h.counts.reduce((a, b) => a + b, 0) + h.outside;
  if (total !== N) throw new Error(`histogram counted ${total} of ${N} values`);
  return ours;
}

// ---- peers ------------------------------------------------------------------------------------

const PY_CANDIDATES = ['/usr/bin/python3', 'python3'];
const PROBE = [
  'import importlib.util as u, json, sys',
  'def has(m):',
  '    try: return u.find_spec(m) is not None',
  '    except Exception: return False',
  "print(json.dumps({'exe': sys.executable, 'torch': has('torch'), 'numpy': has('numpy')}))",
].join('\n');

/** The first candidate interpreter that has torch, and the first that has numpy. */
function pickInterpreters() {
  const found = { torch: null, numpy: null };
  for (const py of PY_CANDIDATES) {
    const r = spawnSync(py, ['-c', PROBE], { encoding: 'utf8', timeout: 20_000 });
    if (r.error || r.status !== 0) continue;
    let info;
    try {
      info = JSON.parse(r.stdout.trim().split('\n').pop());
    } catch {
      continue;
    }
    if (info.torch && !found.torch) found.torch = py;
    if (info.numpy && !found.numpy) found.numpy = py;
  }
  return found;
}

function runPeers() {
  const interpreters = pickInterpreters();
  const byPython = new Map();
  for (const group of ['torch', 'numpy']) {
    const py = interpreters[group];
    if (py) byPython.set(py, [...(byPython.get(py) ?? []), group]);
  }
  const peers = { interpreters, results: {}, versions: {}, errors: {} };
  for (const group of ['torch', 'numpy']) if (!interpreters[group]) peers.errors[group] = 'not installed';
  for (const [py, groups] of byPython) {
    const cfg = {
      n: N, reps: REPS, warmup: WARMUP, groups,
      normal: NORMAL, uniform: UNIFORM,
      kerasHeNormal: [dKeras.mu, dKeras.sigma, dKeras.low, dKeras.high],
    };
    const r = spawnSync(py, [path.join(__dirname, 'peers.py'), JSON.stringify(cfg)], {
      encoding: 'utf8', timeout: PEER_TIMEOUT_MS, maxBuffer: 16 << 20,
    });
    let out = null;
    if (!r.error && r.status === 0) {
      try {
        out = JSON.parse(r.stdout.trim().split('\n').pop());
      } catch {
        out = null;
      }
    }
    if (!out) {
      const why = r.error ? (r.error.code === 'ETIMEDOUT' ? 'timed out' : r.error.message)
        : `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}: ${(r.stderr || '').trim().split('\n').pop()}`;
      for (const g of groups) peers.errors[g] = `error: ${why}`;
      continue;
    }
    Object.assign(peers.results, out.results);
    Object.assign(peers.versions, out.versions);
    for (const [g, e] of Object.entries(out.errors)) peers.errors[g] = /ModuleNotFoundError/.test(e) ? 'not installed' : `error: ${e}`;
  }
  return peers;
}

// ---- report -----------------------------------------------------------------------------------

function fmtMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
function fmtRatio(ours, theirs) {
  const r = theirs / ours;
  let s = r.toFixed(1);
  if (s === '1.0') s = r.toFixed(2); // don't print "1.0x (slower)"
  return r >= 1 ? `InitLens is ${s}x faster` : `${s}x (slower)`;
}
function cpuModel() {
  try {
    const m = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m);
    if (m) return m[1].trim();
  } catch {
    /* not Linux */
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function main() {
  const t0 = performance.now();
  const ours = runOurs();
  const peers = runPeers();

  const k = dKeras;
  const kerasLabel = `Keras he_normal ${JSON.stringify(KERAS_SHAPE)} = TN(0, ${k.sigma.toPrecision(4)}², ±2σ)`;
  const rows = [
    ['Normal N(0, 0.02²)', ours.normal, 'torch.empty(n).normal_(0, 0.02)', 'torch', 'torch.normal_'],
    ['Normal N(0, 0.02²)', ours.normal, 'numpy rng.standard_normal(n, dtype=float32)', 'numpy', 'numpy.standard_normal'],
    ['Uniform U(-0.1, 0.1)', ours.uniform, 'torch.empty(n).uniform_(-0.1, 0.1)', 'torch', 'torch.uniform_'],
    ['Trunc. normal TN(0, 1, [-2, 2])', ours.trunc, 'torch.nn.init.trunc_normal_(std=1, a=-2, b=2)', 'torch', 'torch.trunc_normal_'],
    [kerasLabel, ours.keras, `torch.nn.init.trunc_normal_(std=${k.sigma.toPrecision(4)}, a=-2σ, b=2σ)`, 'torch', 'torch.trunc_normal_.keras'],
    [`Histogram, ${BINS} bins (own range)`, ours.histogram, `np.histogram(x, ${BINS})`, 'numpy', 'numpy.histogram'],
  ];

  const lines = [];
  lines.push(`InitLens benchmark: n = 10^7 float32 values, single thread; median of ${REPS} runs after ${WARMUP} warm-up runs, in ms`);
  lines.push('');
  lines.push('| Operation | InitLens (ms) | Peer | Peer (ms) | Ratio |');
  lines.push('| --- | ---: | --- | ---: | --- |');
  for (const [op, mine, peerLabel, group, key] of rows) {
    const theirs = peers.results[key];
    let peerMs;
    let ratio;
    if (theirs) {
      peerMs = fmtMs(theirs.ms);
      ratio = fmtRatio(mine.ms, theirs.ms);
    } else {
      peerMs = '—';
      ratio = `n/a (${peers.errors[group] ?? 'not measured'})`;
    }
    lines.push(`| ${op} | ${fmtMs(mine.ms)} | ${peerLabel} | ${peerMs} | ${ratio} |`);
  }
  lines.push('');
  lines.push('Ratio = peer median / InitLens median (> 1: InitLens is faster). Both sides allocate their output array in the timed call.');
  lines.push('');
  lines.push('Machine:');
  lines.push(`- CPU: ${cpuModel()} (${os.cpus().length} logical cores), ${os.platform()} ${os.release()}`);
  lines.push(`- Node: ${process.version}`);
  lines.push(`- InitLens kernels: ${core.kernelBackend()}`);
  const ver = (g) => (peers.versions[g] ? `${peers.versions[g]} (${peers.interpreters[g]})` : `n/a (${peers.errors[g] ?? 'not installed'})`);
  lines.push(`- torch: ${ver('torch')}${peers.versions.torch ? ', torch.set_num_threads(1)' : ''}`);
  lines.push(`- numpy: ${ver('numpy')}`);
  lines.push(`- Total bench time: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(lines.join('\n'));
  if (Number.isNaN(sink)) console.log('(sink NaN)');
}

main();
