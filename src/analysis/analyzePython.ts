import type { Finding } from './finding';
import type { Tree } from './parser';
import { analyzePythonSource, type PythonAnalysis } from './pythonAnalysis';
import type { Definitions } from './topLevelDefinitions';
import { runRules, type AnalysisOptions } from './runRules';

export type { AnalysisOptions };

export interface PythonResult {
  analysis: PythonAnalysis;
  findings: Finding[];
}

/** Python source → findings. After an edit, `oldTree` (edited) and `previous` make it incremental (see `analyzePythonSource`). */
export function analyzePython(text: string, options: AnalysisOptions = {}, oldTree?: Tree, previous?: Definitions): PythonResult {
  const analysis = analyzePythonSource(text, oldTree, previous);
  return { analysis, findings: runRules(analysis, options) };
}
