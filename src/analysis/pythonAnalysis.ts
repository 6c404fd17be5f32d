import type { ModelAnalysis } from './initEditor';
import { LineIndex } from './lineIndex';
import type { GainCall, InitSite, Layer } from './model';
import { parse, type Node, type Tree } from './parser';
import { importStatements, readImports, type ImportMap } from './pythonImports';
import { InitSiteCollector } from './pythonInitSites';
import { PythonInitEditor } from './pythonInitEditor';
import { PythonModel } from './pythonModel';
import { TopLevelDefinitions, type Definitions } from './topLevelDefinitions';

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
  /** For the next analysis of this file after an edit (`analyzePythonSource`'s `previous`). */
  definitions: Definitions;
}

/**
 * Parses and builds the model of one Python program. After an edit, `oldTree` (edited to match)
 * makes the parse incremental, and `previous` (the last analysis's definitions) lets every
 * top-level class and function the edit did not change be taken over instead of read again.
 */
export function analyzePythonSource(text: string, oldTree?: Tree, previous?: Definitions): PythonAnalysis {
  const tree = parse('python', text, oldTree);
  const statements = importStatements(tree.rootNode);
  const imports = readImports(statements);
  const collector = new InitSiteCollector();
  const model = new PythonModel(imports, collector);
  const definitions = new TopLevelDefinitions(model, collector, imports, previous);
  model.run(tree.rootNode, definitions.run);
  collector.finish(model);
  const source: PythonSource = { text, lines: new LineIndex(text), tree, imports, importStatements: statements };
  return {
    ...source, layers: model.layers, sites: collector.sites, gainCalls: collector.gainCalls, editor: new PythonInitEditor(source),
    definitions: definitions.kept(),
  };
}
