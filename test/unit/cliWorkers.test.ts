import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { RULE_CODES } from '../../src/analysis/finding';
import { checkOrReport, grammarsFor, loadParsers } from '../../src/cli/checkOrReport';
import { parseJobs, workerCount } from '../../src/cli/jobs';
import { run } from '../../src/cli/main';
import { initlens, requireBuiltCli, type Run } from '../helpers/builtCli';
import { tempDirPerTest } from '../helpers/tempDir';
import { RELU_XAVIER } from './cliSources';

// `check --jobs N` on worker threads of the built CLI (`npm run build`), against `--jobs 1`, the
// one-thread path: the same bytes on stdout and stderr, the same exit status, the same files
// after --fix, and the same one-file cost of a bug, whatever thread meets it.

const fixtures = join(__dirname, '..', 'fixtures');

/** Every `step`-th file of a fixture folder, by name: a deterministic slice of all kinds of input. */
function fixtureSlice(folder: string, step: number, keep: (name: string) => boolean = () => true): string[] {
  return readdirSync(join(fixtures, folder)).filter((n) => n !== 'README.md' && keep(n)).sort()
    .filter((_, i) => i % step === 0).map((n) => join(fixtures, folder, n));
}

function copyInto(dir: string, files: string[]): void {
  mkdirSync(dir, { recursive: true });
  for (const f of files) cpSync(f, join(dir, relative(fixtures, f).replace(/[\\/]/g, '_')));
}

/** Every file under `dir` with its bytes, by relative path. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[relative(dir, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'latin1');
  }
  return out;
}

const INTERNAL = (file: string, hook: string) =>
  new RegExp(`^${file.replace(/[./]/g, '\\$&')}: internal error: Error: ${hook}: .*\\(a bug in InitLens; --debug shows the stack trace\\)$`, 'm');

describe('initlens check --jobs: worker threads (the built CLI as a subprocess)', function () {
  let dir: string;
  const at = (...parts: string[]) => join(dir, ...parts);

  requireBuiltCli();
  tempDirPerTest('initlens-workers-', (d) => (dir = d));

  describe('on a folder of 46 files: Python (broken ones too), TS/JS, notebooks, a binary and a non-UTF-8 file', () => {
    /** A file of the folder with findings, which the test hooks pick. */
    const HELD = 'python_init001_keras_strings.py';
    /** The one-thread run with HELD's analysis throwing: what a worker's bug or crash must also give. */
    let thrownOnOneThread: Run | undefined;
    const thrown = () => (thrownOnOneThread ??= initlens(dir, ['check', '--jobs', '1', 'src'], { INITLENS_DEBUG_THROW: HELD }));

    beforeEach(() => {
      copyInto(at('src'), [...fixtureSlice('python', 3), ...fixtureSlice('tfjs', 4), ...fixtureSlice('notebooks', 1)]);
      writeFileSync(at('src', 'zz_binary.py'), Buffer.from([0x78, 0x00, 0x01]));
      writeFileSync(at('src', 'zz_latin1.py'), Buffer.from('x = "caf\xe9"\n', 'latin1'));
      assert.equal(readdirSync(at('src')).length, 46);
    });
    after(() => (thrownOnOneThread = undefined));

    it('--jobs 2 prints the bytes --jobs 1 prints, on stdout and stderr, with the same exit status, in every format', () => {
      for (const format of ['text', 'json', 'sarif']) {
        const args = ['check', '--format', format, 'missing.py', 'src'];
        const one = initlens(dir, [...args, '--jobs', '1']);
        const two = initlens(dir, [...args, '--jobs', '2']);
        assert.equal(one.code, 1, one.err);
        assert.match(one.err, /^src\/zz_binary\.py: binary file, skipped$/m);
        assert.deepEqual(two, one, format);
      }
    });

    it('an internal error in a worker costs that file only, with the message of --jobs 1; --debug adds the stack', () => {
      const two = initlens(dir, ['check', '--jobs', '2', 'src'], { INITLENS_DEBUG_THROW: HELD });
      assert.match(two.err, INTERNAL(`src/${HELD}`, 'INITLENS_DEBUG_THROW'));
      assert.deepEqual(two, thrown());
      const debug = initlens(dir, ['check', '--debug', '--jobs', '2', 'src'], { INITLENS_DEBUG_THROW: HELD });
      assert.match(debug.err, new RegExp(`^src/${HELD.replace(/\./g, '\\.')}: internal error: Error: INITLENS_DEBUG_THROW: .*\n\\s+at `, 'm'));
      assert.equal(debug.out, thrown().out);
    });

    it('a worker thread that dies costs the file it held (an internal error); the other workers finish the run', () => {
      const crashed = initlens(dir, ['check', '--jobs', '2', 'src'], { INITLENS_DEBUG_CRASH: HELD });
      assert.equal(crashed.code, 1);
      assert.match(crashed.err, INTERNAL(`src/${HELD}`, 'INITLENS_DEBUG_CRASH'));
      // the report of the one-thread run where that file's analysis threw; only the reason differs
      assert.equal(crashed.out, thrown().out);
      assert.equal(crashed.err.replace('INITLENS_DEBUG_CRASH: a simulated crash of the worker thread checking', ''),
        thrown().err.replace('INITLENS_DEBUG_THROW: a simulated internal error in', ''));
    });
  });

  it('--fix --jobs 2 leaves every file as --fix --jobs 1 does, and says the same', () => {
    const files = [...fixtureSlice('fixes', 1, (n) => !n.includes('.fixed.')), join(fixtures, 'python', 'broken_stray_paren.py')];
    copyInto(at('one'), files);
    copyInto(at('two'), files);
    const one = initlens(at('one'), ['check', '--fix', '--jobs', '1', '.']);
    const two = initlens(at('two'), ['check', '--fix', '--jobs', '2', '.']);
    assert.match(one.err, /^Fixed \d+ problems\.$/m);
    assert.deepEqual(two, one);
    assert.deepEqual(contents(at('two')), contents(at('one')));
    assert.equal(readFileSync(at('two', 'fixes_init001_torch.py'), 'utf8'), readFileSync(join(fixtures, 'fixes', 'init001_torch.fixed.py'), 'utf8'));
  });

  it('when every worker thread dies, the main thread checks the rest', () => {
    // every file crashes the worker that checks it, so each worker dies on its first
    const folders = ['a', 'b', 'c', 'd', 'e'];
    for (const sub of folders) copyInto(at(sub), [join(fixtures, 'python', 'init001_keras_strings.py')]);
    const r = initlens(dir, ['check', '--format', 'json', '--jobs', '2', ...folders], { INITLENS_DEBUG_CRASH: 'python_init001_keras_strings.py' });
    assert.equal(r.code, 1);
    const crashed = folders.filter((sub) => INTERNAL(`${sub}/python_init001_keras_strings.py`, 'INITLENS_DEBUG_CRASH').test(r.err));
    assert.equal(crashed.length, 2, r.err);
    assert.equal(r.err.trim().split('\n').length, 2, r.err);
    const checked = new Set(JSON.parse(r.out).map((f: { file: string }) => f.file.split('/')[0]));
    assert.deepEqual([...checked].sort(), folders.filter((sub) => !crashed.includes(sub)));
  });

  it('a small run (one thread by default) and more jobs than files both give the --jobs 1 result', () => {
    writeFileSync(at('a.py'), RELU_XAVIER);
    writeFileSync(at('b.py'), 'x = 1\n');
    const one = initlens(dir, ['check', '--jobs', '1', '.']);
    assert.equal(one.code, 1);
    assert.match(one.out, /^a\.py:9:9: INIT001/m);
    assert.deepEqual(initlens(dir, ['check', '.']), one);
    assert.deepEqual(initlens(dir, ['check', '--jobs', '8', '.']), one);
  });
});

describe('check on worker threads (in-process)', () => {
  before(() => loadParsers(['python', 'typescript', 'tsx', 'javascript']));

  it('loads only the grammars the run needs', () => {
    assert.deepEqual(grammarsFor(['a.py', 'b/c.ipynb', 'd.PY']), ['python']);
    assert.deepEqual(grammarsFor(['a.ts', 'b.mjs', 'c.tsx', 'd.cjs', 'e.py']).sort(), ['javascript', 'python', 'tsx', 'typescript']);
    assert.deepEqual(grammarsFor([]), []);
  });

  it('a --jobs that is not a whole number from 1 to 256 is wrong usage: the message, the usage text, exit 2', async () => {
    for (const value of ['0', '-1', '1.5', 'two', '', '257']) {
      let out = '';
      let err = '';
      const code = await run(['check', `--jobs=${value}`, 'a.py'], (s) => (out += s), (s) => (err += s));
      assert.equal(code, 2, value);
      assert.ok(err.startsWith(`initlens: --jobs takes a whole number from 1 to 256, got '${value}'\n\nUsage:`), err);
      assert.equal(out, '');
    }
    let err = '';
    assert.equal(await run(['check', 'a.py', '--jobs'], () => {}, (s) => (err += s)), 2);
    assert.match(err, /--jobs/);
  });

  it('every fixture\'s outcome, and a fixed file\'s, survives the structured clone postMessage makes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'initlens-clone-'));
    try {
      const fixable = fixtureSlice('fixes', 1, (n) => !n.includes('.fixed.'));
      copyInto(dir, [...fixtureSlice('python', 1), ...fixtureSlice('tfjs', 1), ...fixtureSlice('notebooks', 1), ...fixable]);
      const rules = new Set(RULE_CODES);
      let fixedFiles = 0;
      for (const name of readdirSync(dir)) {
        const outcome = checkOrReport(join(dir, name), { rules, fix: name.startsWith('fixes_') }, false);
        assert.deepStrictEqual(structuredClone(outcome), outcome, name);
        if (outcome.fixed > 0) fixedFiles++;
      }
      assert.equal(fixedFiles, fixable.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('workerCount: --jobs is obeyed up to one worker per file; the default is one per core, one thread for a small run', () => {
    assert.equal(workerCount(4, 100, 0, 2), 4);
    assert.equal(workerCount(4, 3, 0, 2), 3);
    assert.equal(workerCount(1, 100, 10_000_000, 8), 1);
    assert.equal(workerCount(undefined, 1000, 10_000_000, 2), 2);
    assert.equal(workerCount(undefined, 1, 10_000_000, 8), 1);
    assert.equal(workerCount(undefined, 5, 1_000, 8), 1);
    assert.equal(parseJobs(undefined), undefined);
    assert.equal(parseJobs('3'), 3);
  });
});
