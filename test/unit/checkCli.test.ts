import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
import { tempDirPerTest } from '../helpers/tempDir';
import { RELU_XAVIER } from './cliSources';

const fixtures = join(__dirname, '..', 'fixtures');

async function check(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['check', ...argv], (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}


describe('initlens check', () => {
  let dir: string;
  tempDirPerTest('initlens-check-', (d) => (dir = d));

  it('reports findings as text, exit 1, and a clean file with exit 0', async () => {
    writeFileSync(join(dir, 'bad.py'), RELU_XAVIER);
    const bad = await check(join(dir, 'bad.py'));
    assert.equal(bad.code, 1);
    assert.match(bad.out, /bad\.py:9:9: INIT001 \[\*\] warning: Xavier\/Glorot scaling before relu/);
    assert.match(bad.out, /Found 1 problem \(1 fixable with --fix\)\./);
    writeFileSync(join(dir, 'good.py'), RELU_XAVIER.replace('xavier_uniform_(self.fc.weight)', "kaiming_uniform_(self.fc.weight, nonlinearity='relu')"));
    const good = await check(join(dir, 'good.py'));
    assert.equal(good.code, 0, good.out);
    assert.match(good.out, /All checks passed!/);
  });

  it('writes JSON with 1-based lines and columns, and the fixes as edits', async () => {
    writeFileSync(join(dir, 'bad.py'), RELU_XAVIER);
    const r = await check('--format', 'json', join(dir, 'bad.py'));
    const [f] = JSON.parse(r.out);
    assert.deepEqual(
      { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, code: f.code, severity: f.severity },
      { line: 9, column: 9, endLine: 9, endColumn: 48, code: 'INIT001', severity: 'warning' },
    );
    assert.equal(f.file, join(dir, 'bad.py'));
    assert.equal(f.fixes[0].edits[0].newText, "nn.init.kaiming_uniform_(self.fc.weight, nonlinearity='relu')");
  });

  it('exits 0 when only hints and information are left', async () => {
    writeFileSync(join(dir, 'hint.py'), RELU_XAVIER.replace('        nn.init.xavier_uniform_(self.fc.weight)\n', ''));
    const r = await check('--format', 'json', join(dir, 'hint.py'));
    assert.deepEqual(JSON.parse(r.out).map((f: { code: string }) => f.code), ['INIT009']);
    assert.equal(r.code, 0);
  });

  it('selects and ignores by code and prefix', async () => {
    writeFileSync(join(dir, 'bad.py'), RELU_XAVIER);
    assert.equal((await check('--ignore', 'INIT001', join(dir, 'bad.py'))).code, 0);
    assert.equal((await check('--select', 'INIT00', '--ignore', 'INIT001', join(dir, 'bad.py'))).code, 0);
    assert.equal((await check('--select', 'INIT005,INIT001', join(dir, 'bad.py'))).code, 1);
  });

  it('fixes in place, and a second --fix changes nothing', async () => {
    const file = join(dir, 'bad.py');
    writeFileSync(file, RELU_XAVIER);
    const first = await check('--fix', file);
    assert.equal(first.code, 0, first.out);
    assert.match(first.err, /Fixed 1 problem\./);
    const fixed = readFileSync(file, 'utf8');
    assert.match(fixed, /nn\.init\.kaiming_uniform_\(self\.fc\.weight, nonlinearity='relu'\)/);
    await check('--fix', file);
    assert.equal(readFileSync(file, 'utf8'), fixed);
  });

  it('walks folders, reports notebooks by cell, and skips binary and non-UTF-8 files without stopping', async () => {
    mkdirSync(join(dir, 'pkg'));
    writeFileSync(join(dir, 'pkg', 'bad.py'), RELU_XAVIER);
    writeFileSync(join(dir, 'pkg', 'blob.py'), Buffer.from([0x69, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'pkg', 'latin1.py'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    copyFileSync(join(fixtures, 'notebooks', 'mlp_cells_split.ipynb'), join(dir, 'pkg', 'nb.ipynb'));
    const r = await check('--format', 'json', dir);
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.out);
    assert.ok(findings.some((f: { file: string }) => f.file.endsWith('bad.py')));
    const cells = findings.filter((f: { file: string }) => f.file.endsWith('nb.ipynb'));
    assert.ok(cells.length > 0 && cells.every((f: { cell: number }) => Number.isInteger(f.cell) && f.cell >= 1));
    assert.match(r.err, /blob\.py: binary file, skipped/);
    assert.match(r.err, /latin1\.py: not valid UTF-8, skipped/);
  });

  it('checks a mixed folder of Python, notebooks and TS/JS in one run', async () => {
    copyFileSync(join(fixtures, 'python', 'init001_xavier_fc_forward.py'), join(dir, 'model.py'));
    copyFileSync(join(fixtures, 'notebooks', 'mlp_cells_split.ipynb'), join(dir, 'explore.ipynb'));
    copyFileSync(join(fixtures, 'tfjs', 'init009_defaults_sequential_config.ts'), join(dir, 'model.ts'));
    copyFileSync(join(fixtures, 'tfjs', 'clean_mnist_convnet.ts'), join(dir, 'mnist.ts'));
    writeFileSync(join(dir, 'util.js'), 'module.exports = (a, b) => a + b;\n');
    const r = await check('--format', 'json', dir);
    const byFile = new Map<string, string[]>();
    for (const f of JSON.parse(r.out) as { file: string; code: string }[]) {
      const name = f.file.split('/').pop()!;
      byFile.set(name, [...(byFile.get(name) ?? []), f.code]);
    }
    assert.deepEqual([...byFile.keys()].sort(), ['explore.ipynb', 'model.py', 'model.ts']);
    assert.ok(byFile.get('model.ts')!.every((c) => c === 'INIT009'));
    assert.equal(r.err, '');
  });

  it('writes SARIF 2.1.0', async () => {
    writeFileSync(join(dir, 'bad.py'), RELU_XAVIER);
    const log = JSON.parse((await check('--format', 'sarif', join(dir, 'bad.py'))).out);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].results[0].ruleId, 'INIT001');
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.region.startLine, 9);
  });

  it('answers wrong usage with the usage text and exit 2', async () => {
    for (const argv of [['--format', 'xml', 'a.py'], ['--select', 'INIT999', 'a.py'], ['--bogus', 'a.py'], []]) {
      const r = await check(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, /Usage:/);
    }
  });

  it('reports a missing path and still checks the others', async () => {
    writeFileSync(join(dir, 'bad.py'), RELU_XAVIER);
    const r = await check(join(dir, 'missing.py'), join(dir, 'bad.py'));
    assert.equal(r.code, 1);
    assert.match(r.err, /missing\.py: no such file or directory/);
    assert.match(r.out, /INIT001/);
  });
});
