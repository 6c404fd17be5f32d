import type { ModelAnalysis } from './initEditor';
import { LineIndex } from './lineIndex';
import type { GainCall, InitSite, Layer } from './model';
import { parse, type Node, type Tree } from './parser';
import { importStatements, readImports, type ImportMap } from './pythonImports';
import { InitSiteCollector } from './pythonInitSites';
import { PythonInitEditor } from './pythonInitEditor';
import { PythonModel } from './pythonModel';

/** A parsed Python source, as the fix writers need it. */
export interface PythonSource {
  text: string;
  lines: LineIndex;
  tree: Tree;
  imports: ImportMap;
  /** The statements `imports` was read from: fixes that rename an import edit them. */
  importStatements: Node[];
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
  const statements = importStatements(tree.rootNode);
  const imports = readImports(statements);
  const collector = new InitSiteCollector();
  const model = new PythonModel(imports, collector);
  model.run(tree.rootNode);
  collector.finish(model);
  const source: PythonSource = { text, lines: new LineIndex(text), tree, imports, importStatements: statements };
  return { ...source, layers: model.layers, sites: collector.sites, gainCalls: collector.gainCalls, editor: new PythonInitEditor(source) };
}
