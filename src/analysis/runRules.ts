import type { Framework } from '../core';
import type { Finding, RuleCode, Severity } from './finding';
import type { ModelAnalysis } from './initEditor';
import type { Tree } from './parser';
import { RULES_BY_CODE } from './rules/allRules';
import { isSuppressed } from './suppression';

export interface AnalysisOptions {
  /** Enabled codes (default: all). */
  rules?: ReadonlySet<RuleCode>;
  /** Per-code severity overrides. */
  severities?: Partial<Record<RuleCode, Severity>>;
  /** Frameworks to check (default: all). */
  frameworks?: ReadonlySet<Framework>;
}

/** The comments on one line (Python and JS line or block comments): where suppressions live. */
function commentsOn(tree: Tree, line: number): string[] {
  return tree.rootNode
    .descendantsOfType('comment', { row: line, column: 0 }, { row: line + 1, column: 0 })
    .filter((n) => n && n.startPosition.row === line)
    .map((n) => n!.text);
}

/** Runs the rules over a model; findings are sorted by position, one per (code, range), suppressions honoured. */
export function runRules(model: ModelAnalysis & { tree: Tree }, options: AnalysisOptions = {}): Finding[] {
  const only = options.frameworks;
  const analysis = only
    ? { ...model, layers: model.layers.filter((l) => only.has(l.framework)), sites: model.sites.filter((s) => only.has(s.framework)), gainCalls: only.has('torch') ? model.gainCalls : [] }
    : model;
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const [code, rule] of RULES_BY_CODE) {
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
