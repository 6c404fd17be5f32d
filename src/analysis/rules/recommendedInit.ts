import type { Activation } from '../../core';
import type { TextEdit } from '../finding';
import type { InitSite } from '../model';
import type { PythonAnalysis } from '../pythonAnalysis';
import { quoted, quoteStyle, renameCallee, spell } from '../pythonEdits';
import type { Node } from '../parser';
import { rangeOf } from '../syntax';

/** The initializer that fits an activation, written for one framework in the file's style. */

const family = (act: Activation) => (act.kind === 'reluLike' ? 'he' : act.kind === 'selu' ? 'lecun' : 'glorot');

/**
 * Keras/Flax spelling of the fitting scheme: `he_normal` / `HeNormal`, `lecun_normal`, `glorot_uniform`.
 * A replaced scheme's distribution carries over (he_normal → glorot_normal); LeCun for SELU is always normal.
 */
export function fittingName(act: Activation, style: 'snake' | 'class', distribution?: string): string {
  const f = family(act);
  const dist = f === 'lecun' ? 'normal' : distribution ? (distribution.includes('uniform') ? 'uniform' : 'normal') : f === 'glorot' ? 'uniform' : 'normal';
  if (style === 'snake') return `${f}_${dist}`;
  const cls = f === 'he' ? 'He' : f === 'lecun' ? 'Lecun' : 'Glorot';
  return `${cls}${dist === 'normal' ? 'Normal' : 'Uniform'}`;
}

/** torch.nn.init call arguments (after the tensor) and scheme name for an activation. */
export function torchFitting(a: PythonAnalysis, act: Activation, slope: number, near?: Node, callee?: Node): { name: string; args: string[]; edits: TextEdit[] } {
  const q = quoteStyle(a, near);
  if (act.kind === 'reluLike') {
    const leaky = act.name === 'leaky_relu' || act.name === 'prelu';
    return {
      name: 'kaiming_normal_',
      args: leaky ? [`a=${slope}`, `nonlinearity=${quoted(q, 'leaky_relu')}`] : [`nonlinearity=${quoted(q, 'relu')}`],
      edits: [],
    };
  }
  if (act.kind === 'selu') return { name: 'kaiming_normal_', args: [`nonlinearity=${quoted(q, 'linear')}`], edits: [] };
  if (act.name === 'sigmoid' || act.name === 'hard_sigmoid') return { name: 'xavier_uniform_', args: [], edits: [] };
  const gain = callee ? renameCallee(a, callee, 'torch.nn.init.calculate_gain') : spell(a, 'torch.nn.init.calculate_gain');
  return { name: 'xavier_uniform_', args: [`gain=${gain.text}(${quoted(q, 'tanh')})`], edits: gain.edits };
}

/** Replaces a Keras/Flax argument-style initializer with `snake`/`Class` of another scheme, keeping its form. */
export function renameArgumentScheme(a: PythonAnalysis, site: InitSite, snake: string, cls: string): TextEdit[] {
  const expr = site.expression;
  if (expr.type === 'string') return [{ range: rangeOf(expr), newText: quoted(expr.text.match(/^[a-zA-Z]*(["'])/)?.[1] ?? "'", snake) }];
  const callee = expr.type === 'call' ? expr.childForFieldName('function') : expr;
  if (!callee) return [];
  const written = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text ?? '' : callee.text;
  const isClass = site.framework === 'keras' && /^[A-Z]/.test(written);
  const name = isClass ? cls : snake;
  const module = site.framework === 'keras' ? 'keras.initializers' : 'jax.nn.initializers';
  const renamed = renameCallee(a, callee, `${module}.${name}`);
  // Arguments of the old scheme (scale, mode) do not carry over; seed does
  const seed = expr.type === 'call' ? expr.childForFieldName('arguments')?.namedChildren.find((n) => n?.type === 'keyword_argument' && n.childForFieldName('name')?.text === 'seed') : undefined;
  const call = site.framework === 'jax' || isClass || expr.type === 'call' ? `${renamed.text}(${seed ? seed.text : ''})` : renamed.text;
  return [{ range: rangeOf(expr), newText: call }, ...renamed.edits];
}
