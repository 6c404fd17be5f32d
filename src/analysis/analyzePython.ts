import type { Finding, RuleCode, Severity } from './finding';
import type { Tree } from './parser';
import { analyzePythonSource, type PythonAnalysis } from './pythonAnalysis';
import { PYTHON_RULES } from './rules/pythonRules';
import { isSuppressed } from './suppression';

export interface AnalysisOptions {
  /** Enabled codes (default: all). */
  rules?: ReadonlySet<RuleCode>;
  /** Per-code severity overrides. */
  severities?: Partial<Record<RuleCode, Severity>>;
}

export interface PythonResult {
  analysis: PythonAnalysis;
  findings: Finding[];
}

/** Comments on each line that has a finding. */
function commentsOn(tree: Tree, line: number): string[] {
  return tree.rootNode
    .descendantsOfType('comment', { row: line, column: 0 }, { row: line + 1, column: 0 })
    .filter((n) => n && n.startPosition.row === line)
    .map((n) => n!.text);
}

/** Runs the rules over a model of the source; findings are sorted by position, one per (code, range). */
export function runPythonRules(analysis: PythonAnalysis, options: AnalysisOptions = {}): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const [code, rule] of PYTHON_RULES) {
    if (options.rules && !options.rules.has(code)) continue;
    for (const f of rule(analysis)) {
      const key = `${f.code}:${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}`;
      if (seen.has(key) || isSuppressed(f, commentsOn(analysis.tree, f.range.start.line))) continue;
      seen.add(key);
      findings.push({ ...f, severity: options.severities?.[code] ?? f.severity });
    }
  }
  return findings.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character || x.code.localeCompare(y.code));
}

/** Python source → findings. `oldTree` (edited) makes the parse incremental. */
export function analyzePython(text: string, options: AnalysisOptions = {}, oldTree?: Tree): PythonResult {
  const analysis = analyzePythonSource(text, oldTree);
  return { analysis, findings: runPythonRules(analysis, options) };
}
