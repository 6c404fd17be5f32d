import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixAll } from '../../src/analysis/applyFixes';
import { notebookDocument, pythonDocument, type SourceDocument } from '../../src/analysis/documents';
import { parse, syntaxErrorCount } from '../../src/analysis/parser';
import { loadParsers } from '../helpers/parsers';

const fixtures = join(__dirname, '..', 'fixtures');
const errors = (text: string) => syntaxErrorCount(parse('python', text));

describe('Python fixes: golden outputs', () => {
  before(() => loadParsers());
  const dir = join(fixtures, 'fixes');
  const inputs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py')).sort() : [];
  for (const file of inputs) {
    it(file, () => {
      const input = readFileSync(join(dir, file), 'utf8');
      const golden = readFileSync(join(dir, file.replace(/\.py$/, '.fixed.py')), 'utf8');
      const once = fixAll(pythonDocument(input)).document as SourceDocument;
      assert.equal(once.content, golden);
      assert.equal(errors(once.content), 0, 'the fixed file parses');
      const twice = fixAll(pythonDocument(once.content));
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
