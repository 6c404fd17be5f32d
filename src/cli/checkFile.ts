import { extname } from 'node:path';
import { notebookDocument, pythonDocument, tfjsDocument, type SourceDocument } from '../analysis/documents';
import type { RuleCode } from '../analysis/finding';
import { NotebookError } from '../analysis/notebook';
import { grammarFor } from '../analysis/tfjsAnalysis';
import { readSource } from './collectFiles';
import type { FileOutcome } from './fileOutcome';
import { fixFile } from './fixFile';
import { throwIfTestHookNames } from './testHook';

export interface CheckOptions {
  rules: Set<RuleCode>;
  fix: boolean;
}

function documentFor(path: string, text: string, rules: Set<RuleCode>): SourceDocument {
  if (extname(path).toLowerCase() === '.ipynb') return notebookDocument(text, { rules });
  const grammar = grammarFor(path);
  return grammar ? tfjsDocument(text, grammar, { rules }) : pythonDocument(text, { rules });
}

/**
 * Reads, analyses and (with --fix) fixes one file. What is wrong with the file (unreadable, not
 * a notebook) comes back as its problem; anything thrown is a bug, for the caller to report.
 */
export function checkFile(path: string, options: CheckOptions): FileOutcome {
  const source = readSource(path);
  if (!('text' in source)) return { path, fixed: 0, problem: source.message };
  throwIfTestHookNames(path);
  let doc: SourceDocument;
  try {
    doc = documentFor(path, source.text, options.rules);
  } catch (e) {
    if (!(e instanceof NotebookError)) throw e;
    return { path, fixed: 0, problem: e.message };
  }
  return options.fix ? fixFile(path, doc) : { path, findings: doc.reported(), fixed: 0 };
}
