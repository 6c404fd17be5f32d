import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePython } from '../../src/analysis/analyzePython';
import { analyzeTfjs } from '../../src/analysis/analyzeTfjs';
import { grammarFor } from '../../src/analysis/tfjsAnalysis';
import { LineIndex } from '../../src/analysis/lineIndex';
import { loadParsers } from '../helpers/parsers';

// DESIGN: a finding attaches to the initializer expression (the call, or the keyword argument);
// INIT009 and a kept default's INIT008 to the layer constructor. Checked on every finding of every fixture.
describe('finding ranges cover exactly one call, keyword argument or property', () => {
  before(() => loadParsers());
  const dir = join(__dirname, '..', 'fixtures', 'python');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.py')).sort()) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const { analysis, findings } = analyzePython(text);
      const lines = new LineIndex(text);
      for (const f of findings) {
        const node = analysis.tree.rootNode.descendantForPosition(
          { row: f.range.start.line, column: f.range.start.character },
          { row: f.range.end.line, column: f.range.end.character },
        );
        const covered = text.slice(lines.offsetAt(f.range.start), lines.offsetAt(f.range.end));
        assert.equal(node?.text, covered, `${f.code} range is a whole node`);
        const expectedTypes = f.code === 'INIT009' ? ['call'] : ['call', 'keyword_argument'];
        assert.ok(node && expectedTypes.includes(node.type), `${f.code} on a ${node?.type}: ${covered}`);
      }
    });
  }

  const tfjs = join(__dirname, '..', 'fixtures', 'tfjs');
  for (const file of readdirSync(tfjs).filter((f) => grammarFor(f)).sort()) {
    it(`tfjs/${file}`, () => {
      const text = readFileSync(join(tfjs, file), 'utf8');
      const { analysis, findings } = analyzeTfjs(text, grammarFor(file)!);
      const lines = new LineIndex(text);
      for (const f of findings) {
        const node = analysis.tree.rootNode.descendantForPosition(
          { row: f.range.start.line, column: f.range.start.character },
          { row: f.range.end.line, column: f.range.end.character },
        );
        assert.equal(node?.text, text.slice(lines.offsetAt(f.range.start), lines.offsetAt(f.range.end)), `${f.code} range is a whole node`);
        // the `kernelInitializer: …` property, or the layer call for a kept default
        const expectedType = ['INIT009', 'INIT008'].includes(f.code) && node?.type === 'call_expression' ? 'call_expression' : 'pair';
        assert.equal(node?.type, expectedType, `${f.code} on a ${node?.type}`);
      }
    });
  }

  it('puts a Keras finding on the keyword argument and a torch one on the call', () => {
    const text = readFileSync(join(dir, 'init001_keras_strings.py'), 'utf8');
    const lines = new LineIndex(text);
    const [first] = analyzePython(text).findings;
    assert.equal(text.slice(lines.offsetAt(first.range.start), lines.offsetAt(first.range.end)), "kernel_initializer='glorot_uniform'");
  });
});
