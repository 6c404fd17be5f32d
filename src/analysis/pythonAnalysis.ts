import type { ModelAnalysis } from './initEditor';
import { LineIndex } from './lineIndex';
import type { GainCall, InitSite, Layer } from './model';
import { parse, type Tree } from './parser';
import { readImports, type ImportMap } from './pythonImports';
import { InitSiteCollector } from './pythonInitSites';
import { PythonInitEditor } from './pythonInitEditor';
import { PythonModel } from './pythonModel';

/** A parsed Python source, as the fix writers need it. */
export interface PythonSource {
  text: string;
  lines: LineIndex;
  tree: Tree;
  imports: ImportMap;
}

/** Everything the rules read from a Python source: the layers, the init sites, and its fix writer. */
export interface PythonAnalysis extends PythonSource, ModelAnalysis {
  layers: Layer[];
  sites: InitSite[];
  gainCalls: GainCall[];
}

/** Parses (incrementally when `oldTree` is given) and builds the model of one Python program. */
export function analyzePythonSource(text: string, oldTree?: Tree): PythonAnalysis {
  const tree = parse('python', text, oldTree);
  const imports = readImports(tree.rootNode);
  const collector = new InitSiteCollector();
  const model = new PythonModel(imports, collector);
  model.run(tree.rootNode);
  collector.finish(model);
  const source: PythonSource = { text, lines: new LineIndex(text), tree, imports };
  return { ...source, layers: model.layers, sites: collector.sites, gainCalls: collector.gainCalls, editor: new PythonInitEditor(source) };
}
