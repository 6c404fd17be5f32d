import type { Finding } from './finding';
import type { Tree } from './parser';
import { analyzePythonSource, type PythonAnalysis } from './pythonAnalysis';
import { runRules, type AnalysisOptions } from './runRules';

export type { AnalysisOptions };

export interface PythonResult {
  analysis: PythonAnalysis;
  findings: Finding[];
}

/** Python source → findings. `oldTree` (edited) makes the parse incremental. */
export function analyzePython(text: string, options: AnalysisOptions = {}, oldTree?: Tree): PythonResult {
  const analysis = analyzePythonSource(text, oldTree);
  return { analysis, findings: runRules(analysis, options) };
}
