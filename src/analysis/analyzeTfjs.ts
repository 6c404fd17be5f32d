import type { Finding } from './finding';
import type { Grammar, Tree } from './parser';
import { runRules, type AnalysisOptions } from './runRules';
import { analyzeTfjsSource, type TfjsAnalysis } from './tfjsAnalysis';

export interface TfjsResult {
  analysis: TfjsAnalysis;
  findings: Finding[];
}

/** TS/JS source → findings for its TF.js models. */
export function analyzeTfjs(text: string, grammar: Grammar, options: AnalysisOptions = {}, oldTree?: Tree): TfjsResult {
  const analysis = analyzeTfjsSource(text, grammar, oldTree);
  return { analysis, findings: runRules(analysis, options) };
}
