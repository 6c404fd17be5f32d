import { parseArgs } from 'node:util';
import type { Finding } from '../analysis/finding';
import { SelectionError, selectRules } from '../analysis/ruleSelection';
import type { CheckOptions } from './checkFile';
import { checkSequentially } from './checkOrReport';
import { checkJson, checkText } from './checkOutput';
import { collectFiles, type FileProblem } from './collectFiles';
import type { FileOutcome } from './fileOutcome';
import { parseJobs, sourceBytes, workerCount } from './jobs';
import { checkInWorkers } from './parallelCheck';
import { toSarif, type FileReport } from './sarif';
import { UsageError } from './usage';

export const CHECK_EXTENSIONS = ['.py', '.ipynb', '.ts', '.tsx', '.js', '.mjs', '.cjs'];
const FORMATS = ['text', 'json', 'sarif'] as const;
const VERSION = '0.1.0';

const list = (values: string[] | undefined) => values?.flatMap((v) => v.split(',')).filter((v) => v.trim() !== '');

const blocking = (f: Finding) => f.severity === 'error' || f.severity === 'warning';

/** The outcome of every file, in the order of `files`, on as many threads as `jobs` and the run's size call for. */
function checkAll(files: string[], options: CheckOptions, debug: boolean, jobs: number | undefined): Promise<FileOutcome[]> {
  const workers = workerCount(jobs, files.length, jobs === undefined ? sourceBytes(files) : 0);
  return workers > 1 ? checkInWorkers(files, options, debug, workers) : checkSequentially(files, options, debug);
}

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
      debug: { type: 'boolean', default: false },
      jobs: { type: 'string' },
    },
  });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format takes text, json or sarif, got '${values.format}'`);
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder');
  const jobs = parseJobs(values.jobs);
  let rules;
  try {
    rules = selectRules(list(values.select), list(values.ignore));
  } catch (e) {
    if (e instanceof SelectionError) throw new UsageError(e.message);
    throw e;
  }

  const { files, problems } = collectFiles(positionals, CHECK_EXTENSIONS);
  const outcomes = await checkAll(files, { rules, fix: values.fix }, values.debug, jobs);
  // problems fail the run; notes (fixes held back on purpose) are only said
  const messages: FileProblem[] = [...problems];
  let failed = problems.length > 0;
  const reports: FileReport[] = [];
  let fixed = 0;
  let unchecked = 0;
  for (const outcome of outcomes) {
    const { path } = outcome;
    if (outcome.problem !== undefined) messages.push({ path, message: outcome.problem });
    if (outcome.note !== undefined) messages.push({ path, message: outcome.note });
    failed ||= outcome.problem !== undefined;
    if (outcome.findings) reports.push({ path, findings: outcome.findings });
    else unchecked++;
    fixed += outcome.fixed;
  }

  for (const m of messages) err(`${m.path}: ${m.message}`);
  if (values.fix && fixed > 0) err(`Fixed ${fixed} problem${fixed === 1 ? '' : 's'}.`);
  if (format === 'json') out(checkJson(reports));
  else if (format === 'sarif') out(JSON.stringify(toSarif(reports, VERSION), null, 2));
  else out(checkText(reports, problems.length + unchecked));
  return failed || reports.some((r) => r.findings.some(blocking)) ? 1 : 0;
}
