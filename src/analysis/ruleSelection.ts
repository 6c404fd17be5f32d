import { RULE_CODES, type RuleCode } from './finding';

export class SelectionError extends Error {}

/**
 * The codes enabled by `select` and `ignore` lists, each entry a code or a prefix (`INIT00`),
 * as Ruff reads them. Unknown entries are an error, so a typo never silences a rule.
 */
export function selectRules(select?: readonly string[], ignore?: readonly string[]): Set<RuleCode> {
  const matching = (entry: string) => {
    const e = entry.trim().toUpperCase();
    const codes = e === 'ALL' ? [...RULE_CODES] : RULE_CODES.filter((c) => c.startsWith(e));
    if (!e || codes.length === 0) throw new SelectionError(`unknown rule code '${entry}' (codes are ${RULE_CODES[0]}…${RULE_CODES[RULE_CODES.length - 1]})`);
    return codes;
  };
  const enabled = new Set<RuleCode>(select && select.length ? select.flatMap(matching) : RULE_CODES);
  for (const entry of ignore ?? []) for (const code of matching(entry)) enabled.delete(code);
  return enabled;
}
