import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Finding } from '../../src/analysis/finding';
import { RULES } from '../../src/analysis/rules/catalog';
import { toSarif, type FileReport } from '../../src/cli/sarif';

// The OASIS schema as a dev dependency ships it (its exports hide the file, so found by path).
const SCHEMA_PATH = join(dirname(require.resolve('@datadog/datadog-ci-plugin-sarif/package.json')), 'dist', 'json-schema', 'sarif-schema-2.1.0.json');
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { $id: string };

const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

interface Log {
  version: string;
  runs: {
    columnKind: string;
    tool: { driver: { name: string; version: string; informationUri?: string; rules: { id: string; name: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
      properties?: { cell: number };
      fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Record<string, number>; insertedContent: { text: string } }[] }[] }[];
    }[];
  }[];
}

/** Validates against the schema, then hands the log back typed for the value checks. */
function sarif(reports: FileReport[]): Log {
  const log = JSON.parse(JSON.stringify(toSarif(reports, '0.1.0'))) as Log;
  assert.ok(validate(log), ajv.errorsText(validate.errors, { separator: '\n' }));
  return log;
}

const xavier: Finding = {
  code: 'INIT001',
  severity: 'warning',
  message: 'xavier_uniform_ before ReLU: use kaiming_uniform_',
  range: { start: { line: 9, character: 4 }, end: { line: 9, character: 44 } },
  fixes: [{
    title: 'Use kaiming_uniform_ (He) for ReLU',
    edits: [
      { range: { start: { line: 9, character: 12 }, end: { line: 9, character: 27 } }, newText: 'kaiming_uniform_' },
      { range: { start: { line: 9, character: 43 }, end: { line: 9, character: 43 } }, newText: ", nonlinearity='relu'" },
    ],
  }],
};

const finding = (code: Finding['code'], severity: Finding['severity'], line = 0): Finding => ({
  code, severity, message: `${code} here`, range: { start: { line, character: 0 }, end: { line, character: 3 } }, fixes: [],
});

describe('SARIF output', () => {
  it('uses the official SARIF 2.1.0 schema', () => {
    assert.equal(schema.$id, 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json');
  });

  it('describes the tool and every rule even with nothing found', () => {
    const log = sarif([]);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.results, []);
    assert.equal(run.tool.driver.name, 'InitLens');
    assert.equal(run.tool.driver.version, '0.1.0');
    assert.equal(run.tool.driver.informationUri, undefined);
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), RULES.map((r) => r.code));
    assert.deepEqual(run.tool.driver.rules[3], {
      id: 'INIT004',
      name: 'constant-hidden-weights',
      shortDescription: { text: RULES[3].summary },
      defaultConfiguration: { level: 'error' },
    });
    assert.deepEqual(run.tool.driver.rules.map((r) => r.defaultConfiguration.level), RULES.map((r) => ({ error: 'error', warning: 'warning', information: 'note', hint: 'note' })[r.defaultSeverity]));
  });

  it('gives each finding its rule, level, 1-based region and fixes', () => {
    const log = sarif([{ path: 'models/net.py', findings: [xavier, finding('INIT006', 'error', 2), finding('INIT011', 'information'), finding('INIT009', 'hint')] }]);
    const { results, tool } = log.runs[0];
    assert.deepEqual(results.map((r) => [r.ruleId, r.level]), [['INIT001', 'warning'], ['INIT006', 'error'], ['INIT011', 'note'], ['INIT009', 'note']]);
    for (const r of results) assert.equal(tool.driver.rules[r.ruleIndex].id, r.ruleId);
    const [first, second] = results;
    assert.equal(first.message.text, xavier.message);
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'models/net.py' },
      region: { startLine: 10, startColumn: 5, endLine: 10, endColumn: 45 },
    });
    assert.deepEqual(first.fixes, [{
      description: { text: 'Use kaiming_uniform_ (He) for ReLU' },
      artifactChanges: [{
        artifactLocation: { uri: 'models/net.py' },
        replacements: [
          { deletedRegion: { startLine: 10, startColumn: 13, endLine: 10, endColumn: 28 }, insertedContent: { text: 'kaiming_uniform_' } },
          { deletedRegion: { startLine: 10, startColumn: 44, endLine: 10, endColumn: 44 }, insertedContent: { text: ", nonlinearity='relu'" } },
        ],
      }],
    }]);
    assert.equal(second.fixes, undefined);
    assert.equal(second.properties, undefined);
    assert.deepEqual(second.locations[0].physicalLocation.region, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 4 });
  });

  it('keeps a notebook finding\'s region within its cell and names the cell', () => {
    const inCell: Finding = { ...xavier, cell: 3, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 40 } } };
    const [result] = sarif([{ path: 'notebooks/train.ipynb', findings: [inCell] }]).runs[0].results;
    assert.deepEqual(result.properties, { cell: 3 });
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 41 });
    assert.equal(result.fixes, undefined);
  });

  it('writes paths as URI references: spaces and non-ASCII escaped, forward slashes', () => {
    const uris = sarif([
      { path: 'my models/réseau ☃.py', findings: [finding('INIT005', 'warning')] },
      { path: 'src\\nets\\a#1.py', findings: [finding('INIT005', 'warning')] },
      { path: 'c:notes.py', findings: [finding('INIT005', 'warning')] },
      { path: '/home/me/x y.py', findings: [finding('INIT005', 'warning')] },
      { path: 'C:\\Users\\me\\net.py', findings: [finding('INIT005', 'warning')] },
      { path: 'empty.py', findings: [] },
    ]).runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.deepEqual(uris, [
      'my%20models/r%C3%A9seau%20%E2%98%83.py',
      'src/nets/a%231.py',
      'c%3Anotes.py',
      'file:///home/me/x%20y.py',
      'file:///C%3A/Users/me/net.py',
    ]);
  });

  it('is rejected by the schema when broken, so the validation is real', () => {
    const broken = (change: (log: Log) => void) => {
      const log = JSON.parse(JSON.stringify(toSarif([{ path: 'a.py', findings: [finding('INIT001', 'warning')] }], '0.1.0'))) as Log;
      change(log);
      return validate(log);
    };
    assert.equal(broken(() => {}), true);
    assert.equal(broken((log) => (log.runs[0].results[0].level = 'hint')), false);
    assert.equal(broken((log) => (log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'my file.py')), false);
    assert.equal(broken((log) => (log.runs[0].results[0].locations[0].physicalLocation.region.startColumn = 0)), false);
  });
});
