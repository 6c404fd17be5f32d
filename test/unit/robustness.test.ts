import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { fixAll } from '../../src/analysis/applyFixes';
import { pythonDocument, tfjsDocument } from '../../src/analysis/documents';
import { grammarFor } from '../../src/analysis/tfjsAnalysis';
import { loadParsers } from '../helpers/parsers';

// Half-typed code is the normal state of a file in an editor: the fixtures, cut and spliced with
// Python tokens, must never make the analysis throw, and fix-all must never add a syntax error.
describe('analysis on mutated fixtures', () => {
  before(() => loadParsers());
  const dir = join(__dirname, '..', 'fixtures', 'python');
  const files = readdirSync(dir).filter((f) => f.endsWith('.py')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  const tokens = ['(', ')', '[', ']', ',', ':', '=', '.', 'nn', 'init', 'self', 'weight', '\n', '    ', 'def ', 'class ', 'lambda',
    '*', '**', '"', "'", '"""', '#', 'relu', '0', '-1', 'None', 'for m in self.modules():\n', 'if isinstance(m, ',
    'nn.init.xavier_uniform_(', 'nn.Sequential(', 'F.relu(', 'é', '🙂'];

  it('never throws and never adds a syntax error when fixing', () => {
    fc.assert(fc.property(
      fc.nat(files.length - 1),
      fc.array(fc.tuple(fc.nat(100_000), fc.nat(30), fc.constantFrom(...tokens)), { maxLength: 8 }),
      (i, edits) => {
        let text = files[i];
        for (const [at, remove, insert] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + insert + text.slice(p + remove);
        }
        const doc = pythonDocument(text);
        const result = fixAll(doc);
        assert.ok(result.document.syntaxErrors(result.document.text) <= doc.syntaxErrors(text));
      },
    ), { numRuns: 300, seed: 42 });
  });

  const tfjsDir = join(__dirname, '..', 'fixtures', 'tfjs');
  const tfjsFiles = readdirSync(tfjsDir).filter((f) => grammarFor(f)).sort();
  const jsTokens = ['(', ')', '{', '}', '[', ']', ',', ':', '=', '.', ';', 'tf', 'layers', 'dense', 'apply', 'add', '\n', 'const ',
    'function ', '=>', "'", '"', '`', '//', '/*', 'relu', '0', '-1', 'null', 'kernelInitializer: ', 'tf.layers.dense({', 'as any', 'é'];

  it('TS/JS: never throws and never adds a syntax error when fixing', () => {
    fc.assert(fc.property(
      fc.nat(tfjsFiles.length - 1),
      fc.array(fc.tuple(fc.nat(100_000), fc.nat(30), fc.constantFrom(...jsTokens)), { maxLength: 8 }),
      (i, edits) => {
        const file = tfjsFiles[i];
        let text = readFileSync(join(tfjsDir, file), 'utf8');
        for (const [at, remove, insert] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + insert + text.slice(p + remove);
        }
        const doc = tfjsDocument(text, grammarFor(file)!);
        const result = fixAll(doc);
        assert.ok(result.document.syntaxErrors(result.document.text) <= doc.syntaxErrors(text));
      },
    ), { numRuns: 300, seed: 42 });
  });
});
