import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collectFiles, readSource } from '../../src/cli/collectFiles';

const EXTENSIONS = ['.py', '.ipynb', '.ts', '.js'];

describe('collectFiles', () => {
  let root: string;
  const at = (...parts: string[]) => join(root, ...parts);
  const file = (rel: string, content: string | Uint8Array = 'x = 1\n') => {
    mkdirSync(dirname(at(rel)), { recursive: true });
    writeFileSync(at(rel), content);
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'initlens-collect-'));
    for (const rel of [
      'a.py', 'b.ipynb', 'notes.txt', 'Upper.PY', 'pkg/model.ts', 'pkg/deep/net.js',
      '.git/hooks/x.py', '.venv/lib/y.py', '.hidden.py', 'node_modules/z/index.js', 'pkg/__pycache__/q.py',
      'venv/v.py', 'env/lib/site-packages/s.py', 'dist/o.js', 'build/p.py', 'outside/o.py',
    ]) file(rel);
    symlinkSync('..', at('pkg', 'loop')); // a folder that contains itself
    symlinkSync(at('outside'), at('pkg', 'linked'));
    symlinkSync(at('missing.py'), at('dangling.py'));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('walks folders, skipping hidden entries, dependencies and build output, without looping through links', () => {
    const { files, problems } = collectFiles([root], EXTENSIONS);
    assert.deepEqual(files, [
      at('Upper.PY'), at('a.py'), at('b.ipynb'), at('outside', 'o.py'), at('pkg', 'deep', 'net.js'), at('pkg', 'model.ts'),
    ]);
    assert.deepEqual(problems, []);
  });

  it('follows a linked folder that is no loop', () => {
    assert.deepEqual(collectFiles([at('pkg')], EXTENSIONS).files, [at('pkg', 'deep', 'net.js'), at('pkg', 'linked', 'o.py'), at('pkg', 'model.ts')]);
  });

  it('takes named files and folders as they are written, sorted and each once', () => {
    const named = collectFiles([at('pkg', 'model.ts'), at('a.py'), join(root, '.', 'a.py'), at('pkg'), at('build', 'p.py')], EXTENSIONS);
    assert.deepEqual(named.files, [at('a.py'), at('build', 'p.py'), at('pkg', 'deep', 'net.js'), at('pkg', 'linked', 'o.py'), at('pkg', 'model.ts')]);
    assert.deepEqual(named.problems, []);
  });

  it('reports a missing path and a named file of another type as problems', () => {
    const { files, problems } = collectFiles([at('nope'), at('notes.txt'), at('a.py'), at('dangling.py')], EXTENSIONS);
    assert.deepEqual(files, [at('a.py')]);
    assert.deepEqual(problems, [
      { path: at('nope'), message: 'no such file or directory' },
      { path: at('notes.txt'), message: 'unsupported file type' },
      { path: at('dangling.py'), message: 'no such file or directory' },
    ]);
  });
});

describe('readSource', () => {
  let root: string;
  before(() => (root = mkdtempSync(join(tmpdir(), 'initlens-read-'))));
  after(() => rmSync(root, { recursive: true, force: true }));

  function read(name: string, content: string | Uint8Array) {
    writeFileSync(join(root, name), content);
    return readSource(join(root, name));
  }

  it('reads UTF-8 text, dropping a BOM', () => {
    assert.deepEqual(read('ok.py', 'π = 3.14  # ☃\n'), { path: join(root, 'ok.py'), text: 'π = 3.14  # ☃\n' });
    assert.deepEqual(read('bom.py', '\uFEFFimport torch\n'), { path: join(root, 'bom.py'), text: 'import torch\n' });
    assert.deepEqual(read('empty.py', ''), { path: join(root, 'empty.py'), text: '' });
  });

  it('skips a file with a NUL byte in its first 8000 bytes, but not later', () => {
    assert.deepEqual(read('bin.py', new Uint8Array([0x78, 0x00, 0x79])), { path: join(root, 'bin.py'), message: 'binary file, skipped' });
    const late = 'x'.repeat(8000) + '\0';
    assert.deepEqual(read('late.py', late), { path: join(root, 'late.py'), text: late });
  });

  it('skips bytes that are not UTF-8 rather than replacing them', () => {
    const latin1 = new Uint8Array([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]); // "# café" in Latin-1
    assert.deepEqual(read('latin1.py', latin1), { path: join(root, 'latin1.py'), message: 'not valid UTF-8, skipped' });
  });

  it('reports a missing file and a folder instead of throwing', () => {
    assert.deepEqual(readSource(join(root, 'none.py')), { path: join(root, 'none.py'), message: 'no such file or directory' });
    assert.deepEqual(readSource(root), { path: root, message: 'is a directory' });
  });

  it('reports a file it may not read', function () {
    // root reads every file whatever its mode, so there is nothing to test there
    if (process.getuid?.() === 0) this.skip();
    read('secret.py', 'x = 1\n');
    chmodSync(join(root, 'secret.py'), 0o000);
    assert.deepEqual(readSource(join(root, 'secret.py')), { path: join(root, 'secret.py'), message: 'permission denied' });
  });
});
