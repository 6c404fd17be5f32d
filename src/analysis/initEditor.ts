import type { Activation } from '../core';
import type { TextEdit } from './finding';
import type { GainCall, InitSite, Layer } from './model';
import type { Node } from './parser';

/** A fix as the message names it (`kaiming_uniform_(…, nonlinearity='relu')`), and its edits when they can be written. */
export interface Suggestion {
  text: string;
  edits?: TextEdit[];
}

/**
 * Writes initializer fixes in one language's syntax and one file's style. The rules decide what
 * is wrong and what fits; an editor (Python, TS/JS) decides how it is spelled there.
 */
export interface InitEditor {
  /** The site rewritten to the init that fits `act`; `like` (uniform/normal) keeps that distribution where the framework has both. */
  fit(site: InitSite, act: Activation, slope: number, like?: string): Suggestion;
  /** An explicit init that fits `act` for a layer that kept its default. */
  explicitInit(layer: Layer, act: Activation, slope: number): Suggestion;
  /** The site rewritten to another scheme of its framework, without arguments (`zeros_`, `ones_`). */
  replaceScheme(site: InitSite, name: string): TextEdit[] | undefined;
  /** A literal replaced: a number at 3 significant digits, a string in the literal's own quotes. */
  literal(node: Node, value: number | string): TextEdit;
  /** A new argument on a call (`std=0.088`, `a=0.2`; a positional one when `name` is undefined); before `before` when given. */
  addArgument(call: Node, name: string | undefined, value: number | string, before?: Node): TextEdit;
  /** INIT005: the underscore form of a deprecated torch.nn.init alias. */
  undeprecate(site: InitSite): TextEdit[] | undefined;
}

/** What the rules read, whatever the language. */
export interface ModelAnalysis {
  layers: Layer[];
  sites: InitSite[];
  gainCalls: GainCall[];
  editor: InitEditor;
}
