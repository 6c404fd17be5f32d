import type { Framework } from '../core';
import type { Finding, RuleCode, Severity } from './finding';
import type { ModelAnalysis } from './initEditor';
import type { Tree } from './parser';
import { RULES_BY_CODE } from './rules/allRules';
import { isSuppressed, SUPPRESSION_MARK } from './suppression';
import { nodesAtMatches } from './syntax';

export interface AnalysisOptions {
  /** Enabled codes (default: all). */
  rules?: ReadonlySet<RuleCode>;
  /** Per-code severity overrides. */
  severities?: Partial<Record<RuleCode, Severity>>;
  /** Frameworks to check (default: all). */
  frameworks?: ReadonlySet<Framework>;
}

/**
 * The suppression comments starting on each line (Python and JS line or block comments). Read in
 * one pass when first asked: a query per finding walked the top level from the start each time,
 * quadratic in a large file (minutes for 1 MB).
 */
function commentsByLine(tree: Tree): (line: number) => string[] {
  let byLine: Map<number, string[]> | undefined;
  return (line) => {
    if (!byLine) {
      byLine = new Map();
      for (const n of nodesAtMatches(tree.rootNode, SUPPRESSION_MARK, ['comment'])) {
        const row = n.startPosition.row;
        const list = byLine.get(row);
        if (list) list.push(n.text); else byLine.set(row, [n.text]);
      }
    }
    return byLine.get(line) ?? [];
  };
}

/** Runs the rules over a model; findings are sorted by position, one per (code, range), suppressions honoured. */
export function runRules(model: ModelAnalysis & { tree: Tree }, options: AnalysisOptions = {}): Finding[] {
  const only = options.frameworks;
  const analysis = only
    ? { ...model, layers: model.layers.filter((l) => only.has(l.framework)), sites: model.sites.filter((s) => only.has(s.framework)), gainCalls: only.has('torch') ? model.gainCalls : [] }
    : model;
  const commentsOn = commentsByLine(analysis.tree);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const [code, rule] of RULES_BY_CODE) {
    if (options.rules && !options.rules.has(code)) continue;
    for (const f of rule(analysis)) {
      const key = `${f.code}:${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}`;
      if (seen.has(key) || isSuppressed(f, commentsOn(f.range.start.line))) continue;
      seen.add(key);
      findings.push({ ...f, severity: options.severities?.[code] ?? f.severity });
    }
  }
  return findings.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character || x.code.localeCompare(y.code));
}
