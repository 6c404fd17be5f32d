import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePython } from '../../src/analysis/analyzePython';
import { loadParsers } from '../helpers/parsers';
import { oraclesSkipped, TORCH_PYTHON } from './torchOracle';

interface Report {
  errors: { where: string; type: string; message: string }[];
  warnings: string[];
  built: string[];
  skipped: string | null;
}

const fixtures = join(__dirname, '..', 'fixtures');
const torchFiles = (dir: string) => readdirSync(dir)
  .filter((f) => f.endsWith('.py') && !f.startsWith('broken_'))
  .map((f) => join(dir, f))
  .filter((f) => /^\s*(import torch|from torch)/m.test(readFileSync(f, 'utf8')));

function runUnderTorch(files: string[]): Record<string, Report> {
  const r = spawnSync(TORCH_PYTHON, [join(__dirname, 'run_models.py')], { input: JSON.stringify(files), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`run_models.py failed (is PyTorch installed for ${TORCH_PYTHON}?): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// The rules say what PyTorch will do: INIT006/INIT007 raise ValueError, INIT005 warns.
// Here the fixtures run under real PyTorch 1.13 to hold those claims, and the fixed files must run clean.
(oraclesSkipped ? describe.skip : describe)('rules against real PyTorch', () => {
  const python = torchFiles(join(fixtures, 'python'));
  const fixes = torchFiles(join(fixtures, 'fixes'));
  let reports: Record<string, Report>;
  before(async () => {
    await loadParsers();
    reports = runUnderTorch([...python, ...fixes]);
  });

  it('every ValueError PyTorch raises while building a fixture model is an INIT006 or INIT007 finding quoting it', () => {
    let raised = 0;
    for (const file of python) {
      const messages = analyzePython(readFileSync(file, 'utf8')).findings
        .filter((f) => f.code === 'INIT006' || f.code === 'INIT007').map((f) => f.message);
      for (const e of reports[file].errors) {
        assert.equal(e.type, 'ValueError', `${file}: ${e.where} raised ${e.type}: ${e.message}`);
        assert.ok(messages.some((m) => m.includes(e.message)), `${file}: PyTorch raised "${e.message}", no finding says so`);
        raised++;
      }
    }
    assert.ok(raised >= 4, `only ${raised} models raised: the fixtures no longer exercise INIT006/INIT007`);
  });

  it('every INIT005 alias in a model that builds makes PyTorch warn as the message says', () => {
    let checked = 0;
    for (const file of python) {
      const findings = analyzePython(readFileSync(file, 'utf8')).findings.filter((f) => f.code === 'INIT005');
      if (!findings.length || reports[file].built.length === 0) continue;
      for (const f of findings) {
        const quoted = /"(nn\.init\.\w+ is now deprecated in favor of nn\.init\.\w+)"/.exec(f.message)![1];
        assert.ok(reports[file].warnings.some((w) => w.startsWith(quoted)), `${file}: PyTorch did not warn "${quoted}"`);
        checked++;
      }
    }
    assert.ok(checked >= 3);
  });

  it('the fixed golden files build under PyTorch without errors or deprecation warnings', () => {
    const fixed = fixes.filter((f) => f.endsWith('.fixed.py'));
    assert.ok(fixed.length >= 10);
    for (const file of fixed) {
      const report = reports[file];
      assert.equal(report.skipped, null, file);
      assert.deepEqual(report.errors, [], file);
      assert.deepEqual(report.warnings.filter((w) => w.includes('deprecated')), [], file);
    }
  });
});
