import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import {
  chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync,
  statSync, symlinkSync, truncateSync, utimesSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../src/analysis/applyFixes';
import type { SourceDocument } from '../../src/analysis/documents';
import type { Finding } from '../../src/analysis/finding';
import { writeFileAtomic } from '../../src/cli/atomicWrite';
import { fixFile } from '../../src/cli/fixFile';
import { CLI, initlens, requireBuiltCli, type Run } from '../helpers/builtCli';
import { tempDirPerTest } from '../helpers/tempDir';
import { RELU_XAVIER } from './cliSources';

// The built CLI (`npm run build`) as a user runs it: a separate process, whose stderr is all the
// user sees when something goes wrong. Every case: a message naming the file, the other files
// still checked, the exit status DESIGN.md gives, and no stack trace unless --debug.

const fixtures = join(__dirname, '..', 'fixtures');
const asRoot = process.getuid?.() === 0;

/** A V8 stack frame line, `    at f (file:1:2)`. */
const STACK_FRAME = /^\s+at .+/m;

function noStack(r: Run): void {
  assert.doesNotMatch(r.err, STACK_FRAME, `a stack trace reached the user:\n${r.err}`);
  assert.doesNotMatch(r.out, STACK_FRAME);
}

const CLEAN = 'x = 1\n';
const FIXED_CALL = "nn.init.kaiming_uniform_(self.fc.weight, nonlinearity='relu')";

/** Files named like the README's `path: reason` lines. */
const named = (file: string, reason: RegExp | string) => new RegExp(`^${file.replace(/\./g, '\\.')}: ${typeof reason === 'string' ? reason : reason.source}`, 'm');

/** Bytes and mtime of a file, to show it was never written. */
function snapshot(path: string): { bytes: Buffer; mtimeMs: number } {
  return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
}

/** An mtime in the past, so a rewrite within the same millisecond would still show. */
function age(path: string): void {
  const past = new Date(Date.now() - 3_600_000);
  utimesSync(path, past, past);
}

describe('initlens check: robustness (the built CLI as a subprocess)', function () {
  let dir: string;
  const at = (...parts: string[]) => join(dir, ...parts);

  requireBuiltCli();
  tempDirPerTest('initlens-robust-', (d) => (dir = d));

  describe('paths that cannot be checked', () => {
    it('a missing path among good ones: named on stderr, the others checked, exit 1', () => {
      writeFileSync(at('bad.py'), RELU_XAVIER);
      mkdirSync(at('pkg'));
      writeFileSync(at('pkg', 'bad2.py'), RELU_XAVIER);
      const r = initlens(dir, ['check', 'missing.py', 'pkg', 'bad.py', 'gone/']);
      assert.equal(r.code, 1);
      assert.match(r.err, named('missing.py', 'no such file or directory'));
      assert.match(r.err, named('gone/', 'no such file or directory'));
      assert.match(r.out, /^bad\.py:9:9: INIT001/m);
      assert.match(r.out, /^pkg\/bad2\.py:9:9: INIT001/m);
      assert.match(r.out, /Found 2 problems .*2 paths could not be checked\./);
      noStack(r);
    });

    it('a missing path with an otherwise clean run still exits 1, and the summary does not say all passed', () => {
      writeFileSync(at('ok.py'), CLEAN);
      const r = initlens(dir, ['check', 'ok.py', 'missing.py']);
      assert.equal(r.code, 1);
      assert.match(r.err, named('missing.py', 'no such file or directory'));
      assert.doesNotMatch(r.out, /All checks passed/);
      assert.match(r.out, /Found 0 problems\. 1 path could not be checked\./);
      assert.equal(initlens(dir, ['check', 'ok.py']).out.trim(), 'All checks passed!');
    });

    it('a file it may not read (chmod 000): permission denied, the others checked', function () {
      if (asRoot) this.skip(); // root reads any file whatever its mode; see the /proc and link-loop cases below
      writeFileSync(at('bad.py'), RELU_XAVIER);
      writeFileSync(at('secret.py'), RELU_XAVIER);
      chmodSync(at('secret.py'), 0o000);
      const r = initlens(dir, ['check', '.']);
      assert.equal(r.code, 1);
      assert.match(r.err, named('secret.py', 'permission denied'));
      assert.match(r.out, /^bad\.py:9:9: INIT001/m);
      noStack(r);
    });

    it('a folder it may not list: named, the others checked', function () {
      if (asRoot) this.skip(); // root lists any folder
      writeFileSync(at('bad.py'), RELU_XAVIER);
      mkdirSync(at('locked'));
      writeFileSync(at('locked', 'x.py'), RELU_XAVIER);
      chmodSync(at('locked'), 0o000);
      const r = initlens(dir, ['check', '.']);
      chmodSync(at('locked'), 0o755);
      assert.equal(r.code, 1);
      assert.match(r.err, named('locked', 'permission denied'));
      assert.match(r.out, /^bad\.py:9:9: INIT001/m);
      noStack(r);
    });

    it('files whose read fails even for root: an I/O error, a link loop, a file over 2 GiB', function () {
      writeFileSync(at('bad.py'), RELU_XAVIER);
      symlinkSync('self.py', at('self.py')); // a link to itself: stat fails with ELOOP
      writeFileSync(at('huge.py'), ''); // grown sparse: no disk used, but too large to read into memory
      truncateSync(at('huge.py'), 2 ** 31 + 1);
      const args = ['check', 'self.py', 'huge.py', 'bad.py'];
      // reading offset 0 of a process's own memory fails with EIO; stat says it is a regular file
      const proc = existsSync('/proc/self/mem');
      if (proc) {
        symlinkSync('/proc/self/mem', at('mem.py'));
        args.push('mem.py');
      }
      const r = initlens(dir, args);
      assert.equal(r.code, 1);
      assert.match(r.err, named('self.py', 'too many levels of symbolic links'));
      assert.match(r.err, named('huge.py', 'file too large'));
      if (proc) assert.match(r.err, named('mem.py', 'input/output error'));
      assert.match(r.out, /^bad\.py:9:9: INIT001/m);
      noStack(r);
    });

    it('a FIFO named like a source file is never opened (it would block)', () => {
      writeFileSync(at('bad.py'), RELU_XAVIER);
      const made = spawnSync('mkfifo', [at('pipe.py')]);
      assert.equal(made.status, 0, 'mkfifo failed');
      mkdirSync(at('pkg'));
      assert.equal(spawnSync('mkfifo', [at('pkg', 'pipe2.py')]).status, 0);
      const named_ = initlens(dir, ['check', 'pipe.py', 'bad.py']);
      assert.equal(named_.code, 1);
      assert.match(named_.err, named('pipe.py', 'not a regular file'));
      assert.match(named_.out, /^bad\.py:9:9: INIT001/m);
      // inside a folder it is not a source file at all, like a socket or a device
      const walked = initlens(dir, ['check', 'pkg']);
      assert.equal(walked.code, 0);
      assert.equal(walked.err, '');
    });

    it('a binary .py and a non-UTF-8 .py are named and skipped, the others checked', () => {
      writeFileSync(at('bad.py'), RELU_XAVIER);
      writeFileSync(at('blob.py'), Buffer.concat([Buffer.from(RELU_XAVIER), Buffer.from([0, 1, 2, 0xff])]));
      writeFileSync(at('latin1.py'), Buffer.concat([Buffer.from(RELU_XAVIER), Buffer.from('# caf\xe9\n', 'latin1')]));
      const r = initlens(dir, ['check', '--format', 'json', '.']);
      assert.equal(r.code, 1);
      assert.match(r.err, named('blob.py', 'binary file, skipped'));
      assert.match(r.err, named('latin1.py', 'not valid UTF-8, skipped'));
      assert.deepEqual(JSON.parse(r.out).map((f: { file: string }) => f.file), ['bad.py']);
      noStack(r);
    });

    it('a folder with symlink loops finishes and checks each file once', () => {
      mkdirSync(at('pkg', 'sub'), { recursive: true });
      writeFileSync(at('pkg', 'sub', 'bad.py'), RELU_XAVIER);
      symlinkSync('..', at('pkg', 'sub', 'up')); // back to pkg
      symlinkSync('.', at('pkg', 'self')); // pkg itself
      symlinkSync(at('pkg'), at('pkg', 'sub', 'abs')); // pkg by absolute path
      symlinkSync('b', at('pkg', 'a')); // a and b point at each other: both dangle
      symlinkSync('a', at('pkg', 'b'));
      const r = initlens(dir, ['check', '--format', 'json', 'pkg']);
      assert.equal(r.code, 1);
      assert.deepEqual(JSON.parse(r.out).map((f: { file: string; code: string }) => `${f.file} ${f.code}`), ['pkg/sub/bad.py INIT001']);
      assert.equal(r.err, '');
    });

    it('a folder of 2,000 files: completes and counts every finding', function () {
      this.timeout(120_000);
      for (let i = 0; i < 2000; i++) {
        const sub = at('many', `d${i % 20}`);
        if (i < 20) mkdirSync(sub, { recursive: true });
        writeFileSync(join(sub, `m${i}.py`), i % 2 === 0 ? RELU_XAVIER : `x = ${i}\n`);
      }
      const text = initlens(dir, ['check', 'many']);
      assert.equal(text.code, 1);
      assert.match(text.out, /Found 1000 problems \(1000 fixable with --fix\)\.\n$/);
      const json = JSON.parse(initlens(dir, ['check', '--format', 'json', 'many']).out) as { file: string }[];
      assert.equal(json.length, 1000);
      assert.equal(new Set(json.map((f) => f.file)).size, 1000);
    });
  });

  describe('wrong usage: the usage text and exit 2', () => {
    const cases: [string, string[], RegExp][] = [
      ['an unknown code', ['check', '--select', 'INIT999', 'a.py'], /unknown rule code 'INIT999'/],
      ['a code that is no code at all', ['check', '--select', 'FOO', 'a.py'], /unknown rule code 'FOO'/],
      ['one bad code in a list', ['check', '--select', 'INIT001,INIT01x', 'a.py'], /unknown rule code 'INIT01x'/],
      ['an unknown code to ignore', ['check', '--ignore', 'INIT012', 'a.py'], /unknown rule code 'INIT012'/],
      ['an unknown flag', ['check', '--bogus', 'a.py'], /Unknown option '--bogus'/],
      ['an unknown short flag', ['check', '-x', 'a.py'], /Unknown option '-x'/],
      ['a value for a boolean flag', ['check', '--fix=yes', 'a.py'], /--fix/],
      ['a flag without its value', ['check', 'a.py', '--format'], /--format/],
      ['a bad --format', ['check', '--format', 'xml', 'a.py'], /--format takes text, json or sarif/],
      ['no path', ['check'], /needs at least one file or folder/],
      ['an unknown flag to describe', ['describe', '--bogus'], /Unknown option '--bogus'/],
      ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [what, args, message] of cases) {
      it(what, () => {
        writeFileSync(at('a.py'), RELU_XAVIER);
        const r = initlens(dir, args);
        assert.equal(r.code, 2, r.err);
        assert.match(r.err, message);
        assert.match(r.err, /Usage:/);
        assert.equal(r.out, '');
        noStack(r);
      });
    }
  });

  describe('notebooks that are not notebooks', () => {
    it('each bad .ipynb is named with the reason, the good notebook and the .py still checked', () => {
      writeFileSync(at('bad.py'), RELU_XAVIER);
      copyFileSync(join(fixtures, 'notebooks', 'mlp_cells_split.ipynb'), at('good.ipynb'));
      writeFileSync(at('text.ipynb'), 'this is not JSON');
      writeFileSync(at('cut.ipynb'), readFileSync(at('good.ipynb'), 'utf8').slice(0, 200));
      writeFileSync(at('array.ipynb'), '[1, 2, 3]\n');
      writeFileSync(at('nocells.ipynb'), '{"metadata": {}, "nbformat": 4}\n');
      writeFileSync(at('numbersource.ipynb'), JSON.stringify({ nbformat: 4, metadata: {}, cells: [{ cell_type: 'code', source: 42, metadata: {}, outputs: [] }] }));
      writeFileSync(at('cellnotobject.ipynb'), JSON.stringify({ nbformat: 4, metadata: {}, cells: ['x = 1'] }));
      writeFileSync(at('v3.ipynb'), JSON.stringify({ nbformat: 3, metadata: {}, worksheets: [] }));
      const r = initlens(dir, ['check', '--format', 'json', '.']);
      assert.equal(r.code, 1);
      assert.match(r.err, named('text.ipynb', 'not valid JSON'));
      assert.match(r.err, named('cut.ipynb', 'not valid JSON'));
      assert.match(r.err, named('array.ipynb', 'not a Jupyter notebook'));
      assert.match(r.err, named('nocells.ipynb', 'not a Jupyter notebook: no "cells" list'));
      assert.match(r.err, named('numbersource.ipynb', 'cell 1: "source" is neither a string nor a list of strings'));
      assert.match(r.err, named('cellnotobject.ipynb', 'not a Jupyter notebook: cell 1 is not an object'));
      assert.match(r.err, named('v3.ipynb', 'nbformat 3 is not supported'));
      const files = new Set(JSON.parse(r.out).map((f: { file: string }) => f.file));
      assert.deepEqual([...files].sort(), ['bad.py', 'good.ipynb']);
      noStack(r);
    });

    it('--fix leaves a bad notebook byte for byte', () => {
      writeFileSync(at('numbersource.ipynb'), JSON.stringify({ nbformat: 4, metadata: {}, cells: [{ cell_type: 'code', source: 42 }] }));
      age(at('numbersource.ipynb'));
      const before = snapshot(at('numbersource.ipynb'));
      const r = initlens(dir, ['check', '--fix', 'numbersource.ipynb']);
      assert.equal(r.code, 1);
      assert.deepEqual(snapshot(at('numbersource.ipynb')), before);
    });
  });

  describe('internal errors and --debug', () => {
    it('a bug met in one file: one line naming it, no stack trace, the other files checked, exit 1', () => {
      writeFileSync(at('a.py'), RELU_XAVIER);
      writeFileSync(at('b.py'), RELU_XAVIER);
      const r = initlens(dir, ['check', '.'], { INITLENS_DEBUG_THROW: 'a.py' });
      assert.equal(r.code, 1);
      assert.match(r.err, /^a\.py: internal error: Error: INITLENS_DEBUG_THROW: a simulated internal error in a\.py \(a bug in InitLens; --debug shows the stack trace\)$/m);
      assert.match(r.out, /^b\.py:9:9: INIT001/m);
      assert.doesNotMatch(r.out, /^a\.py:/m);
      noStack(r);
    });

    it('--debug prints the stack of that error, and changes nothing else', () => {
      writeFileSync(at('a.py'), RELU_XAVIER);
      writeFileSync(at('b.py'), RELU_XAVIER);
      const r = initlens(dir, ['check', '--debug', '.'], { INITLENS_DEBUG_THROW: 'a.py' });
      assert.equal(r.code, 1);
      assert.match(r.err, /^a\.py: internal error: Error: INITLENS_DEBUG_THROW: a simulated internal error in a\.py\n\s+at /m);
      assert.match(r.err, STACK_FRAME);
      assert.match(r.out, /^b\.py:9:9: INIT001/m);
      // without an internal error, --debug is invisible
      for (const args of [['--format', 'json', '.'], ['missing.py', '.'], ['--select', 'NOPE', '.']]) {
        const plain = initlens(dir, ['check', ...args]);
        assert.deepEqual(initlens(dir, ['check', '--debug', ...args]), plain, args.join(' '));
      }
      const describe = ['describe', '--framework', 'torch', '--init', 'kaiming_normal_', '--shape', '64,32', '--json'];
      assert.deepEqual(initlens(dir, [...describe, '--debug']), initlens(dir, describe));
    });

    it('a real input that overflows the analysis stack (deep nesting) costs only that file', () => {
      // 20,000 nested parentheses: if the analysis recurses on it, the error stays in this file
      writeFileSync(at('a_deep.py'), `x = ${'('.repeat(20_000)}1${')'.repeat(20_000)}\n`);
      writeFileSync(at('b.py'), RELU_XAVIER);
      const r = initlens(dir, ['check', '.']);
      assert.equal(r.code, 1);
      assert.match(r.out, /^b\.py:9:9: INIT001/m);
      noStack(r);
      if (r.err !== '') assert.match(r.err, /^a_deep\.py: internal error: RangeError: Maximum call stack size exceeded \(a bug/m);
      const debug = initlens(dir, ['check', '--debug', '.']);
      if (debug.err !== '') assert.match(debug.err, STACK_FRAME);
    });

    it('a closed output pipe (`initlens check . | head -1`) ends quietly', () => {
      for (let i = 0; i < 300; i++) writeFileSync(at(`m${i}.py`), RELU_XAVIER);
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check . | head -1`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^m0\.py:9:9: INIT001/);
      assert.equal(r.stderr, '');
    });
  });

  describe('--fix', () => {
    function tempFilesIn(folder: string): string[] {
      return readdirSync(folder).filter((n) => n.includes('initlens') || n.endsWith('.tmp'));
    }

    it('replaces the file, keeping its mode, its BOM and CRLF, and leaves no temp file behind', () => {
      writeFileSync(at('bad.py'), RELU_XAVIER);
      chmodSync(at('bad.py'), 0o640);
      writeFileSync(at('crlf.py'), '\uFEFF' + RELU_XAVIER.replace(/\n/g, '\r\n'));
      chmodSync(at('crlf.py'), 0o755);
      const r = initlens(dir, ['check', '--fix', '.']);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.err, /Fixed 2 problems\./);
      assert.ok(readFileSync(at('bad.py'), 'utf8').includes(FIXED_CALL));
      assert.equal(statSync(at('bad.py')).mode & 0o7777, 0o640);
      const crlf = readFileSync(at('crlf.py'), 'utf8');
      assert.equal(crlf, '\uFEFF' + RELU_XAVIER.replace('nn.init.xavier_uniform_(self.fc.weight)', FIXED_CALL).replace(/\n/g, '\r\n'));
      assert.equal(statSync(at('crlf.py')).mode & 0o7777, 0o755);
      assert.deepEqual(tempFilesIn(dir), []);
    });

    it('writes through a symlink: the link stays a link, its target is fixed', () => {
      mkdirSync(at('real'));
      writeFileSync(at('real', 'model.py'), RELU_XAVIER);
      symlinkSync(join('real', 'model.py'), at('link.py'));
      const r = initlens(dir, ['check', '--fix', 'link.py']);
      assert.equal(r.code, 0, r.err);
      assert.ok(lstatSync(at('link.py')).isSymbolicLink());
      assert.equal(readlinkSync(at('link.py')), join('real', 'model.py'));
      assert.ok(readFileSync(at('real', 'model.py'), 'utf8').includes(FIXED_CALL));
      assert.deepEqual(tempFilesIn(dir), []);
      assert.deepEqual(tempFilesIn(at('real')), []);
    });

    it('in a read-only folder: names the file, leaves it intact, exit 1', function () {
      if (asRoot) this.skip(); // root writes into a read-only folder; the failed rename is tested in-process below
      mkdirSync(at('ro'));
      writeFileSync(at('ro', 'bad.py'), RELU_XAVIER);
      writeFileSync(at('ok.py'), RELU_XAVIER);
      chmodSync(at('ro'), 0o555);
      age(at('ro', 'bad.py'));
      const before = snapshot(at('ro', 'bad.py'));
      const r = initlens(dir, ['check', '--fix', '.']);
      chmodSync(at('ro'), 0o755);
      assert.equal(r.code, 1);
      assert.match(r.err, named('ro/bad.py', 'could not write the fixes \\(permission denied\\); the file is unchanged'));
      assert.deepEqual(snapshot(at('ro', 'bad.py')), before);
      assert.match(r.out, /^ro\/bad\.py:9:9: INIT001/m); // still reported: the file on disk still has it
      assert.ok(readFileSync(at('ok.py'), 'utf8').includes(FIXED_CALL));
      assert.deepEqual(tempFilesIn(at('ro')), []);
    });

    it('never touches a file with syntax errors, even with fixable findings; says why', () => {
      copyFileSync(join(fixtures, 'python', 'broken_dangling_def.py'), at('broken.py'));
      copyFileSync(join(fixtures, 'tfjs', 'broken_unclosed_brace.ts'), at('broken.ts'));
      writeFileSync(at('ok.py'), RELU_XAVIER);
      age(at('broken.py'));
      age(at('broken.ts'));
      const before = [snapshot(at('broken.py')), snapshot(at('broken.ts'))];
      const r = initlens(dir, ['check', '--fix', '.']);
      assert.deepEqual([snapshot(at('broken.py')), snapshot(at('broken.ts'))], before);
      assert.match(r.err, named('broken.py', 'not fixed: it has 1 syntax error, and a file that does not parse is never rewritten'));
      assert.match(r.err, named('broken.ts', 'not fixed: it has 1 syntax error'));
      assert.match(r.out, /^broken\.py:10:9: INIT002 \[\*\]/m); // the findings are still reported
      assert.match(r.err, /Fixed 1 problem\./);
      assert.ok(readFileSync(at('ok.py'), 'utf8').includes(FIXED_CALL));
      assert.equal(r.code, 1); // broken.py's findings are left
      noStack(r);
    });

    it('never touches a file it could not read or decode, nor a file with nothing to fix', () => {
      writeFileSync(at('blob.py'), Buffer.concat([Buffer.from(RELU_XAVIER), Buffer.from([0, 1, 2])]));
      writeFileSync(at('latin1.py'), Buffer.concat([Buffer.from(RELU_XAVIER), Buffer.from([0xe9, 0x0a])]));
      writeFileSync(at('clean.py'), CLEAN);
      const files = ['blob.py', 'latin1.py', 'clean.py'];
      for (const f of files) age(at(f));
      const before = files.map((f) => snapshot(at(f)));
      const r = initlens(dir, ['check', '--fix', '.']);
      assert.equal(r.code, 1);
      assert.deepEqual(files.map((f) => snapshot(at(f))), before);
      assert.doesNotMatch(r.err, /Fixed/);
      assert.deepEqual(tempFilesIn(dir), []);
    });
  });
});

describe('fixing on disk (in-process)', () => {
  let dir: string;
  tempDirPerTest('initlens-write-', (d) => (dir = d));

  it('writeFileAtomic: a rename that fails leaves the target as it was and no temp file', () => {
    // renaming a file over a folder fails (EISDIR) whoever runs it, root included
    mkdirSync(join(dir, 'model.py'));
    writeFileSync(join(dir, 'model.py', 'inside.txt'), 'kept');
    assert.throws(() => writeFileAtomic(join(dir, 'model.py'), 'new'), (e: NodeJS.ErrnoException) => typeof e.code === 'string');
    assert.deepEqual(readdirSync(dir), ['model.py']);
    assert.equal(readFileSync(join(dir, 'model.py', 'inside.txt'), 'utf8'), 'kept');
  });

  it('writeFileAtomic: a missing file is an error, not a new file', () => {
    assert.throws(() => writeFileAtomic(join(dir, 'none.py'), 'x'), { code: 'ENOENT' });
    assert.deepEqual(readdirSync(dir), []);
  });

  /** A one-line document whose only fix would add a syntax error (`((` counts as one here). */
  function stub(text: string): SourceDocument {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } };
    const findings = (): Finding[] => (text.startsWith('xavier')
      ? [{ code: 'INIT001', severity: 'warning', message: 'm', range, fixes: [{ title: 't', edits: [{ range, newText: 'kaim((' }] }] }]
      : []);
    return {
      text, content: text, findings, reported: findings,
      syntaxErrors: (t) => (t.match(/\(\(/g) ?? []).length,
      apply: (edits) => stub(applyEdits(text, edits)),
    };
  }

  it('fixFile: a fix that would add a syntax error is not applied and the file is not written', () => {
    const path = join(dir, 'model.py');
    writeFileSync(path, 'xavier(w)\n');
    age(path);
    const before = snapshot(path);
    const outcome = fixFile(path, stub('xavier(w)\n'));
    assert.equal(outcome.fixed, 0);
    assert.equal(outcome.findings?.length, 1);
    assert.deepEqual(snapshot(path), before);
  });
});
