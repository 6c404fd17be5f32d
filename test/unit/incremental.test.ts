import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { analyzePython } from '../../src/analysis/analyzePython';
import { editTree } from '../../src/analysis/incremental';
import { LineIndex } from '../../src/analysis/lineIndex';
import { parse, type Node } from '../../src/analysis/parser';
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

/** Everything an analysis hands the rules and the editor, positions read through the nodes. */
function model(result: ReturnType<typeof analyzePython>): unknown {
  const at = (n: Node | undefined) => n && `${n.type}@${n.startIndex}-${n.endIndex}:${n.startPosition.row}.${n.startPosition.column}-${n.endPosition.row}.${n.endPosition.column}`;
  const { layers, sites, gainCalls } = result.analysis;
  return {
    findings: result.findings,
    layers: layers.map((l) => ({ ...l, call: at(l.call), statement: at(l.statement), initArgs: [at(l.initArgs.kernel), at(l.initArgs.bias)] })),
    sites: sites.map((s) => ({
      ...s, node: at(s.node), expression: at(s.expression), tensorNode: at(s.tensorNode), scheme: s.scheme.name,
      targets: s.targets.map((l) => l.id),
      args: Object.entries(s.args).map(([k, a]) => [k, at(a.node), a.value, a.gainOf && { ...a.gainOf, nameNode: at(a.gainOf.nameNode) }]),
    })),
    gainCalls: gainCalls.map((g) => ({ ...g, call: at(g.call), nameNode: at(g.nameNode), parent: at(g.nameNode.parent?.parent ?? undefined) })),
  };
}

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'python', name), 'utf8');

/** Models with classes, functions, `.apply(fn)`, `self.modules()` loops, module-level models, Keras and Flax, one after another. */
const program = [
  'init001_xavier_fc_forward.py', 'style_apply_fn_full_path.py', 'init009_torch_default_relu.py', 'init010_dcgan_loop.py',
  'init003_gain_names.py', 'init001_keras_classes.py', 'init010_keras.py', 'init001_flax_linen.py', 'clean_hf_bert_init_weights.py',
  'style_keras_import_keras_model_add.py', 'init001_xavier_fc_forward.py',
].map(fixture).concat([
  // module-level names a class reads: the width in the message and the INIT002 come from them
  'HIDDEN = 48', 'ACT = nn.Tanh()', '', '',
  'class UsesModuleNames(nn.Module):', '    def __init__(self):', '        super().__init__()',
  '        self.fc = nn.Linear(HIDDEN, HIDDEN)', '        nn.init.kaiming_normal_(self.fc.weight)', '        self.act = ACT', '',
  '    def forward(self, x):', '        return self.act(self.fc(x))', '',
]).join('\n');

describe('incremental re-analysis (top-level definitions taken over)', () => {
  before(() => loadParsers());

  it('finds exactly what a fresh analysis finds, after any chain of edits', () => {
    let read = 0;
    let total = 0;
    let moduleCodeTakenOver = 0;
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.oneof(fc.constant(0), fc.nat(60)),
      text: fc.constantFrom('', 'x', '\n', ')', '(', '    ', 'relu', 'tanh', '# ', 'é', '\n\n\nclass A(nn.Module):\n    pass\n',
        'nn.init.xavier_uniform_(self.fc.weight)', 'import torch.nn.init as I\n', 'HIDDEN = 3\n', 'self.extra = nn.Linear(8, 8)\n        '),
    });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      let text = program;
      let previous = analyzePython(text);
      for (const e of edits) {
        const lines = new LineIndex(text);
        const start = Math.floor(e.at * text.length);
        const change = { range: { start: lines.positionAt(start), end: lines.positionAt(Math.min(text.length, start + e.length)) }, text: e.text };
        const edited = editTree(previous.analysis.tree, text, change);
        text = edited.text;
        const incremental = analyzePython(text, {}, edited.tree, previous.analysis.definitions);
        assert.deepEqual(model(incremental), model(analyzePython(text)));
        read += incremental.analysis.definitions.read;
        total += incremental.analysis.definitions.total;
        if (!incremental.analysis.definitions.moduleCodeRead) moduleCodeTakenOver++;
        previous = incremental;
      }
    }), { numRuns: 60 });
    // most were taken over, though an edit that opens a bracket or changes an import reads every definition after it again
    assert.ok(read < total / 2, `${read} of ${total} definitions read again`);
    assert.ok(moduleCodeTakenOver > 5, `the module-level code was taken over after ${moduleCodeTakenOver} edits`);
  });

  it('keeps no earlier source alive, however many edits a definition is taken over through', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    // a kept substring of an edit's source keeps all 0.4 MB of it: 5.5 MB over these 80 edits, about 1 MB without
    let text = Array(16).fill(program).join('\n');
    let previous = analyzePython(text);
    const type = (n: number) => {
      for (let i = 0; i < n; i++) {
        // a long attribute name: a ref of 13 characters or more is the kind V8 keeps as a view of the source
        const at = text.indexOf('self.', (i * 7919 * 31) % text.length);
        const lines = new LineIndex(text);
        const position = lines.positionAt(at < 0 ? 0 : at + 'self.'.length);
        const edited = editTree(previous.analysis.tree, text, { range: { start: position, end: position }, text: 'renamed_' });
        text = edited.text;
        previous = analyzePython(text, {}, edited.tree, previous.analysis.definitions);
      }
    };
    type(10);
    const before = heap();
    type(80);
    const grown = (heap() - before) / 1e6;
    assert.ok(grown < 3, `the heap grew by ${grown.toFixed(1)} MB over 80 edits`);
  });

  const reread = (before: string, after: string) => {
    const first = analyzePython(before);
    const again = analyzePython(after, {}, undefined, first.analysis.definitions);
    assert.deepEqual(model(again), model(analyzePython(after)));
    return again.analysis.definitions;
  };

  it('reads again only the definition an edit touched, not the module-level code', () => {
    const edited = program.replace('x = F.gelu(self.fc2(x))', 'x = torch.tanh(self.fc2(x))');
    assert.notEqual(edited, program);
    const { read, total, moduleCodeRead } = reread(program, edited);
    assert.equal(read, 1);
    assert.ok(total > 10);
    assert.equal(moduleCodeRead, false);
    assert.equal(reread(program, program.replace('model.add(keras.Input(shape=(12,)))', 'model.add(keras.Input(shape=(16,)))')).moduleCodeRead, true);
  });

  it('reads the module-level code again after a definition read a layer or a container it bound', () => {
    const source = `${program}\nshared = nn.Sequential(nn.Linear(8, 8))\n\n\ndef use_shared(x):\n    return torch.relu(shared(x))\n`;
    const edited = source.replace('x = F.gelu(self.fc2(x))', 'x = torch.tanh(self.fc2(x))');
    assert.equal(reread(source, edited).moduleCodeRead, true);
  });

  it('reads everything again when the imports or the `.apply(fn)` functions change', () => {
    const total = reread(program, program).total;
    assert.equal(reread(program, program.replace('import torch.nn as nn', 'import torch.nn as nn\nimport math')).read, total);
    assert.equal(reread(program, `${program}\nmodel.apply(forward)\n`).read, total);
  });

  it('reads a definition again when a module-level name it reads changes, and one that reads a module-level layer always', () => {
    const source = [
      'import torch.nn as nn', 'WIDTH = 64', 'ACT = nn.ReLU()', 'shared = nn.Linear(64, 64)', '',
      'class A(nn.Module):', '    def __init__(self):', '        self.fc = nn.Linear(WIDTH, 10)', '',
      'class B(nn.Module):', '    def __init__(self):', '        self.fc = shared', '',
      'class C(nn.Module):', '    def __init__(self):', '        self.fc = nn.Linear(8, 10)', '',
      'class D(nn.Module):', '    def __init__(self):', '        self.fc = nn.Linear(8, 10)', '        self.act = ACT', '',
      '    def forward(self, x):', '        return self.act(self.fc(x))', '',
    ].join('\n');
    assert.equal(reread(source, source).read, 1);
    assert.equal(reread(source, source.replace('WIDTH = 64', 'WIDTH = 32')).read, 2);
    assert.equal(reread(source, source.replace('ACT = nn.ReLU()', 'ACT = nn.Tanh()')).read, 2);
  });
});
