#!/usr/bin/env node
// `npm run bench`, second part: the Python analysis of model files next to CPython's ast.parse
// of the same file: the test fixtures concatenated to 10,000 lines (DESIGN.md) and to 50,000
// (issue 8), and PyTorch's own torch/nn/modules when python3-torch is installed (real code, with
// docstrings). Then the re-analysis after a one-character edit: tree-sitter's incremental parse,
// the top-level definitions the edit did not touch taken over from the analysis before it.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const analysis = require('../dist/analysis.js');

const REPS = 7;
const WARMUP = 2;
const TORCH_MODULES = '/usr/lib/python3/dist-packages/torch/nn/modules';

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function measure(fn, reps = REPS) {
  for (let i = 0; i < WARMUP; i++) fn();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** A big, realistic, deterministic file: every fixture that parses, repeated in name order. */
function modelFile(targetLines) {
  const dir = path.join(__dirname, '..', 'test', 'fixtures', 'python');
  const parts = fs.readdirSync(dir).filter((f) => f.endsWith('.py') && !f.startsWith('broken_')).sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const out = [];
  let lines = 0;
  while (lines < targetLines) {
    for (const p of parts) {
      out.push(p);
      lines += p.split('\n').length;
      if (lines >= targetLines) break;
    }
  }
  return out.join('\n');
}

/** PyTorch's own module files, concatenated: real library code, with docstrings and comments. */
function torchModules() {
  if (!fs.existsSync(TORCH_MODULES)) return undefined;
  return fs.readdirSync(TORCH_MODULES).filter((f) => f.endsWith('.py')).sort()
    .map((f) => fs.readFileSync(path.join(TORCH_MODULES, f), 'utf8')).join('\n');
}

function astParse(file, reps) {
  const script = [
    'import ast, statistics, sys, time, json',
    'src = open(sys.argv[1], encoding="utf-8").read()',
    `for _ in range(${WARMUP}): ast.parse(src)`,
    'ts = []',
    `for _ in range(${reps}):`,
    '    t = time.perf_counter(); ast.parse(src); ts.append((time.perf_counter() - t) * 1000)',
    'print(json.dumps({"ms": statistics.median(ts), "version": sys.version.split()[0]}))',
  ].join('\n');
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', script, file], { encoding: 'utf8', timeout: 120_000 });
    if (!r.error && r.status === 0) return JSON.parse(r.stdout.trim());
  }
  return undefined;
}

function bench(label, text, reps) {
  const lineCount = text.split('\n').length;
  const file = path.join(require('os').tmpdir(), `initlens-bench-${process.pid}.py`);
  fs.writeFileSync(file, text);
  try {
    const parse = measure(() => analysis.parse('python', text), reps);
    let findings = 0;
    const full = measure(() => { findings = analysis.analyzePython(text).findings.length; }, reps);
    // two characters typed in the middle of the file, into a `self.` inside a class; the second is
    // timed, after an analysis that itself took the definitions over: an editor while typing
    const before = analysis.analyzePythonSource(text);
    const lines = new analysis.LineIndex(text);
    const at = lines.positionAt(Math.max(0, text.indexOf('self.', text.length >> 1) + 'self.'.length));
    const first = analysis.editTree(before.tree, text, { range: { start: at, end: at }, text: 'x' });
    const typing = analysis.analyzePythonSource(first.text, first.tree, before.definitions);
    const next = { line: at.line, character: at.character + 1 };
    const edited = () => analysis.editTree(typing.tree, first.text, { range: { start: next, end: next }, text: 'y' });
    const reparse = measure(() => { const change = edited(); analysis.parse('python', change.text, change.tree); }, reps);
    let definitions;
    const remodel = measure(() => { const change = edited(); definitions = analysis.analyzePythonSource(change.text, change.tree, typing.definitions).definitions; }, reps);
    const incremental = measure(() => { const change = edited(); analysis.analyzePython(change.text, {}, change.tree, typing.definitions); }, reps);
    const everything = measure(() => { const change = edited(); analysis.analyzePython(change.text, {}, change.tree); }, reps);
    const peer = astParse(file, reps);
    const ratio = (ms) => (peer ? `${(peer.ms / ms).toFixed(2)}x ${peer.ms >= ms ? 'faster' : 'slower'} than ast.parse` : 'n/a');
    console.log(`\nPython analysis of ${label}: ${lineCount} lines, ${(text.length / 1e3).toFixed(0)} kB, ${findings} findings; medians of ${reps}:`);
    console.log(`  CPython ${peer ? peer.version : '(not found)'} ast.parse      ${peer ? peer.ms.toFixed(1) + ' ms' : 'n/a'}`);
    console.log(`  tree-sitter parse only          ${parse.toFixed(1)} ms   ${ratio(parse)}`);
    console.log(`  InitLens full analysis          ${full.toFixed(1)} ms   ${ratio(full)}   (target: 3x faster)`);
    console.log(`  re-analysis after a 1-char edit ${incremental.toFixed(1)} ms   (target: under 16 ms)`);
    console.log(`    of which the incremental parse      ${reparse.toFixed(1)} ms`);
    console.log(`    parse and model, ${definitions.read} of ${definitions.total} top-level definitions read again ${remodel.toFixed(1)} ms; the rest is the rules`);
    console.log(`    every definition read again        ${everything.toFixed(1)} ms (${(everything / incremental).toFixed(1)}x the time)`);
  } finally {
    fs.unlinkSync(file);
  }
}

async function main() {
  await analysis.initParsers((f) => path.join(__dirname, '..', 'dist', f), ['python']);
  bench('the fixtures concatenated', modelFile(10_000), REPS);
  bench('the fixtures concatenated', modelFile(50_000), 3);
  const torch = torchModules();
  if (torch) bench(`PyTorch's own ${TORCH_MODULES.replace('/usr/lib/python3/dist-packages/', '')}`, torch, REPS);
  else console.log(`\n(${TORCH_MODULES} not found: python3-torch is not installed)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
