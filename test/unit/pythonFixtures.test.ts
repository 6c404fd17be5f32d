import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePython } from '../../src/analysis/analyzePython';
import { readNotebook } from '../../src/analysis/notebook';
import { loadParsers } from '../helpers/parsers';

// Each fixture states what must be found: `# expect: INIT001, INIT009` on the line a finding starts.
// The test asserts the exact set of (code, line): nothing missing, nothing extra.

const EXPECT = /expect:\s*((?:INIT\d{3}\s*,?\s*)+)/;

function expected(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (m) for (const code of m[1].split(',').map((c) => c.trim()).filter(Boolean)) out.push(`${code}@${i + 1}`);
  });
  return out.sort();
}

function found(text: string): string[] {
  return analyzePython(text).findings.map((f) => `${f.code}@${f.range.start.line + 1}`).sort();
}

describe('Python fixtures: exact findings', () => {
  before(() => loadParsers());
  const dir = join(__dirname, '..', 'fixtures', 'python');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.py')).sort()) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      assert.deepEqual(found(text), expected(text));
    });
  }
  const notebooks = join(__dirname, '..', 'fixtures', 'notebooks');
  for (const file of readdirSync(notebooks).filter((f) => f.endsWith('.ipynb')).sort()) {
    it(`${file} (cells analysed as one program)`, () => {
      const { text } = readNotebook(readFileSync(join(notebooks, file), 'utf8'));
      assert.deepEqual(found(text), expected(text));
    });
  }
});
