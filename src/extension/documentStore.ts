import * as vscode from 'vscode';
import { analyzePython } from '../analysis/analyzePython';
import { analyzeTfjs } from '../analysis/analyzeTfjs';
import type { Finding, Position, Range } from '../analysis/finding';
import { editTree } from '../analysis/incremental';
import type { ModelAnalysis } from '../analysis/initEditor';
import type { LineIndex } from '../analysis/lineIndex';
import { notebookFromCells, type NotebookSource } from '../analysis/notebook';
import type { Grammar, Tree } from '../analysis/parser';
import type { Config } from './config';
import type { Output } from './output';

/** One analysed program: a file, or a notebook's code cells read as one program (as the CLI does). */
export interface Snapshot {
  analysis: ModelAnalysis & { tree: Tree; text: string; lines: LineIndex };
  /** In program coordinates. */
  findings: Finding[];
  grammar: Grammar;
  /** The file, or the notebook's code cells in order. */
  documents: vscode.TextDocument[];
  toProgram(document: vscode.TextDocument, position: vscode.Position): Position | undefined;
  toDocument(range: Range): { document: vscode.TextDocument; range: vscode.Range } | undefined;
}

const GRAMMARS: Readonly<Record<string, Grammar>> = {
  python: 'python', typescript: 'typescript', typescriptreact: 'tsx', javascript: 'javascript', javascriptreact: 'javascript',
};

export const SELECTOR: vscode.DocumentSelector = Object.keys(GRAMMARS).flatMap((language) => [
  { language, scheme: 'file' }, { language, scheme: 'untitled' }, { language, scheme: 'vscode-notebook-cell' }, { language, scheme: 'vscode-vfs' },
]);

export function grammarOf(document: vscode.TextDocument): Grammar | undefined {
  return GRAMMARS[document.languageId];
}

const vsRange = (r: Range) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** A parsed file kept for the next, incremental, parse. */
interface FileState {
  version: number;
  text: string;
  tree: Tree;
  snapshot?: Snapshot;
  /** Changes since `version`, in the order VS Code reported them. */
  pending: vscode.TextDocumentContentChangeEvent[][];
}

/**
 * The analysis of every open document, cached by version. Files re-parse incrementally from
 * the edits VS Code reports; notebooks are re-read as a whole (their cells are small).
 */
export class DocumentStore implements vscode.Disposable {
  private readonly files = new Map<string, FileState>();
  private readonly notebooks = new Map<string, { key: string; snapshot: Snapshot }>();

  private ready = false;

  constructor(private readonly output: Output, private config: Config) {}

  /** The parsers are loaded: from now on documents are analysed (before, providers get nothing). */
  setReady(): void {
    this.ready = true;
  }

  setConfig(config: Config): void {
    this.config = config;
    for (const state of this.files.values()) state.snapshot = undefined;
    this.notebooks.clear();
  }

  notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
    if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
    return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === document));
  }

  /** Records an edit so the next parse can reuse the old tree. */
  noteChange(event: vscode.TextDocumentChangeEvent): void {
    const state = this.files.get(event.document.uri.toString());
    if (state && event.contentChanges.length) state.pending.push([...event.contentChanges]);
  }

  forget(document: vscode.TextDocument): void {
    this.files.delete(document.uri.toString());
  }

  /** The analysis of the program `document` belongs to; undefined for other languages. */
  get(document: vscode.TextDocument): Snapshot | undefined {
    const grammar = grammarOf(document);
    if (!grammar || !this.ready) return undefined;
    const notebook = this.notebookOf(document);
    if (notebook) return this.notebookSnapshot(notebook);
    return this.fileSnapshot(document, grammar);
  }

  private analyze(text: string, grammar: Grammar, oldTree?: Tree): { analysis: Snapshot['analysis']; findings: Finding[] } {
    const started = performance.now();
    const result = grammar === 'python' ? analyzePython(text, this.config.options, oldTree) : analyzeTfjs(text, grammar, this.config.options, oldTree);
    this.output.info(`analysed ${text.length} chars (${grammar}${oldTree ? ', incremental' : ''}) in ${(performance.now() - started).toFixed(1)} ms: ${result.findings.length} findings`);
    return result;
  }

  private fileSnapshot(document: vscode.TextDocument, grammar: Grammar): Snapshot {
    const key = document.uri.toString();
    let state = this.files.get(key);
    if (state?.snapshot && state.version === document.version) return state.snapshot;
    const text = document.getText();
    let oldTree: Tree | undefined;
    if (state && state.pending.length) {
      // replay the edits on the old tree; any mismatch falls back to a fresh parse
      let t = state.text;
      let tree = state.tree;
      for (const changes of state.pending) {
        for (const c of changes) {
          const edited = editTree(tree, t, { range: { start: { line: c.range.start.line, character: c.range.start.character }, end: { line: c.range.end.line, character: c.range.end.character } }, text: c.text });
          t = edited.text;
          tree = edited.tree;
        }
      }
      if (t === text) oldTree = tree;
    }
    const { analysis, findings } = this.analyze(text, grammar, oldTree);
    const snapshot: Snapshot = {
      analysis, findings, grammar, documents: [document],
      toProgram: (d, p) => (d === document ? { line: p.line, character: p.character } : undefined),
      toDocument: (r) => ({ document, range: vsRange(r) }),
    };
    state = { version: document.version, text, tree: analysis.tree, snapshot, pending: [] };
    this.files.set(key, state);
    return snapshot;
  }

  private notebookSnapshot(notebook: vscode.NotebookDocument): Snapshot {
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const key = cells.map((c) => `${c.document.uri.toString()}@${c.document.version}`).join('|');
    const cached = this.notebooks.get(notebook.uri.toString());
    if (cached?.key === key) return cached.snapshot;
    const source: NotebookSource = notebookFromCells(cells.map((c) => ({ cell: c.index + 1, source: c.document.getText() })));
    const { analysis, findings } = this.analyze(source.text, 'python');
    const spanOf = (document: vscode.TextDocument) => {
      const i = cells.findIndex((c) => c.document === document);
      return i < 0 ? undefined : source.cells[i];
    };
    const snapshot: Snapshot = {
      analysis, findings, grammar: 'python', documents: cells.map((c) => c.document),
      toProgram: (d, p) => {
        const span = spanOf(d);
        return span && { line: span.startLine + p.line, character: p.character };
      },
      toDocument: (r) => {
        const i = source.cells.findIndex((s) => r.start.line >= s.startLine && r.start.line < s.startLine + s.lineCount);
        const span = source.cells[i];
        if (!span || r.end.line >= span.startLine + span.lineCount) return undefined;
        return { document: cells[i].document, range: new vscode.Range(r.start.line - span.startLine, r.start.character, r.end.line - span.startLine, r.end.character) };
      },
    };
    this.notebooks.set(notebook.uri.toString(), { key, snapshot });
    return snapshot;
  }

  dispose(): void {
    this.files.clear();
    this.notebooks.clear();
  }
}
