import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { fixAll } from '../analysis/applyFixes';
import { notebookDocument, pythonDocument, tfjsDocument, type SourceDocument } from '../analysis/documents';
import type { Finding } from '../analysis/finding';
import { NotebookError } from '../analysis/notebook';
import { initParsers } from '../analysis/parser';
import { SelectionError, selectRules } from '../analysis/ruleSelection';
import { grammarFor } from '../analysis/tfjsAnalysis';
import { collectFiles, readSource } from './collectFiles';
import { checkJson, checkText } from './checkOutput';
import { toSarif, type FileReport } from './sarif';
import { UsageError } from './usage';
import { wasmPath } from './wasmPath';

export const CHECK_EXTENSIONS = ['.py', '.ipynb', '.ts', '.tsx', '.js', '.mjs', '.cjs'];
const FORMATS = ['text', 'json', 'sarif'] as const;
const VERSION = '0.1.0';

const list = (values: string[] | undefined) => values?.flatMap((v) => v.split(',')).filter((v) => v.trim() !== '');

const blocking = (f: Finding) => f.severity === 'error' || f.severity === 'warning';

/** `initlens check`: exit 0 when nothing at warning or above, 1 when there is (or a file could not be read), 2 on usage errors. */
export async function check(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      select: { type: 'string', multiple: true },
      ignore: { type: 'string', multiple: true },
      fix: { type: 'boolean', default: false },
    },
  });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format takes text, json or sarif, got '${values.format}'`);
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder');
  let rules;
  try {
    rules = selectRules(list(values.select), list(values.ignore));
  } catch (e) {
    if (e instanceof SelectionError) throw new UsageError(e.message);
    throw e;
  }

  await initParsers(wasmPath, ['python', 'typescript', 'tsx', 'javascript']);
  const { files, problems } = collectFiles(positionals, CHECK_EXTENSIONS);
  const reports: FileReport[] = [];
  let fixed = 0;
  for (const path of files) {
    const source = readSource(path);
    if (!('text' in source)) {
      problems.push(source);
      continue;
    }
    let doc: SourceDocument;
    try {
      const ext = extname(path).toLowerCase();
      const grammar = grammarFor(path);
      doc = ext === '.ipynb' ? notebookDocument(source.text, { rules })
        : grammar ? tfjsDocument(source.text, grammar, { rules })
          : pythonDocument(source.text, { rules });
    } catch (e) {
      if (!(e instanceof NotebookError)) throw e;
      problems.push({ path, message: e.message });
      continue;
    }
    if (values.fix) {
      const result = fixAll(doc);
      if (result.applied > 0) {
        doc = result.document as SourceDocument;
        writeFileSync(path, doc.content);
        fixed += result.applied;
      }
    }
    reports.push({ path, findings: doc.reported() });
  }

  for (const p of problems) err(`${p.path}: ${p.message}`);
  if (values.fix && fixed > 0) err(`Fixed ${fixed} problem${fixed === 1 ? '' : 's'}.`);
  if (format === 'json') out(checkJson(reports));
  else if (format === 'sarif') out(JSON.stringify(toSarif(reports, VERSION), null, 2));
  else out(checkText(reports));
  return problems.length > 0 || reports.some((r) => r.findings.some(blocking)) ? 1 : 0;
}
