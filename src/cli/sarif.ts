import type { Finding, Fix, Range, Severity } from '../analysis/finding';
import { RULES } from '../analysis/rules/catalog';

export interface FileReport {
  /** As given, relative to the working directory when possible. */
  path: string;
  findings: Finding[];
}

/** SARIF has no hint level; both of our quiet levels are notes. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

const RULE_INDEX = new Map(RULES.map((r, i) => [r.code, i]));

/** A URI reference: forward slashes, each segment percent-encoded; an absolute path as a file: URI. */
function toUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  if (slashed.startsWith('/')) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return encoded;
}

/** SARIF counts lines and columns from 1; our columns are UTF-16 code units, as the run declares. */
function toRegion(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function toFixes(artifactLocation: { uri: string }, fixes: Fix[]) {
  return fixes.map((fix) => ({
    description: { text: fix.title },
    artifactChanges: [{
      artifactLocation,
      replacements: fix.edits.map((e) => ({ deletedRegion: toRegion(e.range), insertedContent: { text: e.newText } })),
    }],
  }));
}

function toResult(uri: string, f: Finding) {
  const artifactLocation = { uri };
  return {
    ruleId: f.code,
    ruleIndex: RULE_INDEX.get(f.code)!,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation, region: toRegion(f.range) } }],
    // A notebook finding's region is within its cell, which only a property can say. Its fixes
    // are left out: a consumer would apply them to the .ipynb file's JSON text.
    ...(f.cell !== undefined
      ? { properties: { cell: f.cell } }
      : f.fixes.length > 0 ? { fixes: toFixes(artifactLocation, f.fixes) } : {}),
  };
}

/** A SARIF 2.1.0 log of one run, for code-scanning services and SARIF viewers. */
export function toSarif(reports: FileReport[], toolVersion: string): object {
  return {
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'InitLens',
          version: toolVersion,
          rules: RULES.map((r) => ({
            id: r.code,
            name: r.name,
            shortDescription: { text: r.summary },
            defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: reports.flatMap((r) => r.findings.map((f) => toResult(toUri(r.path), f))),
    }],
  };
}
