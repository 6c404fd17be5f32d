#!/usr/bin/env node
// `npm run bench`, second part: the Python analysis of a ~10,000-line model file (the test
// fixtures concatenated) next to CPython's ast.parse of the same file, and the re-analysis
// after a one-character edit with tree-sitter's incremental parse. Medians of REPS runs.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const analysis = require('../dist/analysis.js');

const REPS = 7;
const WARMUP = 2;
const TARGET_LINES = 10_000;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function measure(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** A big, realistic, deterministic file: every fixture that parses, repeated in name order. */
function modelFile() {
  const dir = path.join(__dirname, '..', 'test', 'fixtures', 'python');
  const parts = fs.readdirSync(dir).filter((f) => f.endsWith('.py') && !f.startsWith('broken_')).sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const out = [];
  let lines = 0;
  while (lines < TARGET_LINES) {
    for (const p of parts) {
      out.push(p);
      lines += p.split('\n').length;
      if (lines >= TARGET_LINES) break;
    }
  }
  return out.join('\n');
}

function astParse(file) {
  const script = [
    'import ast, statistics, sys, time, json',
    'src = open(sys.argv[1], encoding="utf-8").read()',
    `for _ in range(${WARMUP}): ast.parse(src)`,
    'ts = []',
    `for _ in range(${REPS}):`,
    '    t = time.perf_counter(); ast.parse(src); ts.append((time.perf_counter() - t) * 1000)',
    'print(json.dumps({"ms": statistics.median(ts), "version": sys.version.split()[0]}))',
  ].join('\n');
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', script, file], { encoding: 'utf8', timeout: 120_000 });
    if (!r.error && r.status === 0) return JSON.parse(r.stdout.trim());
  }
  return undefined;
}

async function main() {
  await analysis.initParsers((f) => path.join(__dirname, '..', 'dist', f), ['python']);
  const text = modelFile();
  const lineCount = text.split('\n').length;
  const file = path.join(require('os').tmpdir(), `initlens-bench-${process.pid}.py`);
  fs.writeFileSync(file, text);
  try {
    const parse = measure(() => analysis.parse('python', text));
    let findings = 0;
    const full = measure(() => { findings = analysis.analyzePython(text).findings.length; });
    // one character typed in the middle of the file
    const tree = analysis.parse('python', text);
    const lines = new analysis.LineIndex(text);
    const at = lines.positionAt(text.indexOf('xavier_uniform_', text.length >> 1));
    const edit = () => {
      const change = analysis.editTree(tree, text, { range: { start: at, end: at }, text: 'x' });
      analysis.analyzePython(change.text, {}, change.tree);
    };
    const incremental = measure(edit);
    const peer = astParse(file);
    const ratio = (ms) => (peer ? `${(peer.ms / ms).toFixed(2)}x ${peer.ms >= ms ? 'faster' : 'slower'} than ast.parse` : 'n/a');
    console.log(`\nPython analysis of a ${lineCount}-line model file (${findings} findings), medians of ${REPS}:`);
    console.log(`  CPython ${peer ? peer.version : '(not found)'} ast.parse      ${peer ? peer.ms.toFixed(1) + ' ms' : 'n/a'}`);
    console.log(`  tree-sitter parse only          ${parse.toFixed(1)} ms   ${ratio(parse)}`);
    console.log(`  InitLens full analysis          ${full.toFixed(1)} ms   ${ratio(full)}`);
    console.log(`  re-analysis after a 1-char edit ${incremental.toFixed(1)} ms   (target: under 16 ms)`);
  } finally {
    fs.unlinkSync(file);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
