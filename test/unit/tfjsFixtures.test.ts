import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeTfjs } from '../../src/analysis/analyzeTfjs';
import { grammarFor } from '../../src/analysis/tfjsAnalysis';
import { loadParsers } from '../helpers/parsers';

// Same format as the Python fixtures: `// expect: INIT001` on the line a finding starts; the exact
// set of (code, line) must be found.
const EXPECT = /expect:\s*((?:INIT\d{3}\s*,?\s*)+)/;

function expected(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (m) for (const code of m[1].split(',').map((c) => c.trim()).filter(Boolean)) out.push(`${code}@${i + 1}`);
  });
  return out.sort();
}

describe('TF.js fixtures: exact findings', () => {
  before(() => loadParsers());
  const dir = join(__dirname, '..', 'fixtures', 'tfjs');
  for (const file of readdirSync(dir).filter((f) => grammarFor(f)).sort()) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const found = analyzeTfjs(text, grammarFor(file)!).findings.map((f) => `${f.code}@${f.range.start.line + 1}`).sort();
      assert.deepEqual(found, expected(text));
    });
  }
});
