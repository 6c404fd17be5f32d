import { strict as assert } from 'node:assert';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as TreeSitter from '@vscode/tree-sitter-wasm';
import * as fc from 'fast-check';
import ts from 'typescript';
import { analyzePython } from '../../src/analysis/analyzePython';
import { analyzeTfjs } from '../../src/analysis/analyzeTfjs';
import { fixAll, type FixableDocument } from '../../src/analysis/applyFixes';
import { notebookDocument, pythonDocument, tfjsDocument, type SourceDocument } from '../../src/analysis/documents';
import type { Finding, Position, Range, TextEdit } from '../../src/analysis/finding';
import { editTree } from '../../src/analysis/incremental';
import { LineIndex } from '../../src/analysis/lineIndex';
import { NotebookError } from '../../src/analysis/notebook';
import { parse, syntaxErrorCount, type Grammar } from '../../src/analysis/parser';
import { loadParsers } from '../helpers/parsers';
import {
  CPythonParser, deepPython, deepTs, hangGuard, hostileText, JS_TOKENS, mutate, mutatedFixture, mutation, notebookFixtures, params,
  PYTHON_TOKENS, pythonFixtures, repeatTo, SEED, tfjsFixtures, type SourceFixture,
} from './fuzzInputs';

// "Hostile and half-typed input never crashes anything, every fix keeps the file valid":
// fast-check properties over the Python and TS/JS analysis, with a fixed seed (INITLENS_FUZZ_SEED)
// and run counts scaled by INITLENS_FUZZ_RUNS (`npm run fuzz` runs 100 times as many).

const GRAMMARS: Grammar[] = ['python', 'typescript', 'tsx', 'javascript'];

function analyse(text: string, grammar: Grammar): Finding[] {
  return grammar === 'python' ? analyzePython(text).findings : analyzeTfjs(text, grammar).findings;
}

function documentOf(text: string, grammar: Grammar): SourceDocument {
  return grammar === 'python' ? pythonDocument(text) : tfjsDocument(text, grammar);
}

const errorsOf = (text: string, grammar: Grammar) => syntaxErrorCount(parse(grammar, text));

// Positions, as VS Code and the LSP count them: lines end at \r\n, \n or a lone \r; characters are UTF-16 units

/** Offsets where lines start and the length of each line without its line break. */
function lineTable(text: string): { starts: number[]; lengths: number[] } {
  const starts = [0];
  const lengths: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    lengths.push(i - starts[starts.length - 1]);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    starts.push(i + 1);
  }
  lengths.push(text.length - starts[starts.length - 1]);
  return { starts, lengths };
}

const show = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** The offset of a position that lies inside the text (asserted). */
function offsetIn(table: ReturnType<typeof lineTable>, p: Position, what: string): number {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: integer position`);
  assert.ok(p.line >= 0 && p.line < table.starts.length, `${what}: line ${p.line} of ${table.starts.length}`);
  assert.ok(p.character >= 0 && p.character <= table.lengths[p.line], `${what}: character ${p.character} of a ${table.lengths[p.line]}-character line ${p.line}`);
  return table.starts[p.line] + p.character;
}

/** A range inside the text, start before end; returns its offsets. */
function rangeIn(table: ReturnType<typeof lineTable>, r: Range, what: string): [number, number] {
  const start = offsetIn(table, r.start, `${what} ${show(r)} start`);
  const end = offsetIn(table, r.end, `${what} ${show(r)} end`);
  assert.ok(start <= end, `${what} ${show(r)}: start after end`);
  return [start, end];
}

/**
 * Every finding (and every edit of its fixes) lies inside the document, and a finding covers exactly
 * one syntax node: the node found at those offsets spans them, so line/character agree with the text.
 */
function assertFindingsInside(text: string, grammar: Grammar, findings: Finding[]): void {
  const table = lineTable(text);
  let tree: ReturnType<typeof parse> | undefined;
  for (const f of findings) {
    const [start, end] = rangeIn(table, f.range, f.code);
    tree ??= parse(grammar, text);
    const node = tree.rootNode.descendantForIndex(start, end);
    assert.ok(node, `${f.code} ${show(f.range)}: a node there`);
    assert.deepEqual([node.startIndex, node.endIndex], [start, end], `${f.code} ${show(f.range)} covers a whole node (${node.type})`);
    for (const fix of f.fixes) for (const e of fix.edits) rangeIn(table, e.range, `${f.code} fix edit`);
  }
}

// Fixes

interface Step {
  before: string;
  findings: Finding[];
  edits: TextEdit[];
  after: string;
}

/** A document that records every batch of edits fix-all applies to it. */
function recorded(doc: FixableDocument, steps: Step[]): FixableDocument & { inner: FixableDocument } {
  return {
    inner: doc,
    text: doc.text,
    findings: () => doc.findings(),
    syntaxErrors: (t) => doc.syntaxErrors(t),
    apply(edits) {
      const next = doc.apply(edits);
      steps.push({ before: doc.text, findings: doc.findings(), edits, after: next.text });
      return recorded(next, steps);
    },
  };
}

/** `text` with non-overlapping edits applied, written independently of applyEdits. */
function splice(text: string, spans: { start: number; end: number; text: string }[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The import statements of a Python or JS file (at any depth, as the analysis reads them), as offset spans. */
function importSpans(text: string, grammar: Grammar): [number, number][] {
  return parse(grammar, text).rootNode.descendantsOfType(['import_statement', 'import_from_statement', 'future_import_statement'])
    .filter((n) => n !== null)
    .map((n) => [n!.startIndex, n!.endIndex]);
}

/** Where the statement around the node at [start, end) ends. */
function statementEnd(text: string, grammar: Grammar, start: number, end: number): number | undefined {
  for (let n = parse(grammar, text).rootNode.descendantForIndex(start, end); n; n = n.parent) {
    if (/statement$/.test(n.type)) return n.endIndex;
  }
  return undefined;
}

/**
 * One fix-all pass changed only what its edits say, and each edit stays at its finding: inside the
 * finding's range, or a new line of its own (an import, an explicit init after the layer), or
 * `; init(…)` right after the finding's statement in a one-line suite, or a rename inside an import
 * statement (INIT005 on a name imported with `from … import`).
 */
function assertStepLocal(step: Step, grammar: Grammar): void {
  const table = lineTable(step.before);
  const owner = new Map<TextEdit, Finding>();
  for (const f of step.findings) for (const e of f.fixes[0]?.edits ?? []) owner.set(e, f);
  const spans = step.edits.map((e) => {
    const [start, end] = rangeIn(table, e.range, 'applied edit');
    return { start, end, text: e.newText, edit: e };
  }).sort((a, b) => a.start - b.start || a.end - b.end);
  spans.forEach((s, i) => {
    // two insertions at one point only within one fix (`, a=-0.04` then `, b=0.04`), which keep their order
    const prev = spans[i - 1];
    if (i > 0) assert.ok(prev.end <= s.start && (prev.start < s.start || owner.get(prev.edit) === owner.get(s.edit)), 'applied edits do not overlap');
  });
  assert.equal(step.after, splice(step.before, spans), 'the text changes exactly where the edits are, nowhere else');
  let imports: [number, number][] | undefined;
  for (const s of spans) {
    const finding = owner.get(s.edit);
    assert.ok(finding, 'every applied edit is the first fix of a finding');
    const [fStart, fEnd] = rangeIn(table, finding.range, finding.code);
    if (s.start >= fStart && s.end <= fEnd) continue;
    const atLineEnd = s.start === s.end && (s.end === step.before.length || /[\r\n]/.test(step.before[s.end]));
    const atLineStart = s.start === s.end && (s.start === 0 || /[\r\n]/.test(step.before[s.start - 1]));
    if ((atLineEnd && /^\r?\n/.test(s.text)) || (atLineStart && /\n$/.test(s.text))) continue;
    if (s.start === s.end && s.text.startsWith('; ') && s.start === statementEnd(step.before, grammar, fStart, fEnd)) continue;
    imports ??= importSpans(step.before, grammar);
    assert.ok(imports.some(([a, b]) => s.start >= a && s.end <= b),
      `${finding.code} at ${show(finding.range)}: an edit of ${JSON.stringify(step.before.slice(s.start, s.end))} → ${JSON.stringify(s.text)} lies outside the finding`);
  }
}

/** Whether TypeScript's own parser reads `text` without a syntax error (the second parser for TS/JS, as CPython is for Python). */
function typescriptAccepts(text: string, grammar: Grammar): boolean {
  const kind = grammar === 'tsx' ? ts.ScriptKind.TSX : grammar === 'javascript' ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const file = ts.createSourceFile(`fuzz.${grammar}`, text, ts.ScriptTarget.Latest, false, kind);
  return (file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0;
}

/** How often the fix properties really fixed something, and how often the second parser could judge it. */
const fixStats = { runs: 0, fixed: 0, cpython: 0, typescript: 0 };

/** Fix-all on a source: every pass local, no syntax error added (tree-sitter and CPython), nothing left to do after. */
async function assertFixesSound(text: string, grammar: Grammar, cpython?: CPythonParser): Promise<string> {
  const steps: Step[] = [];
  const doc = documentOf(text, grammar);
  const result = fixAll(recorded(doc, steps));
  const fixed = (result.document as ReturnType<typeof recorded>).inner.text;
  assert.equal(steps.length > 0, result.applied > 0);
  fixStats.runs++;
  if (steps.length > 0) fixStats.fixed++;
  for (const step of steps) assertStepLocal(step, grammar);
  assert.ok(errorsOf(fixed, grammar) <= errorsOf(text, grammar), 'no fix adds a tree-sitter ERROR or MISSING node');
  if (cpython && steps.length > 0 && await cpython.accepts(text)) {
    fixStats.cpython++;
    assert.ok(await cpython.accepts(fixed), 'CPython still parses the fixed file');
  }
  if (grammar !== 'python' && steps.length > 0 && typescriptAccepts(text, grammar)) {
    fixStats.typescript++;
    assert.ok(typescriptAccepts(fixed, grammar), 'TypeScript\'s parser still parses the fixed file');
  }
  const again = fixAll(documentOf(fixed, grammar));
  assert.equal(again.applied, 0, 'a second fix-all changes nothing');
  assert.equal(again.document.text, fixed);
  assertFindingsInside(fixed, grammar, documentOf(fixed, grammar).findings());
  return fixed;
}

/** Gives finalizers (tree-sitter trees live outside the JS heap) a turn between runs. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('fuzz: hostile and half-typed input', function () {
  this.timeout(hangGuard(120_000));
  let cpython: CPythonParser;
  before(async () => {
    await loadParsers();
    cpython = new CPythonParser();
    console.log(`      fast-check seed ${SEED}`);
  });
  after(() => cpython.close());

  describe('never throws, every finding inside the document', () => {
    it('arbitrary strings, in each grammar', () => {
      fc.assert(fc.property(fc.oneof(hostileText(PYTHON_TOKENS), hostileText(JS_TOKENS)), (text) => {
        for (const grammar of GRAMMARS) assertFindingsInside(text, grammar, analyse(text, grammar));
      }), params(200));
    });

    it('Python fixtures with deletions, insertions, duplications, truncations, CR/CRLF, BOM, tabs', async () => {
      await fc.assert(fc.asyncProperty(mutatedFixture(pythonFixtures, PYTHON_TOKENS), async (file) => {
        assertFindingsInside(file.text, 'python', analyse(file.text, 'python'));
        await tick();
      }), params(150));
    });

    it('TS/JS fixtures with deletions, insertions, duplications, truncations, CR/CRLF, BOM, tabs', async () => {
      await fc.assert(fc.asyncProperty(mutatedFixture(tfjsFixtures, JS_TOKENS), async (file) => {
        assertFindingsInside(file.text, file.grammar, analyse(file.text, file.grammar));
        await tick();
      }), params(150));
    });

    it('unterminated strings and comments: Python triple quotes, TS template literals and block comments', () => {
      const openers: [Grammar, string][] = [
        ['python', '"""'], ['python', "'''"], ['python', 'f"""{'], ['python', '"'], ['python', "r'"],
        ['typescript', '`'], ['typescript', '`${'], ['typescript', '/*'], ['typescript', "'"], ['typescript', '/'],
        ['javascript', '`'], ['javascript', '/*'], ['tsx', '<div>{'], ['tsx', '`'],
      ];
      fc.assert(fc.property(fc.constantFrom(...openers), fc.nat(1_000_000), fc.nat(1_000_000), ([grammar, opener], i, at) => {
        const files = grammar === 'python' ? pythonFixtures : tfjsFixtures;
        const base = files[i % files.length].text;
        const p = at % (base.length + 1);
        const text = base.slice(0, p) + opener + base.slice(p);
        assertFindingsInside(text, grammar, analyse(text, grammar));
      }), params(150));
    });

    it('notebooks: mutated cells never throw; a broken file is a NotebookError, nothing else', () => {
      fc.assert(fc.property(
        fc.constantFrom(...notebookFixtures), fc.array(mutation(PYTHON_TOKENS), { maxLength: 4 }), fc.nat(), fc.array(mutation(['{', '}', '"', ',', ':', '[', ']', '\\']), { maxLength: 2 }),
        (nb, cellMutations, cellPick, jsonMutations) => {
          const json = JSON.parse(nb.json) as { cells: { cell_type: string; source: string | string[] }[] };
          const code = json.cells.filter((c) => c.cell_type === 'code');
          const cell = code[cellPick % code.length];
          cell.source = mutate(Array.isArray(cell.source) ? cell.source.join('') : cell.source, cellMutations);
          for (const text of [JSON.stringify(json, null, 1), mutate(JSON.stringify(json), jsonMutations)]) {
            try {
              const doc = notebookDocument(text);
              assertFindingsInside(doc.text, 'python', doc.findings());
              const cells = (JSON.parse(text) as typeof json).cells;
              for (const f of doc.reported()) {
                const source = cells[f.cell! - 1].source;
                const table = lineTable(Array.isArray(source) ? source.join('') : source);
                rangeIn(table, f.range, `${f.code} in cell ${f.cell}`);
                for (const fix of f.fixes) for (const e of fix.edits) rangeIn(table, e.range, `${f.code} fix edit in cell ${f.cell}`);
              }
            } catch (e) {
              if (!(e instanceof NotebookError)) throw e;
            }
          }
        },
      ), params(100));
    });
  });

  describe('line breaks, BOM and non-ASCII text do not move findings', () => {
    const sig = (fs: Finding[], shift = 0) => fs.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character + (f.range.start.line === 0 ? shift : 0)}-${f.range.end.line}:${f.range.end.character + (f.range.end.line === 0 ? shift : 0)}`);
    for (const [label, files] of [['Python', pythonFixtures], ['TS/JS', tfjsFixtures]] as const) {
      it(`${label}: CRLF and lone-CR line endings give the findings of LF; a BOM shifts line 0 by one`, () => {
        for (const file of files) {
          const lf = sig(analyse(file.text, file.grammar));
          for (const eol of ['\r\n', '\r']) {
            const text = file.text.replace(/\n/g, eol);
            const findings = analyse(text, file.grammar);
            assert.deepEqual(sig(findings), lf, `${file.name} with ${JSON.stringify(eol)}`);
            assertFindingsInside(text, file.grammar, findings);
          }
          assert.deepEqual(sig(analyse(`\uFEFF${file.text}`, file.grammar), -1), lf, `${file.name} with a BOM`);
        }
      });
    }
  });

  it('incremental re-parse of a file mixing LF, CRLF and lone CR gives the findings of a fresh parse', () => {
    const file = pythonFixtures.find((f) => f.name === 'python/init001_xavier_fc_forward.py')!;
    let k = 0;
    const base = `# é 🙂\n${file.text}`.replace(/\n/g, () => ['\n', '\r\n', '\r'][k++ % 3]);
    const tree = parse('python', base);
    const summary = (fs: Finding[]) => fs.map((f) => `${f.code}@${show(f.range)}`);
    fc.assert(fc.property(fc.nat(base.length), fc.nat(20), fc.constantFrom('', 'x', '\r\n', '\n', '\r', ')', '(', '🙂', '  ', 'relu'), (at, length, insert) => {
      const start = Math.min(at, base.length);
      const end = Math.min(start + length, base.length);
      // an editor keeps surrogate pairs whole, and VS Code turns every lone CR into its EOL, so it never
      // splits a CRLF or joins a CR with an LF; a tree edit cannot say that a line break before it moved
      if (/[\uDC00-\uDFFF]/.test(base[start] ?? '') || /[\uDC00-\uDFFF]/.test(base[end] ?? '')) return;
      if (base[start - 1] === '\r' || base[end - 1] === '\r' || (insert.endsWith('\r') && base[end] === '\n')) return;
      const lines = new LineIndex(base);
      const change = { range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: insert };
      const { text, tree: edited } = editTree(tree, base, change);
      assert.deepEqual(summary(analyzePython(text, {}, edited).findings), summary(analyzePython(text).findings));
    }), params(100));
  });

  describe('pathological nesting (no stack overflow)', function () {
    this.timeout(hangGuard(120_000));
    for (const [name, text] of Object.entries(deepPython(5000))) {
      it(`Python: ${name}`, async () => {
        assertFindingsInside(text, 'python', analyse(text, 'python'));
        await assertFixesSound(text, 'python');
      });
    }
    for (const [name, text] of Object.entries(deepTs(5000))) {
      it(`TS: ${name}`, async () => {
        // casts are TS only: as JS they are 5000 syntax errors, which tree-sitter's recovery takes seconds over
        for (const grammar of name.endsWith('casts') ? ['typescript' as const] : ['typescript', 'javascript'] as const) {
          assertFindingsInside(text, grammar, analyse(text, grammar));
          await assertFixesSound(text, grammar);
        }
      });
    }
  });

  describe('1 MB files', function () {
    // no timed assertions in this project: the timeout only guards against a hang; the time is printed
    this.timeout(hangGuard(60_000));
    const cases: [string, SourceFixture | undefined][] = [
      ['Python', pythonFixtures.find((f) => f.name === 'python/init001_xavier_fc_forward.py')],
      ['Python (an .apply(fn) init over every layer)', pythonFixtures.find((f) => f.name === 'python/style_apply_fn_full_path.py')],
      ['TS', tfjsFixtures.find((f) => f.name === 'tfjs/init001_strings_model_add.ts')],
      ['TS (clean MNIST convnet)', tfjsFixtures.find((f) => f.name === 'tfjs/clean_mnist_convnet.ts')],
    ];
    for (const [label, file] of cases) {
      it(`${label}: a fixture repeated to 1 MB`, async () => {
        assert.ok(file);
        const text = repeatTo(file.text, 1_000_000);
        analyse(file.text, file.grammar); // warm up
        await tick();
        const t0 = performance.now();
        const findings = analyse(text, file.grammar);
        const ms = performance.now() - t0;
        console.log(`      ${label}: ${(text.length / 1e6).toFixed(2)} MB analysed in ${ms.toFixed(0)} ms, ${findings.length} findings`);
        assertFindingsInside(text, file.grammar, findings);
      });
    }
    for (const [label, name] of [['Python', 'python/init001_xavier_fc_forward.py'], ['TS', 'tfjs/init001_strings_model_add.ts']]) {
      it(`${label}: fix-all on a fixture repeated to 1 MB`, () => {
        const file = [...pythonFixtures, ...tfjsFixtures].find((f) => f.name === name)!;
        const text = repeatTo(file.text, 1_000_000);
        const t0 = performance.now();
        const result = fixAll(documentOf(text, file.grammar));
        const ms = performance.now() - t0;
        console.log(`      ${label}: fix-all applied ${result.applied} fixes to 1 MB in ${ms.toFixed(0)} ms`);
        assert.ok(result.applied > 1000);
        assert.ok(errorsOf(result.document.text, file.grammar) === 0);
      });
    }

    // tree-sitter's TS/JS error recovery is superlinear on garbage (a 1 MB unclosed template literal takes
    // ~15 s in the parser alone, before any of our code runs), so those grammars get 100 kB of it
    it('500 kB of hostile tokens, NUL bytes and lone CRs (Python), 100 kB (TS/JS)', () => {
      fc.assert(fc.property(fc.array(fc.constantFrom(...PYTHON_TOKENS, ...JS_TOKENS), { minLength: 50, maxLength: 50 }), (tokens) => {
        for (const grammar of GRAMMARS) {
          const text = repeatTo(tokens.join(''), grammar === 'python' ? 500_000 : 100_000);
          assertFindingsInside(text, grammar, analyse(text, grammar));
        }
      }), params(1, 10));
    });
  });

  describe('fixes keep the file valid, settle, and touch only their initializer', function () {
    this.timeout(hangGuard(120_000));
    it('every Python and TS/JS fixture', async () => {
      for (const file of [...pythonFixtures, ...tfjsFixtures]) {
        try {
          await assertFixesSound(file.text, file.grammar, file.grammar === 'python' ? cpython : undefined);
        } catch (e) {
          throw new Error(`${file.name}: ${(e as Error).message}`, { cause: e });
        }
        await tick();
      }
    });

    it('mutated Python fixtures (CPython ast.parse as the second parser)', async () => {
      assert.deepEqual([await cpython.accepts('x = 1\n'), await cpython.accepts('x = (\n'), await cpython.accepts('\uFEFFx = 1\r\n')], [true, false, true]);
      Object.assign(fixStats, { runs: 0, fixed: 0, cpython: 0, typescript: 0 });
      await fc.assert(fc.asyncProperty(mutatedFixture(pythonFixtures, PYTHON_TOKENS, 3), async (file) => {
        await assertFixesSound(file.text, 'python', cpython);
        await tick();
      }), params(60));
      console.log(`      ${fixStats.runs} runs, ${fixStats.fixed} fixed something, ${fixStats.cpython} of them checked by CPython`);
    });

    it('mutated TS/JS fixtures', async () => {
      Object.assign(fixStats, { runs: 0, fixed: 0, cpython: 0, typescript: 0 });
      await fc.assert(fc.asyncProperty(mutatedFixture(tfjsFixtures, JS_TOKENS, 3), async (file) => {
        await assertFixesSound(file.text, file.grammar);
        await tick();
      }), params(60));
      console.log(`      ${fixStats.runs} runs, ${fixStats.fixed} fixed something, ${fixStats.typescript} of them checked by TypeScript's parser`);
    });

    it('notebooks: the fixed file is JSON, only code cells\' sources change, a second fix-all does nothing', () => {
      fc.assert(fc.property(fc.constantFrom(...notebookFixtures), fc.array(mutation(PYTHON_TOKENS), { maxLength: 3 }), fc.nat(), (nb, mutations, pick) => {
        const json = JSON.parse(nb.json) as { cells: { cell_type: string; source: string | string[] }[] };
        const code = json.cells.filter((c) => c.cell_type === 'code');
        const cell = code[pick % code.length];
        cell.source = mutate(Array.isArray(cell.source) ? cell.source.join('') : cell.source, mutations);
        const text = JSON.stringify(json, null, 1);
        const doc = notebookDocument(text);
        const fixed = fixAll(doc).document as SourceDocument;
        const after = JSON.parse(fixed.content) as typeof json;
        const withoutCode = (nbJson: typeof json) => ({ ...nbJson, cells: nbJson.cells.map((c) => (c.cell_type === 'code' ? { ...c, source: '' } : c)) });
        assert.deepEqual(withoutCode(after), withoutCode(json));
        assert.ok(errorsOf(fixed.text, 'python') <= errorsOf(doc.text, 'python'));
        assert.equal(fixAll(notebookDocument(fixed.content)).applied, 0);
      }), params(40));
    });
  });

  describe('regressions found by these properties', () => {
    it('a JS escape JSON does not know (`\\e`, `\\\'`, `\\x41`) is read, not thrown on', () => {
      const text = "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nm.add(tf.layers.dense({units: 4, inputShape: [4], activation: 'r\\elu'}));\nm.add(tf.layers.dense({units: 4, activation: 'it\\'s'}));\n";
      assert.deepEqual(analyse(text, 'typescript').map((f) => `${f.code}@${f.range.start.line}`), ['INIT009@2']);
    });

    it('an explicit init after a layer whose class header is lost to a syntax error: no fix rather than one added at every pass', async () => {
      const text = 'import torch.nn as nn\n\n\nclass Encoder(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.body = nn.Sequential(nn.Linear(4, 4), nn.ReLU())\n\n    def forward(self,eturn self.body(x)\n';
      assert.deepEqual(analyse(text, 'python').map((f) => `${f.code}@${f.range.start.line}`), ['INIT009@6']);
      await assertFixesSound(text, 'python', cpython);
    });

    it('a layer call with a syntax error inside gets no fix: one written into it is never read back, and was added at every pass', async () => {
      const text = "const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 4, inputShape: [4], activation: 'relu', kernelInitializer:<T> tf.initializers.randomNormal({stddev: 0.05})}));\n";
      assert.deepEqual(analyse(text, 'javascript').map((f) => `${f.code}@${f.range.start.line} fixes=${f.fixes.length}`), ['INIT009@2 fixes=0']);
      await assertFixesSound(text, 'javascript');
    });

    it('a `self.modules()` init over layers before ReLU and before sigmoid: reported, but no fix for rules to flip back and forth', async () => {
      const text = 'import torch\nimport torch.nn as nn\n\n\nclass Gate(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.body = nn.Sequential(nn.Linear(16, 16), nn.Sigmoid())\n        for m in self.modules():\n            if isinstance(m, nn.Linear):\n                nn.init.xavier_uniform_(m.weight)\n\n\nclass Hidden(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(32, 32)\n\n    def forward(self, x):\n        return torch.relu(self.fc(x))\n';
      assert.deepEqual(analyse(text, 'python').map((f) => `${f.code}@${f.range.start.line} fixes=${f.fixes.length}`), ['INIT001@10 fixes=0']);
      await assertFixesSound(text, 'python', cpython);
    });

    it('an explicit init after a layer in a one-line suite stays in that suite (it went to the class body, where `self` is undefined)', async () => {
      const text = 'import torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass M(nn.Module):\n    def __init__(self): super().__init__(); self.fc = nn.Linear(4, 4)\n    def forward(self, x): return F.relu(self.fc(x))\n';
      const fixed = await assertFixesSound(text, 'python', cpython);
      assert.match(fixed, /def __init__\(self\): super\(\)\.__init__\(\); self\.fc = nn\.Linear\(4, 4\); nn\.init\.kaiming_normal_\(self\.fc\.weight, nonlinearity='relu'\)\n/);
    });

    it('INIT005 through a name imported twice: the import in effect (the last) is fixed, and fix-all settles', async () => {
      const text = 'import torch.nn as nn\nfrom torch.nn.init import xavier_uniform\nfrom torch.nn.init import xavier_uniform, zeros_\n\n\nclass P(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.proj = nn.Linear(4, 4)\n        xavier_uniform(self.proj.weight)\n';
      const fixed = await assertFixesSound(text, 'python', cpython);
      assert.match(fixed, /import xavier_uniform\nfrom torch\.nn\.init import xavier_uniform_ as xavier_uniform, zeros_\n/);
    });

    it('an explicit init goes after a trailing comment, which stays on the layer\'s line', async () => {
      const text = 'import torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)  # noqa: E501\n\n    def forward(self, x):\n        return F.relu(self.fc(x))\n';
      const fixed = await assertFixesSound(text, 'python', cpython);
      assert.match(fixed, /self\.fc = nn\.Linear\(4, 4\)  # noqa: E501\n        nn\.init\.kaiming_normal_\(self\.fc\.weight/);
    });
  });

  describe('tree-sitter trees are freed (its WASM heap is not garbage-collected: 2 GB of trees, then every parse aborted)', () => {
    /** Counts trees parsed and deleted while `run` runs. */
    async function counted(run: (counts: { parsed: number; deleted: number }) => unknown): Promise<{ parsed: number; deleted: number }> {
      const counts = { parsed: 0, deleted: 0 };
      const { parse: parseTree } = TreeSitter.Parser.prototype;
      const { delete: deleteTree } = TreeSitter.Tree.prototype;
      TreeSitter.Parser.prototype.parse = function (...args) {
        counts.parsed++;
        return parseTree.apply(this, args);
      };
      TreeSitter.Tree.prototype.delete = function () {
        counts.deleted++;
        deleteTree.call(this);
      };
      try {
        await run(counts);
      } finally {
        TreeSitter.Parser.prototype.parse = parseTree;
        TreeSitter.Tree.prototype.delete = deleteTree;
      }
      return counts;
    }

    it('fix-all frees every tree it parses, at once', async () => {
      const file = pythonFixtures.find((f) => f.name === 'python/init001_xavier_fc_forward.py')!;
      const counts = await counted(() => {
        fixAll(pythonDocument(file.text));
        fixAll(tfjsDocument(tfjsFixtures[0].text, tfjsFixtures[0].grammar));
      });
      assert.ok(counts.parsed > 4);
      assert.equal(counts.deleted, counts.parsed);
    });

    it('a tree from parse() is freed once nothing holds it', async () => {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      const counts = await counted(async (so) => {
        for (let i = 0; i < 20; i++) parse('python', `x${i} = 1\n`);
        for (let i = 0; i < 10 && so.deleted === 0; i++) {
          gc();
          await tick();
        }
      });
      assert.ok(counts.deleted > 0, 'the finalizer deleted the dropped trees');
    });
  });

  describe('an edit elsewhere leaves a finding as it was, moved by the lines inserted', () => {
    const PY_BLOCKS = ['def _initlens_unrelated(a, b):\n    return a + b\n\n\n', '\n\n', '# a comment\n', '_initlens_unrelated = 0\n'];
    const JS_BLOCKS = ['function initlensUnrelated(a, b) {\n  return a + b;\n}\n\n', '\n', '// a comment\n', '/* a\n   block */\n', 'const initlensUnrelated = 0;\n'];

    /** Line starts before top-level statements (each on a line of its own), and which of them follow every import. */
    function boundaries(text: string, grammar: Grammar): { line: number; afterImports: boolean }[] {
      const top = parse(grammar, text).rootNode.namedChildren.filter((n) => n !== null);
      const lastImport = top.reduce((last, n, i) => (/import/.test(n!.type) ? i : last), -1);
      const out = top.flatMap((n, i) => {
        const prev = top[i - 1];
        return n!.startPosition.column === 0 && (!prev || prev.endPosition.row < n!.startPosition.row)
          ? [{ line: n!.startPosition.row, afterImports: i > lastImport }] : [];
      });
      return [...out, { line: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), afterImports: true }];
    }

    const shifted = (p: Position, at: number, by: number) => (p.line >= at ? `${p.line + by}:${p.character}` : `${p.line}:${p.character}`);
    const describeFinding = (f: Finding, at: number, by: number, withEdits: boolean) => JSON.stringify({
      code: f.code, severity: f.severity, range: `${shifted(f.range.start, at, by)}-${shifted(f.range.end, at, by)}`,
      message: f.message.replace(/\bline \d+/g, 'line #'), fixes: f.fixes.map((x) => x.title),
      edits: withEdits ? f.fixes.map((x) => x.edits.map((e) => `${shifted(e.range.start, at, by)}-${shifted(e.range.end, at, by)}=${e.newText}`)) : [],
    });

    const clean = (files: SourceFixture[]) => files.filter((f) => errorsOf(f.text, f.grammar) === 0 && !f.text.includes('\r'));
    for (const [label, files, blocks] of [['Python', pythonFixtures, PY_BLOCKS], ['TS/JS', tfjsFixtures, JS_BLOCKS]] as const) {
      it(`${label}: an unrelated top-level definition, comment or blank line inserted between top-level statements`, () => {
        const candidates = clean([...files]);
        fc.assert(fc.property(fc.constantFrom(...candidates), fc.nat(), fc.constantFrom(...blocks), (file, pick, block) => {
          const spots = boundaries(file.text, file.grammar);
          const spot = spots[pick % spots.length];
          const lines = file.text.split('\n');
          const text = [...lines.slice(0, spot.line), block + (lines.slice(spot.line).join('\n'))].join('\n');
          const by = block.split('\n').length - 1;
          const before = analyse(file.text, file.grammar).map((f) => describeFinding(f, spot.line, by, spot.afterImports));
          const after = analyse(text, file.grammar).map((f) => describeFinding(f, Infinity, 0, spot.afterImports));
          assert.deepEqual(after, before);
        }), params(150));
      });
    }

    /** Lines that start a top-level definition's body (on a line of its own), with that line's indentation. */
    function bodyStarts(text: string, grammar: Grammar): { line: number; indent: string; afterImports: boolean }[] {
      const top = parse(grammar, text).rootNode.namedChildren.filter((n) => n !== null);
      const lastImport = top.reduce((last, n, i) => (/import/.test(n!.type) ? i : last), -1);
      const lines = text.split('\n');
      return top.flatMap((n, i) => {
        const def = n!.childForFieldName('definition') ?? n!.childForFieldName('declaration') ?? n!;
        if (!/^(function_definition|class_definition|function_declaration|class_declaration)$/.test(def.type)) return [];
        const first = def.childForFieldName('body')?.namedChildren[0];
        if (!first || first.startPosition.row === def.startPosition.row) return [];
        const indent = lines[first.startPosition.row].slice(0, first.startPosition.column);
        return /^[ \t]*$/.test(indent) ? [{ line: first.startPosition.row, indent, afterImports: i > lastImport }] : [];
      });
    }

    for (const [label, files, statement] of [['Python', pythonFixtures, 'pass'], ['TS/JS', tfjsFixtures, ';']] as const) {
      it(`${label}: an inert statement (\`${statement}\`) inserted at the start of a top-level definition's body`, () => {
        const candidates = clean([...files]).filter((f) => bodyStarts(f.text, f.grammar).length > 0);
        fc.assert(fc.property(fc.constantFrom(...candidates), fc.nat(), (file, pick) => {
          const spots = bodyStarts(file.text, file.grammar);
          const spot = spots[pick % spots.length];
          const lines = file.text.split('\n');
          const text = [...lines.slice(0, spot.line), `${spot.indent}${statement}`, ...lines.slice(spot.line)].join('\n');
          const before = analyse(file.text, file.grammar).map((f) => describeFinding(f, spot.line, 1, spot.afterImports));
          const after = analyse(text, file.grammar).map((f) => describeFinding(f, Infinity, 0, spot.afterImports));
          assert.deepEqual(after, before);
        }), params(100));
      });
    }
  });
});
