import { LineIndex } from './lineIndex';
import type { GainCall, InitSite, Layer } from './model';
import { parse, type Tree } from './parser';
import { readImports, type ImportMap } from './pythonImports';
import { InitSiteCollector } from './pythonInitSites';
import { PythonModel } from './pythonModel';

/** Everything the Python rules read: the source, its tree, the layers and the init sites. */
export interface PythonAnalysis {
  text: string;
  lines: LineIndex;
  tree: Tree;
  imports: ImportMap;
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
  return {
    text, lines: new LineIndex(text), tree, imports,
    layers: model.layers, sites: collector.sites, gainCalls: collector.gainCalls,
  };
}
