import type { Activation } from '../core';
import type { TextEdit } from './finding';
import type { InitEditor, Suggestion } from './initEditor';
import type { InitSite, Layer } from './model';
import type { Node } from './parser';
import type { PythonSource } from './pythonAnalysis';
import {
  addArgument, insertLineAfter, quoted, quoteStyle, renameCallee, replaceNode, spell,
} from './pythonEdits';
import { quoteOf } from './pythonLiteral';
import { fmt } from './numberFormat';

const family = (act: Activation) => (act.kind === 'reluLike' ? 'he' : act.kind === 'selu' ? 'lecun' : 'glorot');

/**
 * Keras/Flax spelling of the fitting scheme: `he_normal` / `HeNormal`, `lecun_normal`, `glorot_uniform`.
 * A replaced scheme's distribution carries over (he_normal → glorot_normal); LeCun for SELU is always normal.
 */
export function fittingName(act: Activation, style: 'snake' | 'class', like?: string): string {
  const f = family(act);
  const dist = f === 'lecun' ? 'normal' : like ? (like.includes('uniform') ? 'uniform' : 'normal') : f === 'glorot' ? 'uniform' : 'normal';
  if (style === 'snake') return `${f}_${dist}`;
  const cls = f === 'he' ? 'He' : f === 'lecun' ? 'Lecun' : 'Glorot';
  return `${cls}${dist === 'normal' ? 'Normal' : 'Uniform'}`;
}

/** Python: torch.nn.init calls, Keras and Flax initializer arguments, in the file's own spelling and quotes. */
export class PythonInitEditor implements InitEditor {
  private fromImports?: Map<string, Node>;

  constructor(private readonly source: PythonSource) {}

  /** torch.nn.init scheme and arguments (after the tensor) that fit an activation. */
  private torchFitting(act: Activation, slope: number, near?: Node, callee?: Node, like?: string): { name: string; args: string[]; edits: TextEdit[] } {
    const q = quoteStyle(this.source, near);
    const dist = (fallback: string) => (like ? (like.includes('uniform') ? 'uniform' : 'normal') : fallback);
    if (act.kind === 'reluLike') {
      const leaky = act.name === 'leaky_relu' || act.name === 'prelu';
      return {
        name: `kaiming_${dist('normal')}_`,
        args: leaky ? [`a=${slope}`, `nonlinearity=${quoted(q, 'leaky_relu')}`] : [`nonlinearity=${quoted(q, 'relu')}`],
        edits: [],
      };
    }
    if (act.kind === 'selu') return { name: 'kaiming_normal_', args: [`nonlinearity=${quoted(q, 'linear')}`], edits: [] };
    if (act.name === 'sigmoid' || act.name === 'hard_sigmoid') return { name: `xavier_${dist('uniform')}_`, args: [], edits: [] };
    const gain = callee ? renameCallee(this.source, callee, 'torch.nn.init.calculate_gain') : spell(this.source, 'torch.nn.init.calculate_gain');
    return { name: `xavier_${dist('uniform')}_`, args: [`gain=${gain.text}(${quoted(q, 'tanh')})`], edits: gain.edits };
  }

  /**
   * Rewrites a torch.nn.init call (or an in-place `.normal_()` call) as `<init>.name(tensor, args)`,
   * keeping the file's spelling of torch.nn.init.
   */
  private torchCall(site: InitSite, name: string, args: string[]): TextEdit[] | undefined {
    const callee = site.expression.childForFieldName('function');
    if (!site.tensorNode || !callee) return undefined;
    const spelled = site.style === 'function' ? renameCallee(this.source, callee, `torch.nn.init.${name}`) : spell(this.source, `torch.nn.init.${name}`);
    // `.data` is for in-place tensor methods; nn.init functions take the parameter itself
    const tensor = site.style === 'method' ? site.tensorNode.text.replace(/\.data$/, '') : site.tensorNode.text;
    return [replaceNode(site.expression, `${spelled.text}(${[tensor, ...args].join(', ')})`), ...spelled.edits];
  }

  /** A Keras/Flax initializer argument renamed to another scheme, keeping its form (string, class, function) and its seed. */
  private renameArgument(site: InitSite, snake: string, cls: string): TextEdit[] | undefined {
    const expr = site.expression;
    if (expr.type === 'string') return [replaceNode(expr, quoted(quoteOf(expr), snake))];
    const callee = expr.type === 'call' ? expr.childForFieldName('function') : expr;
    if (!callee) return undefined;
    const written = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text ?? '' : callee.text;
    const isClass = site.framework === 'keras' && /^[A-Z]/.test(written);
    const module = site.framework === 'keras' ? 'keras.initializers' : 'jax.nn.initializers';
    const renamed = renameCallee(this.source, callee, `${module}.${isClass ? cls : snake}`);
    // Arguments of the old scheme (scale, mode) do not carry over; seed does
    const seed = expr.type === 'call'
      ? expr.childForFieldName('arguments')?.namedChildren.find((n) => n?.type === 'keyword_argument' && n.childForFieldName('name')?.text === 'seed')
      : undefined;
    return [replaceNode(expr, `${renamed.text}(${seed ? seed.text : ''})`), ...renamed.edits];
  }

  fit(site: InitSite, act: Activation, slope: number, like?: string): Suggestion {
    if (site.framework === 'torch') {
      const callee = site.style === 'function' ? site.expression.childForFieldName('function') ?? undefined : undefined;
      const fitting = this.torchFitting(act, slope, site.expression, callee, like);
      const call = this.torchCall(site, fitting.name, fitting.args);
      return { text: `${fitting.name}(…${fitting.args.length ? `, ${fitting.args.join(', ')}` : ''})`, edits: call && [...call, ...fitting.edits] };
    }
    const snake = fittingName(act, 'snake', like);
    return {
      text: site.framework === 'keras' ? `'${snake}'` : `${snake}()`,
      edits: this.renameArgument(site, snake, fittingName(act, 'class', like)),
    };
  }

  explicitInit(layer: Layer, act: Activation, slope: number): Suggestion {
    if (layer.framework === 'torch') {
      const fitting = this.torchFitting(act, slope, layer.call);
      const text = `${fitting.name}(…${fitting.args.length ? `, ${fitting.args.join(', ')}` : ''})`;
      const ref = layer.refs[0];
      if (!ref || !layer.statement) return { text };
      const init = spell(this.source, `torch.nn.init.${fitting.name}`);
      const line = `${init.text}(${[`${ref}.weight`, ...fitting.args].join(', ')})`;
      return { text, edits: [insertLineAfter(this.source, layer.statement, line), ...init.edits, ...fitting.edits] };
    }
    const snake = fittingName(act, 'snake');
    if (layer.framework === 'keras') {
      const text = `kernel_initializer=${quoted(quoteStyle(this.source, layer.call), snake)}`;
      return { text, edits: [addArgument(layer.call, text)] };
    }
    const init = spell(this.source, `jax.nn.initializers.${snake}`);
    const text = `kernel_init=${init.text}()`;
    return { text, edits: [addArgument(layer.call, text), ...init.edits] };
  }

  replaceScheme(site: InitSite, name: string): TextEdit[] | undefined {
    return site.framework === 'torch' ? this.torchCall(site, name, []) : undefined;
  }

  literal(node: Node, value: number | string): TextEdit {
    return replaceNode(node, typeof value === 'number' ? fmt(value) : quoted(quoteOf(node), value));
  }

  addArgument(call: Node, name: string | undefined, value: number | string, before?: Node): TextEdit {
    const v = typeof value === 'number' ? fmt(value) : quoted(quoteStyle(this.source, call), value);
    const code = name ? `${name}=${v}` : v;
    if (!before) return addArgument(call, code);
    const at = { line: before.startPosition.row, character: before.startPosition.column };
    return { range: { start: at, end: at }, newText: `${code}, ` };
  }

  undeprecate(site: InitSite): TextEdit[] | undefined {
    const callee = site.expression.childForFieldName('function');
    if (callee?.type === 'attribute') {
      const name = callee.childForFieldName('attribute');
      return name ? [replaceNode(name, site.scheme.name)] : undefined;
    }
    if (callee?.type !== 'identifier') return undefined;
    // Imported by name: fix the import, so every call through that name is fixed at once
    const imported = this.importedNames().get(callee.text);
    if (imported?.type === 'dotted_name') return [replaceNode(imported, `${site.scheme.name} as ${callee.text}`)];
    const name = imported?.childForFieldName('name');
    return name && name.text !== site.scheme.name ? [replaceNode(name, site.scheme.name)] : undefined;
  }

  /**
   * The name each `from … import` binds, and what binds it (`xavier_uniform` or `xavier_uniform as xu`).
   * The binding in effect is the last, as readImports reads them: fixing the first of two left the
   * finding in place, and fix-all rewrote that import again at every pass. Read once: a walk of
   * every import per finding took 7 ms in a 10,000-line file.
   */
  private importedNames(): Map<string, Node> {
    if (this.fromImports) return this.fromImports;
    const names = (this.fromImports = new Map<string, Node>());
    for (const stmt of this.source.importStatements) {
      if (stmt.type !== 'import_from_statement') continue;
      for (const child of stmt.childrenForFieldName('name')) {
        if (child.type === 'dotted_name') names.set(child.text, child);
        else if (child.type === 'aliased_import') {
          const alias = child.childForFieldName('alias')?.text;
          if (alias) names.set(alias, child);
        }
      }
    }
    return names;
  }
}

