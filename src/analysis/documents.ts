import { type AnalysisOptions, analyzePython } from './analyzePython';
import { applyEdits, type FixableDocument } from './applyFixes';
import type { Finding } from './finding';
import { analyzeTfjs } from './analyzeTfjs';
import { applyNotebookEdits, readNotebook, toCellRange } from './notebook';
import { countSyntaxErrors, dispose, type Grammar, type Tree } from './parser';

const pythonErrors = (text: string) => countSyntaxErrors('python', text);

/** A document keeps only the findings: the tree is freed now, not whenever the garbage collector runs (the CLI never yields to it). */
function findingsOnly(result: { analysis: { tree: Tree }; findings: Finding[] }): Finding[] {
  dispose(result.analysis.tree);
  return result.findings;
}

/** A file as the CLI and the extension see it: its content, and findings located in it (a notebook's by cell). */
export interface SourceDocument extends FixableDocument {
  content: string;
  reported(): Finding[];
}

/** A Python file as a fixable document. */
export function pythonDocument(text: string, options: AnalysisOptions = {}): SourceDocument {
  let cached: Finding[] | undefined;
  const findings = () => (cached ??= findingsOnly(analyzePython(text, options)));
  return {
    text,
    content: text,
    findings,
    reported: findings,
    syntaxErrors: pythonErrors,
    apply: (edits) => pythonDocument(applyEdits(text, edits), options),
  };
}

/** A Jupyter notebook as a fixable document: its code cells form the program; edits go back into the cells. */
export function notebookDocument(json: string, options: AnalysisOptions = {}): SourceDocument {
  const notebook = readNotebook(json);
  let cached: Finding[] | undefined;
  const findings = () => (cached ??= findingsOnly(analyzePython(notebook.text, options)));
  return {
    text: notebook.text,
    content: json,
    findings,
    // Ranges become cell-relative; a fix survives only when all its edits stay in the finding's cell
    reported: () => findings().map((f) => {
      const { cell, range } = toCellRange(notebook, f.range);
      const fixes = f.fixes.flatMap((fix) => {
        try {
          const edits = fix.edits.map((e) => {
            const located = toCellRange(notebook, e.range);
            if (located.cell !== cell) throw new Error('edit in another cell');
            return { ...e, range: located.range };
          });
          return [{ ...fix, edits }];
        } catch {
          return [];
        }
      });
      return { ...f, cell, range, fixes };
    }),
    syntaxErrors: pythonErrors,
    apply: (edits) => notebookDocument(applyNotebookEdits(json, notebook, edits), options),
  };
}

/** A TS/JS file as a fixable document (its TF.js models). */
export function tfjsDocument(text: string, grammar: Grammar, options: AnalysisOptions = {}): SourceDocument {
  let cached: Finding[] | undefined;
  const findings = () => (cached ??= findingsOnly(analyzeTfjs(text, grammar, options)));
  return {
    text,
    content: text,
    findings,
    reported: findings,
    syntaxErrors: (t) => countSyntaxErrors(grammar, t),
    apply: (edits) => tfjsDocument(applyEdits(text, edits), grammar, options),
  };
}
