import type { ModelAnalysis } from './initEditor';
import { LineIndex } from './lineIndex';
import { parse, type Grammar, type Tree } from './parser';
import { TfjsInitEditor, type JsSource } from './tfjsInitEditor';
import { readTfjsImports } from './tfjsImports';
import { TfjsModel } from './tfjsModel';

export interface TfjsAnalysis extends JsSource, ModelAnalysis {}

/** The grammar for a file name: .ts → typescript, .tsx → tsx, .js/.mjs/.cjs/.jsx → javascript. */
export function grammarFor(fileName: string): Grammar | undefined {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  switch (ext) {
    case 'ts': case 'mts': case 'cts': return 'typescript';
    case 'tsx': return 'tsx';
    case 'js': case 'mjs': case 'cjs': case 'jsx': return 'javascript';
    default: return undefined;
  }
}

/** Parses TS/JS (incrementally with an edited `oldTree`) and reads its TF.js models. */
export function analyzeTfjsSource(text: string, grammar: Grammar, oldTree?: Tree): TfjsAnalysis {
  const tree = parse(grammar, text, oldTree);
  const imports = readTfjsImports(tree.rootNode);
  const model = new TfjsModel(imports);
  if (imports.size > 0) model.run(tree.rootNode);
  const source: JsSource = { text, lines: new LineIndex(text), tree, imports };
  return { ...source, layers: model.layers, sites: model.sites, gainCalls: [], editor: new TfjsInitEditor(source) };
}
