import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixAll } from '../../src/analysis/applyFixes';
import { notebookDocument, pythonDocument, tfjsDocument, type SourceDocument } from '../../src/analysis/documents';
import { parse, syntaxErrorCount } from '../../src/analysis/parser';
import { grammarFor } from '../../src/analysis/tfjsAnalysis';
import { loadParsers } from '../helpers/parsers';

const fixtures = join(__dirname, '..', 'fixtures');
const errors = (text: string) => syntaxErrorCount(parse('python', text));

/** The document for a fixture file: Python, or TS/JS by its extension. */
function documentFor(file: string, text: string): SourceDocument {
  const grammar = grammarFor(file);
  return grammar ? tfjsDocument(text, grammar) : pythonDocument(text);
}

describe('fixes: golden outputs (Python and TS/JS)', () => {
  before(() => loadParsers());
  const dir = join(fixtures, 'fixes');
  const inputs = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(py|ts|tsx|js|mjs|cjs)$/.test(f) && !/\.fixed\.\w+$/.test(f)).sort() : [];
  for (const file of inputs) {
    it(file, () => {
      const input = readFileSync(join(dir, file), 'utf8');
      const golden = readFileSync(join(dir, file.replace(/\.(\w+)$/, '.fixed.$1')), 'utf8');
      const once = fixAll(documentFor(file, input)).document as SourceDocument;
      assert.equal(once.content, golden);
      assert.equal(once.syntaxErrors(once.content), 0, 'the fixed file parses');
      const twice = fixAll(documentFor(file, once.content));
      assert.equal(twice.applied, 0, 'fixing twice changes nothing');
    });
  }
});

describe('Python fixes: every fixture stays parseable and settles', () => {
  before(() => loadParsers());
  const dir = join(fixtures, 'python');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.py')).sort()) {
    it(file, () => {
      const input = readFileSync(join(dir, file), 'utf8');
      const result = fixAll(pythonDocument(input));
      const fixed = (result.document as SourceDocument).content;
      assert.ok(errors(fixed) <= errors(input), 'no fix adds a syntax error');
      assert.equal(fixAll(pythonDocument(fixed)).applied, 0, 'a second --fix finds nothing to do');
      // every finding that offered a fix is gone
      const left = pythonDocument(fixed).findings().filter((f) => f.fixes.length > 0);
      assert.deepEqual(left.map((f) => `${f.code}@${f.range.start.line + 1}`), []);
    });
  }
  for (const file of readdirSync(join(fixtures, 'tfjs')).filter((f) => grammarFor(f)).sort()) {
    it(`tfjs/${file}`, () => {
      const input = readFileSync(join(fixtures, 'tfjs', file), 'utf8');
      const doc = documentFor(file, input);
      const fixed = fixAll(doc).document as SourceDocument;
      assert.ok(fixed.syntaxErrors(fixed.content) <= doc.syntaxErrors(input), 'no fix adds a syntax error');
      assert.equal(fixAll(documentFor(file, fixed.content)).applied, 0, 'a second --fix finds nothing to do');
      assert.deepEqual(fixed.findings().filter((f) => f.fixes.length > 0).map((f) => `${f.code}@${f.range.start.line + 1}`), []);
    });
  }
  for (const file of readdirSync(join(fixtures, 'notebooks')).filter((f) => f.endsWith('.ipynb'))) {
    it(`${file}: fixes go back into their cells`, () => {
      const json = readFileSync(join(fixtures, 'notebooks', file), 'utf8');
      const result = fixAll(notebookDocument(json));
      const fixed = result.document as SourceDocument;
      JSON.parse(fixed.content);
      assert.equal(fixAll(notebookDocument(fixed.content)).applied, 0);
      assert.ok(errors(fixed.text) <= errors(notebookDocument(json).text));
    });
  }
});
