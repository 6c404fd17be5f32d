import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { analyzePython } from '../../src/analysis/analyzePython';
import { editTree } from '../../src/analysis/incremental';
import { LineIndex } from '../../src/analysis/lineIndex';
import { parse } from '../../src/analysis/parser';
import { loadParsers } from '../helpers/parsers';

const source = readFileSync(join(__dirname, '..', 'fixtures', 'python', 'init001_xavier_fc_forward.py'), 'utf8');
const summary = (text: string, tree?: Parameters<typeof analyzePython>[2]) =>
  analyzePython(text, {}, tree).findings.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);

describe('incremental re-parse', () => {
  before(() => loadParsers());

  it('gives the same tree and findings as a fresh parse after any edit, non-ASCII text included', () => {
    const base = `# é ∑ 🙂\n${source}`;
    const tree = parse('python', base);
    fc.assert(fc.property(
      fc.nat(base.length), fc.nat(20), fc.constantFrom('', 'x', 'é', '🙂', '\n', ')', '(', '  ', 'relu', '# '),
      (at, length, insert) => {
        const lines = new LineIndex(base);
        // keep surrogate pairs whole, as an editor does
        const start = Math.min(at, base.length);
        const end = Math.min(start + length, base.length);
        if (/[\uDC00-\uDFFF]/.test(base[start] ?? '') || /[\uDC00-\uDFFF]/.test(base[end] ?? '')) return;
        const change = { range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: insert };
        const { text, tree: edited } = editTree(tree, base, change);
        const incremental = parse('python', text, edited);
        assert.equal(incremental.rootNode.toString(), parse('python', text).rootNode.toString());
        assert.deepEqual(summary(text, edited), summary(text));
      },
    ), { numRuns: 150 });
  });
});
