import * as vscode from 'vscode';
import type { Framework } from '../core';
import { RULE_CODES, type RuleCode, type Severity } from '../analysis/finding';
import type { AnalysisOptions } from '../analysis/runRules';

/** The `initlens.*` settings, read in one place. */
export interface Config {
  options: AnalysisOptions;
  inlayHints: boolean;
  codeLens: boolean;
  samples: number;
  seed: number;
  /** The open preview follows the cursor to other initializers and layers. */
  followCursor: boolean;
  /**
   * The analysis budget: a file, or a notebook's code cells together, with more lines (or more
   * than 100 characters a line on average) is not analysed. The analysis is synchronous and takes
   * ~60 µs a line, so this bounds how long it can hold the extension host.
   */
  maxLines: number;
  /** For the extension's own tests: the entry point (see guard.ts) that throws on every call; '' for none. */
  throwIn: string;
}

/** The default of `initlens.maxLines`. */
export const MAX_LINES = 10_000;
/** A document longer than this many characters per budgeted line is over budget too (a minified file on one line). */
export const CHARS_PER_LINE = 100;

const FRAMEWORKS: readonly Framework[] = ['torch', 'keras', 'jax', 'tfjs'];
const LEVELS = ['off', 'hint', 'information', 'warning', 'error'] as const;

export function readConfig(): Config {
  const c = vscode.workspace.getConfiguration('initlens');
  const frameworks = c.get<string[]>('frameworks', [...FRAMEWORKS]).filter((f): f is Framework => (FRAMEWORKS as string[]).includes(f));
  const levels = c.get<Record<string, string>>('severity', {});
  const rules = new Set<RuleCode>(RULE_CODES);
  const severities: Partial<Record<RuleCode, Severity>> = {};
  for (const [code, level] of Object.entries(levels)) {
    if (!(RULE_CODES as readonly string[]).includes(code) || !(LEVELS as readonly string[]).includes(level)) continue;
    if (level === 'off') rules.delete(code as RuleCode);
    else severities[code as RuleCode] = level as Severity;
  }
  const clamp = (v: number, lo: number, hi: number, fallback: number) => (Number.isFinite(v) ? Math.min(Math.max(Math.round(v), lo), hi) : fallback);
  return {
    options: { rules, severities, frameworks: new Set(frameworks) },
    inlayHints: c.get<boolean>('inlayHints.enabled', true),
    codeLens: c.get<boolean>('codeLens.enabled', true),
    samples: clamp(c.get<number>('preview.samples', 100_000), 1_000, 10_000_000, 100_000),
    seed: clamp(c.get<number>('preview.seed', 0), 0, 2 ** 32 - 1, 0),
    followCursor: c.get<boolean>('preview.followCursor', true),
    maxLines: clamp(c.get<number>('maxLines', MAX_LINES), 100, 10_000_000, MAX_LINES),
    throwIn: c.get<string>('debug.throwIn', ''),
  };
}
