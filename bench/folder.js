#!/usr/bin/env node
// `npm run bench`, after bench/analysis.js: `initlens check` on a folder of 1,000 files the way CI
// runs it (`node dist/cli.js check --format json DIR`, a child process), with `--jobs 1` (one
// thread) and with the default (a worker thread per core, as the folder's 1.3 MB is over the
// default's one-thread limit of 1 MiB). Prints files per second, the speedup, and what one worker
// thread costs to start (the bundle and its grammars), which is why a small run stays on one
// thread. Both runs must print the same bytes, or the bench fails. The folder is built in a temp
// dir from the test fixtures and removed at the end.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { Worker } = require('worker_threads');

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
const FIXTURES = path.join(__dirname, '..', 'test', 'fixtures');
const FILES = 1000;
const PER_FOLDER = 100;
const REPS = 3;
const WARMUP = 1;
const STARTUP_REPS = 7;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Every fixture that parses (no `broken_*`), Python then TF.js, in name order. */
function sources() {
  const pick = (dir, ext) => fs.readdirSync(path.join(FIXTURES, dir))
    .filter((f) => ext.test(f) && !f.startsWith('broken_')).sort()
    .map((f) => path.join(FIXTURES, dir, f));
  return [...pick('python', /\.py$/), ...pick('tfjs', /\.(ts|tsx|js|mjs|cjs)$/)];
}

/** FILES copies of the fixtures, cycled, PER_FOLDER to a subfolder: the same tree on every run. */
function buildFolder(root) {
  const from = sources();
  let lines = 0;
  for (let i = 0; i < FILES; i++) {
    const src = from[i % from.length];
    const dir = path.join(root, `pkg${String(Math.floor(i / PER_FOLDER)).padStart(2, '0')}`);
    if (i % PER_FOLDER === 0) fs.mkdirSync(dir);
    const text = fs.readFileSync(src, 'utf8');
    lines += text.split('\n').length;
    fs.writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}_${path.basename(src)}`), text);
  }
  return { sources: from.length, lines };
}

function check(dir, jobsArgs) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'check', ...jobsArgs, '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 600_000 });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`initlens check ${jobsArgs.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { ms, out: r.stdout, status: r.status };
}

/** Both ways, alternating so that the machine's other load falls on each alike. */
function timeBoth(dir, ways) {
  const times = ways.map(() => []);
  const runs = ways.map(() => undefined);
  for (let rep = 0; rep < WARMUP + REPS; rep++) {
    ways.forEach((way, i) => {
      const r = check(dir, way.args);
      if (rep >= WARMUP) times[i].push(r.ms);
      runs[i] = r;
    });
  }
  return ways.map((way, i) => ({ ...way, ms: median(times[i]), run: runs[i] }));
}

/** From `new Worker` of the CLI bundle to its first message, which it sends once its grammars are loaded. */
async function workerStartup() {
  const times = [];
  for (let i = 0; i < STARTUP_REPS; i++) {
    const t0 = performance.now();
    // as for this folder, which mixes Python, notebooks and TS/JS: every grammar
    const worker = new Worker(CLI, { workerData: { grammars: ['python', 'typescript', 'tsx', 'javascript'] } });
    await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    times.push(performance.now() - t0);
    await worker.terminate();
  }
  return median(times);
}

async function main() {
  const load = os.loadavg()[0]; // before our own processes add to it
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'initlens-bench-folder-'));
  try {
    const { sources: count, lines } = buildFolder(dir);
    const [one, all] = timeBoth(dir, [
      { name: '--jobs 1', args: ['--jobs', '1'] },
      { name: 'default', args: [] },
    ]);
    if (one.run.out !== all.run.out || one.run.status !== all.run.status) {
      throw new Error(`--jobs 1 and the default disagree: exit ${one.run.status} vs ${all.run.status}, stdout ${one.run.out.length} vs ${all.run.out.length} chars`);
    }
    const findings = JSON.parse(one.run.out).length;
    const startup = await workerStartup();
    const rate = (r) => (FILES / (r.ms / 1000)).toFixed(0);
    console.log(`\ninitlens check --format json on ${FILES} files (${count} fixtures cycled, ${lines} lines, ${findings} findings), medians of ${REPS}:`);
    console.log(`  os.availableParallelism() ${os.availableParallelism()}, load average ${load.toFixed(2)} before the runs`);
    console.log(`  ${'run'.padEnd(10)} ${'wall'.padStart(10)} ${'files/s'.padStart(9)}`);
    for (const r of [one, all]) console.log(`  ${r.name.padEnd(10)} ${(r.ms.toFixed(0) + ' ms').padStart(10)} ${rate(r).padStart(9)}`);
    console.log(`  speedup    ${(one.ms / all.ms).toFixed(2)}x (identical output: yes)`);
    console.log(`  one worker thread's start-up, bundle and grammars: ${startup.toFixed(1)} ms (median of ${STARTUP_REPS})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
