import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import type { Grammar } from '../../src/analysis/parser';
import { grammarFor } from '../../src/analysis/tfjsAnalysis';

/**
 * Inputs for the fuzz and property tests (`fuzz.test.ts`): the fixtures, hostile text, mutations,
 * pathological nesting, and a CPython `ast.parse` oracle.
 */

// Runs and seed

/** The run count of the cheapest property; every other one scales with it. `npm run fuzz` raises it. */
const BASE_RUNS = 200;
const requested = Number(process.env.INITLENS_FUZZ_RUNS ?? BASE_RUNS);
const scale = Number.isFinite(requested) && requested > 0 ? requested / BASE_RUNS : 1;

/** A fixed seed, so `npm test` is reproducible; `INITLENS_FUZZ_SEED=random` draws one (printed, to replay a failure). */
export const SEED = process.env.INITLENS_FUZZ_SEED === 'random'
  ? Math.floor(Math.random() * 2 ** 31)
  : Number(process.env.INITLENS_FUZZ_SEED ?? 20240611);

/** A test's timeout: a guard against a hang in `npm test`, none when `npm run fuzz` scales the runs up. */
export function hangGuard(ms: number): number {
  return scale > 1 ? 0 : ms;
}

/** fast-check parameters for a property that runs `base` times by default. */
export function params(base: number, max = Infinity): { numRuns: number; seed: number; endOnFailure: boolean } {
  return { numRuns: Math.min(max, Math.max(1, Math.round(base * scale))), seed: SEED, endOnFailure: false };
}

// Fixtures

export interface SourceFixture {
  name: string;
  text: string;
  grammar: Grammar;
}

const fixtures = join(__dirname, '..', 'fixtures');

function readDir(dir: string, grammar: (file: string) => Grammar | undefined): SourceFixture[] {
  return readdirSync(join(fixtures, dir)).sort().flatMap((name) => {
    const g = grammar(name);
    return g ? [{ name: `${dir}/${name}`, text: readFileSync(join(fixtures, dir, name), 'utf8'), grammar: g }] : [];
  });
}

/** Every Python fixture, rule fixtures and fix inputs (not the golden outputs). */
export const pythonFixtures: SourceFixture[] = [
  ...readDir('python', (f) => (f.endsWith('.py') ? 'python' : undefined)),
  ...readDir('fixes', (f) => (f.endsWith('.py') && !f.endsWith('.fixed.py') ? 'python' : undefined)),
];

/** Every TS/JS fixture, with the grammar its extension selects. */
export const tfjsFixtures: SourceFixture[] = [
  ...readDir('tfjs', grammarFor),
  ...readDir('fixes', (f) => (/\.fixed\.\w+$/.test(f) ? undefined : grammarFor(f))),
];

export const notebookFixtures: { name: string; json: string }[] = readdirSync(join(fixtures, 'notebooks'))
  .filter((f) => f.endsWith('.ipynb')).sort()
  .map((f) => ({ name: f, json: readFileSync(join(fixtures, 'notebooks', f), 'utf8') }));

// Hostile text

/** Pieces that stress a lexer: brackets, quotes that open strings, comment openers, odd whitespace and line breaks. */
const SHARED_TOKENS = [
  '(', ')', '[', ']', '{', '}', ',', ':', '=', '.', ';', '\n', '\r\n', '\r', '\t', ' ', '    ', '\0', '\uFEFF', '\\',
  "'", '"', '#', '0', '-1', '1e309', '0x', 'é', 'ñ', '变量', '𝑥', '🙂', '\u200B', '\u2028', '\uD800', '\uDC00', 'Σ',
];

export const PYTHON_TOKENS = [
  ...SHARED_TOKENS, '"""', "'''", 'f"{', 'r"', 'b"', 'def ', 'class ', 'lambda ', 'return ', 'import ', 'from ', ' as ',
  'if ', 'else:', 'for m in self.modules():\n', 'if isinstance(m, nn.Linear):\n', '*', '**', '@', 'nn', 'init', 'self',
  'weight', 'relu', 'None', 'nn.init.xavier_uniform_(', 'nn.init.kaiming_normal_(', 'nn.Linear(4, 4)', 'nn.Sequential(',
  'F.relu(', 'keras.layers.Dense(8, activation="relu")', 'kernel_initializer=', '.normal_(0, 0.02)', 'async ', 'await ',
  'match x:\n', 'case _:', 'print ', '%matplotlib inline\n', '!pip install x\n',
];

export const JS_TOKENS = [
  ...SHARED_TOKENS, '`', '${', '//', '/*', '*/', '/re/g', '=>', 'const ', 'let ', 'function ', 'class ', 'import ', 'export ',
  'as any', '<T>', '</div>', '<div>', '?.', '??', '...', 'tf', 'layers', 'tf.layers.dense({', 'units: 8', 'activation: \'relu\'',
  "kernelInitializer: 'glorotUniform'", 'tf.initializers.glorotNormal({seed: 1})', '.apply(', 'model.add(', 'tf.sequential()',
  "require('@tensorflow/tfjs')", "import * as tf from '@tensorflow/tfjs';\n", 'async ', 'await ', '#!', '@decorator ',
];

/** Strings of any code points (astral ones included), of any UTF-16 units (lone surrogates included), and of hostile tokens. */
export function hostileText(tokens: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'binary-ascii', maxLength: 200 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 100 }),
    fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((t) => t.join('')),
  );
}

// Mutations of real files

export type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'graft'; donor: number; at: number; length: number; to: number }
  | { op: 'truncate'; at: number }
  | { op: 'lineEndings'; eol: '\r\n' | '\r' }
  | { op: 'bom' }
  | { op: 'tabs' };

/** A mutation; `graft` (a piece of another file of the language) only when `donors` is given to `mutate`. */
export function mutation(tokens: readonly string[], grafts = false): fc.Arbitrary<Mutation> {
  const at = fc.nat(1_000_000);
  return fc.oneof(
    { weight: grafts ? 2 : 0, arbitrary: fc.record({ op: fc.constant('graft' as const), donor: fc.nat(), at, length: fc.nat(400), to: at }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), at, length: fc.nat(40) }) },
    { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: fc.oneof(fc.constantFrom(...tokens), fc.string({ unit: 'binary', maxLength: 4 })) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at, length: fc.nat(300), to: at }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('lineEndings' as const), eol: fc.constantFrom('\r\n' as const, '\r' as const) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
    { weight: 1, arbitrary: fc.constant({ op: 'tabs' as const }) },
  );
}

/** Applies mutations in order; positions wrap around the current length. */
export function mutate(text: string, mutations: readonly Mutation[], donors: readonly string[] = []): string {
  let t = text;
  for (const m of mutations) {
    const p = 'at' in m ? m.at % (t.length + 1) : 0;
    switch (m.op) {
      case 'delete': t = t.slice(0, p) + t.slice(p + m.length); break;
      case 'insert': t = t.slice(0, p) + m.text + t.slice(p); break;
      case 'duplicate': {
        const piece = t.slice(p, p + m.length);
        const q = m.to % (t.length + 1);
        t = t.slice(0, q) + piece + t.slice(q);
        break;
      }
      case 'graft': {
        // whole lines of another file, at a line start: models, inits and activations meet in new ways
        const donor = donors.length ? donors[m.donor % donors.length] : '';
        const from = donor.lastIndexOf('\n', m.at % (donor.length + 1)) + 1;
        const to = donor.indexOf('\n', from + m.length);
        const q = t.lastIndexOf('\n', m.to % (t.length + 1)) + 1;
        t = t.slice(0, q) + donor.slice(from, to < 0 ? donor.length : to + 1) + t.slice(q);
        break;
      }
      case 'truncate': t = t.slice(0, p); break;
      case 'lineEndings': t = t.replace(/\r?\n/g, m.eol); break;
      case 'bom': t = `\uFEFF${t}`; break;
      case 'tabs': t = t.replace(/^( {4})+/gm, (s) => '\t'.repeat(s.length / 4)); break;
    }
  }
  return t;
}

/** A fixture and a few mutations of it. */
export function mutatedFixture(files: readonly SourceFixture[], tokens: readonly string[], maxMutations = 6): fc.Arbitrary<SourceFixture & { mutations: Mutation[] }> {
  const donors = files.map((f) => f.text);
  return fc.record({ file: fc.constantFrom(...files), mutations: fc.array(mutation(tokens, true), { maxLength: maxMutations }) })
    .map(({ file, mutations }) => ({ ...file, text: mutate(file.text, mutations, donors), mutations }));
}

// Pathological shapes

/** `text` repeated to at least `size` UTF-16 units. */
export function repeatTo(text: string, size: number): string {
  return text.repeat(Math.ceil(size / text.length));
}

/** Deeply nested inputs: each must be analysed (and fixed) without a stack overflow. */
export function deepPython(n: number): Record<string, string> {
  const head = 'import torch.nn as nn\nimport torch.nn.functional as F\nimport torch.nn.init as init\nfrom tensorflow import keras\n';
  return {
    [`${n} parentheses`]: `${head}y = ${'('.repeat(n)}x${')'.repeat(n)}\n`,
    [`${n} nested calls`]: `${head}y = ${'f('.repeat(n)}x${')'.repeat(n)}\n`,
    [`${n} nested F.relu`]: `${head}y = ${'F.relu('.repeat(n)}self.fc(x)${')'.repeat(n)}\n`,
    [`${n} nested Sequential`]: `${head}net = ${'nn.Sequential('.repeat(n)}nn.Linear(4, 4), nn.ReLU()${')'.repeat(n)}\n`,
    [`${n} nested lists`]: `${head}y = ${'['.repeat(n)}nn.Linear(4, 4)${']'.repeat(n)}\n`,
    [`${n} parenthesised constant`]: `${head}H = ${'('.repeat(n)}1${')'.repeat(n)}\nfc = nn.Linear(H, H)\n`,
    [`${n} unary minus`]: `${head}fc = nn.Linear(${'-'.repeat(n)}4, 4)\n`,
    [`${n}-term sum`]: `${head}fc = nn.Linear(${Array(n).fill('1').join(' + ')}, 4)\n`,
    [`${n}-long attribute chain`]: `${head}y = self${'.a'.repeat(n)}\ninit.xavier_uniform_(self${'.a'.repeat(n)}.weight)\n`,
    [`${n} subscripts`]: `${head}init.xavier_uniform_(self.body${'[0]'.repeat(n)}.weight)\n`,
    [`${n} nested lambdas`]: `${head}f = ${'lambda: '.repeat(n)}0\n`,
    [`${n} unclosed parentheses`]: `${head}y = ${'('.repeat(n)}\n`,
    [`${n} unclosed calls`]: `${head}init.xavier_uniform_(${'f('.repeat(n)}\n`,
    [`${n} nested blocks`]: `${head}${Array.from({ length: Math.min(n, 1500) }, (_, i) => `${' '.repeat(i)}if x:\n`).join('')}${' '.repeat(Math.min(n, 1500))}fc = nn.Linear(4, 4)\n`,
    [`${n} nested classes`]: `${head}${Array.from({ length: Math.min(n, 1500) }, (_, i) => `${' '.repeat(i)}class C${i}(nn.Module):\n`).join('')}${' '.repeat(Math.min(n, 1500))}pass\n`,
    [`${n} keyword chain`]: `${head}d = keras.layers.Dense(8, activation=${'dict(a='.repeat(n)}1${')'.repeat(n)})\n`,
  };
}

export function deepTs(n: number): Record<string, string> {
  const head = "import * as tf from '@tensorflow/tfjs';\n";
  return {
    [`${n} parentheses`]: `${head}const y = ${'('.repeat(n)}x${')'.repeat(n)};\n`,
    [`${n} nested calls`]: `${head}const y = ${'f('.repeat(n)}x${')'.repeat(n)};\n`,
    [`${n} nested apply`]: `${head}const y = ${'tf.layers.dense({units: 4}).apply('.repeat(n)}x${')'.repeat(n)};\n`,
    [`${n} nested arrays`]: `${head}const y = ${'['.repeat(n)}1${']'.repeat(n)};\n`,
    [`${n} nested arrays of layers`]: `${head}const m = tf.sequential({layers: ${'['.repeat(n)}tf.layers.dense({units: 4})${']'.repeat(n)}});\n`,
    [`${n} nested objects`]: `${head}const y = tf.layers.dense(${'{a: '.repeat(n)}1${'}'.repeat(n)});\n`,
    [`${n} blocks`]: `${head}${'{'.repeat(n)}const d = tf.layers.dense({units: 4});${'}'.repeat(n)}\n`,
    [`${n} nested functions`]: `${head}${'function f() {'.repeat(n)}tf.layers.dense({units: 4});${'}'.repeat(n)}\n`,
    [`${n} nested arrows`]: `${head}const a = ${'() => '.repeat(n)}tf.layers.dense({units: 4});\n`,
    [`${n}-term sum`]: `${head}const u = ${Array(n).fill('1').join(' + ')};\nconst d = tf.layers.dense({units: u});\n`,
    [`${n} unary minus`]: `${head}const d = tf.layers.dense({units: ${'- '.repeat(n)}4});\n`,
    [`${n}-long member chain`]: `${head}const y = tf${'.a'.repeat(n)};\n`,
    [`${n} casts`]: `${head}const d = tf.layers.dense({units: 4${' as any'.repeat(n)}});\n`,
    [`${n} ternaries`]: `${head}const k = ${'a ? b : '.repeat(n)}c;\n`,
    [`${n} template nesting`]: `${head}const s = ${'`${'.repeat(n)}1${'}`'.repeat(n)};\n`,
    [`${n} unclosed parentheses`]: `${head}const y = ${'('.repeat(n)}\n`,
    [`${n} unclosed braces`]: `${head}${'{'.repeat(n)}\n`,
  };
}

// CPython as an oracle

const AST_SERVER = `
import ast, json, sys, warnings
warnings.simplefilter('ignore')
sys.setrecursionlimit(10000)
for line in sys.stdin:
    try:
        ast.parse(json.loads(line).encode('utf-8', 'surrogatepass'))
        answer = 'ok'
    except Exception:
        answer = 'error'
    sys.stdout.write(answer + '\\n')
    sys.stdout.flush()
`;

/**
 * One /usr/bin/python3 that answers, for each source sent as a JSON line, whether CPython's
 * `ast.parse` accepts it (as the bytes of a UTF-8 file, so a BOM is read as Python reads files).
 */
export class CPythonParser {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((ok: boolean) => void)[] = [];
  private buffer = '';

  constructor() {
    this.child = spawn('/usr/bin/python3', ['-c', AST_SERVER], { stdio: 'pipe' });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const answer = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.waiting.shift()?.(answer === 'ok');
      }
    });
  }

  accepts(source: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(`${JSON.stringify(source)}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}
