import type { Node } from './parser';
import { dottedName, namedChildren, nodesAtMatches } from './syntax';

/**
 * Local name → fully qualified name, from every import in the file
 * (`import torch.nn as nn` gives nn → torch.nn; `from torch.nn.init import xavier_uniform_ as xu`
 * gives xu → torch.nn.init.xavier_uniform_). Imports inside functions count too: models import
 * lazily, and a name bound twice means the same library in practice.
 */
export type ImportMap = ReadonlyMap<string, string>;

/** Roots that resolve to themselves even without an import, so a notebook cell or a snippet still reads. */
const SELF_ROOTS: Readonly<Record<string, string>> = { torch: 'torch', keras: 'keras', jax: 'jax', flax: 'flax', tf: 'tensorflow' };

/** Re-exports that name the same object, folded so each object has one spelling. */
const CANONICAL: readonly [RegExp, string][] = [
  [/^tensorflow\.(python\.)?keras\./, 'keras.'],
  [/^keras\.src\./, 'keras.'],
  [/^keras\.api\./, 'keras.'],
  [/^flax\.(linen|nnx)\.initializers\./, 'jax.nn.initializers.'],
  [/^jax\.nn\.initializers\.(\w+)_init$/, 'jax.nn.initializers.$1'],
  [/^keras\.models\.Sequential$/, 'keras.Sequential'],
  [/^keras\.models\.Model$/, 'keras.Model'],
  [/^keras\.layers\.Input$/, 'keras.Input'],
  [/^torch\.nn\.modules\.\w+\./, 'torch.nn.'],
  [/^torch\.nn\.init$/, 'torch.nn.init'],
];

const canonicalMemo = new Map<string, string>();

export function canonical(qualified: string): string {
  let name = canonicalMemo.get(qualified);
  if (name !== undefined) return name;
  name = qualified;
  for (const [pattern, replacement] of CANONICAL) name = name.replace(pattern, replacement);
  // a file names few distinct things; a hostile one cannot grow this past a bound
  if (canonicalMemo.size < 10_000) canonicalMemo.set(qualified, name);
  return name;
}

/** Every import statement of the file, nested ones too, in order. */
export function importStatements(root: Node): Node[] {
  return nodesAtMatches(root, /\bimport\b/g, ['import_statement', 'import_from_statement']);
}

export function readImports(statements: readonly Node[]): ImportMap {
  const map = new Map<string, string>();
  for (const node of statements) {
    if (node.type === 'import_statement') {
      for (const child of namedChildren(node)) {
        if (child.type === 'dotted_name') {
          // `import torch.nn` binds only `torch`
          const first = child.text.split('.')[0];
          map.set(first, first);
        } else if (child.type === 'aliased_import') {
          const name = child.childForFieldName('name')?.text;
          const alias = child.childForFieldName('alias')?.text;
          if (name && alias) map.set(alias, name.replace(/\s+/g, ''));
        }
      }
      continue;
    }
    const module = node.childForFieldName('module_name');
    if (!module || module.type === 'relative_import') continue;
    const from = module.text.replace(/\s+/g, '');
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'dotted_name') map.set(child.text, `${from}.${child.text}`);
      else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (name && alias) map.set(alias, `${from}.${name}`);
      }
    }
  }
  return map;
}

/** The canonical qualified name of an expression such as `nn.init.xavier_uniform_`, when its root is imported. */
export function qualify(node: Node | null | undefined, imports: ImportMap): string | undefined {
  const name = dottedName(node);
  if (!name) return undefined;
  const dot = name.indexOf('.');
  const root = dot < 0 ? name : name.slice(0, dot);
  const base = imports.get(root) ?? SELF_ROOTS[root];
  if (!base) return undefined;
  return canonical(dot < 0 ? base : base + name.slice(dot));
}

/** The raw module paths that canonicalize to `qualified` (the reverse of `canonical`). */
function rawForms(qualified: string): string[] {
  const forms = [qualified];
  const init = /^jax\.nn\.initializers\.(.*)$/.exec(qualified);
  if (init) forms.push(`flax.linen.initializers.${init[1]}`, `flax.nnx.initializers.${init[1]}`);
  if (qualified.startsWith('keras.')) forms.push(`tensorflow.${qualified}`, `tensorflow.python.${qualified}`);
  return forms;
}

/**
 * The shortest local spelling of a canonical qualified name (`torch.nn.init.kaiming_normal_`
 * → `init.kaiming_normal_` after `import torch.nn.init as init`), when the file's imports reach it.
 */
export function spellingOf(qualified: string, imports: ImportMap): string | undefined {
  let best: string | undefined;
  const consider = (candidate: string) => {
    if (!best || candidate.length < best.length) best = candidate;
  };
  for (const raw of rawForms(qualified)) {
    for (const [local, target] of imports) {
      if (raw === target) consider(local);
      else if (raw.startsWith(`${target}.`)) consider(local + raw.slice(target.length));
    }
  }
  return best;
}
