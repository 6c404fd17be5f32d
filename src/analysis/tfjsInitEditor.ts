import type { Activation, ParamValue } from '../core';
import type { TextEdit } from './finding';
import type { InitEditor, Suggestion } from './initEditor';
import { objectProperties, unwrap } from './jsLiteral';
import type { LineIndex } from './lineIndex';
import type { InitSite, Layer } from './model';
import { fmt } from './numberFormat';
import type { Node, Tree } from './parser';
import type { ImportMap } from './pythonImports';
import { namedChildren, rangeOf } from './syntax';

/** A parsed TS/JS source, as the fix writer needs it. */
export interface JsSource {
  text: string;
  lines: LineIndex;
  tree: Tree;
  imports: ImportMap;
}

const replace = (node: Node, newText: string): TextEdit => ({ range: rangeOf(node), newText });
const insertAt = (row: number, column: number, newText: string): TextEdit => ({
  range: { start: { line: row, character: column }, end: { line: row, character: column } }, newText,
});
const className = (id: string) => id[0].toUpperCase() + id.slice(1);

/** JS source for a parameter value. */
function jsValue(v: ParamValue, quote: string): string {
  if (typeof v === 'number') return fmt(v);
  if (typeof v === 'string') return `${quote}${v}${quote}`;
  return JSON.stringify(v);
}

/**
 * TF.js fixes: initializers rewritten in place (a string stays a string, a factory call keeps its
 * prefix and seed, a `{className}` object keeps its shape), `kernelInitializer` added in the
 * config object's own formatting.
 */
export class TfjsInitEditor implements InitEditor {
  private quote?: string;

  constructor(private readonly source: JsSource) {}

  /** The file's dominant quote character. */
  private fileQuote(): string {
    if (this.quote === undefined) {
      let single = 0;
      let double = 0;
      for (const s of this.source.tree.rootNode.descendantsOfType('string')) {
        if (s?.text.startsWith('"')) double++; else if (s) single++;
      }
      this.quote = double > single ? '"' : "'";
    }
    return this.quote;
  }

  /** How this file writes `tf.initializers`. */
  private initializersPrefix(): string {
    for (const [local, target] of this.source.imports) if (target === 'tf.initializers') return local;
    for (const [local, target] of this.source.imports) if (target === 'tf') return `${local}.initializers`;
    return 'tf.initializers';
  }

  /**
   * The TF.js scheme that fits `act`: the uniform presets, which TF.js realises exactly (its normal
   * ones are cut at ±2σ without correction). He's slope correction for leaky ReLU is left out: for
   * TF.js's default alpha 0.3 it is 9 % of the variance, less than heNormal's own 23 % loss.
   */
  private fitting(act: Activation): string {
    return act.kind === 'reluLike' ? 'heUniform' : act.kind === 'selu' ? 'leCunUniform' : 'glorotUniform';
  }

  fit(site: InitSite, act: Activation): Suggestion {
    const name = this.fitting(act);
    const expr = site.expression;
    const q = this.fileQuote();
    if (expr.type === 'string' || expr.type === 'template_string') {
      // a class-name string keeps the class-name spelling
      const written = /^[A-Z]/.test(expr.text.slice(1)) ? className(name) : name;
      return { text: `'${name}'`, edits: [replace(expr, `${expr.text[0]}${written}${expr.text[0]}`)] };
    }
    if (expr.type === 'object') {
      // TF.js rejects a {className} object without config ("Improper config format"): config keeps the seed
      const seed = objectProperties(objectProperties(expr).get('config')?.value).get('seed');
      const text = `{className: ${q}${className(name)}${q}, config: {${seed ? `seed: ${seed.value.text}` : ''}}}`;
      return { text: `'${name}'`, edits: [replace(expr, text)] };
    }
    const fn = unwrap(expr.childForFieldName('function'));
    const property = fn?.type === 'member_expression' ? fn.childForFieldName('property') : undefined;
    const config = unwrap(namedChildren(expr.childForFieldName('arguments') ?? expr)[0]);
    const props = objectProperties(config);
    const seed = props.get('seed');
    // only the seed carries over; a config holding nothing else stays as written
    if (property && config?.type === 'object' && [...props.keys()].every((k) => k === 'seed')) {
      return { text: `'${name}'`, edits: [replace(property, name)] };
    }
    const prefix = fn?.type === 'member_expression' ? fn.childForFieldName('object')!.text : this.initializersPrefix();
    const spaced = config?.text.startsWith('{ ') ? ' ' : '';
    const args = seed ? `{${spaced}seed: ${seed.value.text}${spaced}}` : '{}';
    return { text: `'${name}'`, edits: [replace(expr, `${prefix}.${name}(${args})`)] };
  }

  explicitInit(layer: Layer, act: Activation): Suggestion {
    const q = this.fileQuote();
    const property = `kernelInitializer: ${q}${this.fitting(act)}${q}`;
    const config = unwrap(namedChildren(layer.call.childForFieldName('arguments') ?? layer.call)[0]);
    return { text: property, edits: config?.type === 'object' ? [this.addProperty(config, property)] : undefined };
  }

  /** Adds `property` as the last entry of an object literal, in its formatting (one line or one per line). */
  private addProperty(object: Node, property: string): TextEdit {
    const entries = namedChildren(object);
    const close = object.lastChild!;
    if (entries.length === 0) return insertAt(close.startPosition.row, close.startPosition.column, property);
    const last = entries[entries.length - 1];
    const multiline = last.startPosition.row !== object.startPosition.row && close.startPosition.row !== last.endPosition.row;
    const afterLast = last.nextSibling;
    const trailingComma = afterLast?.type === ',';
    if (!multiline) return insertAt(last.endPosition.row, last.endPosition.column, `, ${property}`);
    const indent = this.source.lines.indentOf(last.startPosition.row);
    if (trailingComma) return insertAt(afterLast.endPosition.row, afterLast.endPosition.column, `\n${indent}${property},`);
    return insertAt(last.endPosition.row, last.endPosition.column, `,\n${indent}${property}`);
  }

  replaceScheme(): TextEdit[] | undefined {
    return undefined;
  }

  literal(node: Node, value: number | string): TextEdit {
    return replace(node, typeof value === 'number' ? fmt(value) : `${node.text[0]}${value}${node.text[0]}`);
  }

  addArgument(call: Node, name: string | undefined, value: number | string): TextEdit {
    const v = jsValue(value, this.fileQuote());
    const config = unwrap(namedChildren(call.childForFieldName('arguments') ?? call)[0]);
    if (name && config?.type === 'object') return this.addProperty(config, `${name}: ${v}`);
    const list = call.childForFieldName('arguments') ?? call;
    const close = list.lastChild!;
    return insertAt(close.startPosition.row, close.startPosition.column, name ? `{${name}: ${v}}` : v);
  }

  undeprecate(): TextEdit[] | undefined {
    return undefined;
  }
}
