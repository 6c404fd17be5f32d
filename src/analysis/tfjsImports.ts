import type { Node } from './parser';
import type { ImportMap } from './pythonImports';
import { jsString, unwrap } from './jsLiteral';
import { dottedName, namedChildren } from './syntax';

/** The packages whose exports are the `tf` namespace (tfjs-layers exports its subset of it). */
const TFJS_PACKAGE = /^@tensorflow\/tfjs(-node|-node-gpu|-layers)?$/;

/** `require('@tensorflow/tfjs')` → true. */
function isTfjsRequire(node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type !== 'call_expression' || n.childForFieldName('function')?.text !== 'require') return false;
  const arg = namedChildren(n.childForFieldName('arguments') ?? n)[0];
  return TFJS_PACKAGE.test(jsString(arg) ?? '');
}

/**
 * Local name → canonical `tf.…` path: `import * as tf from '@tensorflow/tfjs'` (tf → tf),
 * `import { layers as L } from …` (L → tf.layers), `const tf = require(…)`,
 * `const { layers } = require(…)`, and re-assigned aliases (`const init = tf.initializers`).
 */
export function readTfjsImports(root: Node): ImportMap {
  const map = new Map<string, string>();
  for (const stmt of root.descendantsOfType(['import_statement', 'variable_declarator'])) {
    if (!stmt) continue;
    if (stmt.type === 'import_statement') {
      if (!TFJS_PACKAGE.test(jsString(stmt.childForFieldName('source')) ?? '')) continue;
      for (const clause of stmt.descendantsOfType(['namespace_import', 'import_specifier', 'import_clause'])) {
        if (!clause) continue;
        if (clause.type === 'namespace_import') {
          const local = namedChildren(clause)[0]?.text;
          if (local) map.set(local, 'tf');
        } else if (clause.type === 'import_specifier') {
          const name = clause.childForFieldName('name')?.text;
          const alias = clause.childForFieldName('alias')?.text ?? name;
          if (name && alias) map.set(alias, `tf.${name}`);
        } else {
          // a default import: `import tf from '@tensorflow/tfjs'`
          const first = namedChildren(clause)[0];
          if (first?.type === 'identifier') map.set(first.text, 'tf');
        }
      }
      continue;
    }
    const name = stmt.childForFieldName('name');
    const value = unwrap(stmt.childForFieldName('value'));
    if (!name || !value) continue;
    const target = isTfjsRequire(value) ? 'tf' : qualifyTfjs(value, map);
    if (!target) continue;
    if (name.type === 'identifier') map.set(name.text, target);
    else if (name.type === 'object_pattern') {
      for (const p of namedChildren(name)) {
        if (p.type === 'shorthand_property_identifier_pattern') map.set(p.text, `${target}.${p.text}`);
        else if (p.type === 'pair_pattern') {
          const key = p.childForFieldName('key')?.text;
          const local = p.childForFieldName('value')?.text;
          if (key && local) map.set(local, `${target}.${key}`);
        }
      }
    }
  }
  return map;
}

/** `L.dense` → `tf.layers.dense` when `L` is an alias of tf.layers. */
export function qualifyTfjs(node: Node | null | undefined, imports: ImportMap): string | undefined {
  const name = dottedName(unwrap(node));
  if (!name) return undefined;
  const dot = name.indexOf('.');
  const base = imports.get(dot < 0 ? name : name.slice(0, dot));
  return base && (dot < 0 ? base : base + name.slice(dot));
}
