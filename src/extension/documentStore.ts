import * as vscode from 'vscode';
import { analyzePython } from '../analysis/analyzePython';
import { analyzeTfjs } from '../analysis/analyzeTfjs';
import type { Finding, Position, Range } from '../analysis/finding';
import { editTree } from '../analysis/incremental';
import type { ModelAnalysis } from '../analysis/initEditor';
import type { LineIndex } from '../analysis/lineIndex';
import { notebookFromCells, type NotebookSource } from '../analysis/notebook';
import type { Grammar, Tree } from '../analysis/parser';
import type { Definitions } from '../analysis/topLevelDefinitions';
import { CHARS_PER_LINE, type Config } from './config';
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
  /** A Python file's top-level definitions as last read: the next analysis takes over those an edit leaves alone. */
  definitions?: Definitions;
  snapshot?: Snapshot;
  /** Changes since `version`, in the order VS Code reported them. */
  pending: vscode.TextDocumentContentChangeEvent[][];
}

/**
 * A document whose last analysis took longer than this is slow: the providers no longer analyse
 * it on their own while it is being edited (they answer with nothing until the analysis catches
 * up), and the scheduler waits for a longer pause in the typing (see `Diagnostics.schedule`).
 */
export const SLOW_MS = 250;

/** 12345 → "12,345" (no Intl: it is not always loaded in a web extension host). */
export const count = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const plural = (n: number, what: string) => `${count(n)} ${what}${n === 1 ? '' : 's'}`;
const nameOf = (uri: vscode.Uri) => uri.path.split('/').pop() || uri.toString();
const megabytes = (chars: number) => `${(chars / 1e6).toFixed(1)} MB`;

/** The length of a document's text without copying it. */
const lengthOf = (document: vscode.TextDocument) => document.offsetAt(document.lineAt(document.lineCount - 1).range.end);

/**
 * The analysis of every open document, cached by version. Files re-parse incrementally from
 * the edits VS Code reports; notebooks are re-read as a whole (their cells are small). Each
 * analysis is timed and logged; a document over the `initlens.maxLines` budget is not analysed
 * (the user is told once).
 */
export class DocumentStore implements vscode.Disposable {
  private readonly files = new Map<string, FileState>();
  private readonly notebooks = new Map<string, { key: string; snapshot: Snapshot }>();
  /** The last analysis time (ms) of each file or notebook, by its URI. */
  private readonly costs = new Map<string, number>();
  /** Documents already reported as over the budget (one message per document and session). */
  private readonly told = new Set<string>();

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
    this.costs.delete(document.uri.toString());
  }

  /**
   * The analysis of the program `document` belongs to, for a provider: analysed now if needed,
   * except for a slow document (its current version then waits for the scheduler), a document
   * over the budget, or a cancelled request. Undefined for other languages.
   */
  get(document: vscode.TextDocument, token?: vscode.CancellationToken): Snapshot | undefined {
    if (token?.isCancellationRequested) return undefined;
    return this.snapshot(document, false);
  }

  /** The analysis of `document`'s program, analysed now whatever it costs (scheduler, explicit commands); undefined over the budget. */
  analyse(document: vscode.TextDocument): Snapshot | undefined {
    return this.snapshot(document, true);
  }

  /** How long the last analysis of `document`'s program took (ms), if it was analysed. */
  cost(document: vscode.TextDocument): number | undefined {
    return this.costs.get((this.notebookOf(document)?.uri ?? document.uri).toString());
  }

  private snapshot(document: vscode.TextDocument, force: boolean): Snapshot | undefined {
    const grammar = grammarOf(document);
    if (!grammar || !this.ready) return undefined;
    const notebook = this.notebookOf(document);
    if (notebook) return this.notebookSnapshot(notebook, force);
    return this.fileSnapshot(document, grammar, force);
  }

  /** A slow program whose current version is not analysed yet waits for the scheduler, unless forced. */
  private waits(key: string, force: boolean): boolean {
    return !force && (this.costs.get(key) ?? 0) > SLOW_MS;
  }

  /** Whether a program is over the budget; the first time, says so in the output and in one information message. */
  private overBudget(key: string, label: string, lines: number, chars: number): boolean {
    const max = this.config.maxLines;
    const reason = lines > max ? `over the ${count(max)}-line budget (initlens.maxLines)`
      : chars > max * CHARS_PER_LINE ? `over the ${megabytes(max * CHARS_PER_LINE)} budget (${CHARS_PER_LINE} characters a line × initlens.maxLines)`
      : undefined;
    if (!reason) return false;
    this.costs.delete(key);
    if (!this.told.has(key)) {
      this.told.add(key);
      const message = `skipped ${label}: ${reason}`;
      this.output.info(message);
      void vscode.window.showInformationMessage(`InitLens: ${message}`, 'Change the Budget').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'initlens.maxLines');
      });
    }
    return true;
  }

  private analyze(
    key: string, label: string, text: string, grammar: Grammar, oldTree?: Tree, definitions?: Definitions,
  ): { analysis: Snapshot['analysis'] & { definitions?: Definitions }; findings: Finding[] } {
    const started = performance.now();
    const python = grammar === 'python' ? analyzePython(text, this.config.options, oldTree, definitions) : undefined;
    const result = python ?? analyzeTfjs(text, grammar, this.config.options, oldTree);
    const ms = performance.now() - started;
    this.costs.set(key, ms);
    // `mlp.py (1,204 lines)` → `analysed mlp.py (1,204 lines, incremental, 1 of 12 definitions read again) in 35 ms: 3 findings`
    const reused = definitions && python?.analysis.definitions;
    const how = [oldTree && 'incremental', reused && `${count(reused.read)} of ${plural(reused.total, 'definition')} read again`].filter(Boolean);
    const what = how.length ? `${label.slice(0, -1)}, ${how.join(', ')})` : label;
    this.output.info(`analysed ${what} in ${count(ms)} ms: ${plural(result.findings.length, 'finding')}`);
    return result;
  }

  private fileSnapshot(document: vscode.TextDocument, grammar: Grammar, force: boolean): Snapshot | undefined {
    const key = document.uri.toString();
    let state = this.files.get(key);
    if (state?.snapshot && state.version === document.version) return state.snapshot;
    if (this.waits(key, force)) return undefined;
    const lines = document.lineCount;
    const label = `${nameOf(document.uri)} (${plural(lines, 'line')})`;
    if (this.overBudget(key, label, lines, lengthOf(document))) {
      this.files.delete(key);
      return undefined;
    }
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
    const { analysis, findings } = this.analyze(key, label, text, grammar, oldTree, state?.definitions);
    const snapshot: Snapshot = {
      analysis, findings, grammar, documents: [document],
      toProgram: (d, p) => (d === document ? { line: p.line, character: p.character } : undefined),
      toDocument: (r) => ({ document, range: vsRange(r) }),
    };
    state = { version: document.version, text, tree: analysis.tree, definitions: analysis.definitions, snapshot, pending: [] };
    this.files.set(key, state);
    return snapshot;
  }

  private notebookSnapshot(notebook: vscode.NotebookDocument, force: boolean): Snapshot | undefined {
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const key = cells.map((c) => `${c.document.uri.toString()}@${c.document.version}`).join('|');
    const id = notebook.uri.toString();
    const cached = this.notebooks.get(id);
    if (cached?.key === key) return cached.snapshot;
    if (this.waits(id, force)) return undefined;
    const lines = cells.reduce((n, c) => n + c.document.lineCount, 0);
    const label = `${nameOf(notebook.uri)} (${plural(cells.length, 'code cell')}, ${plural(lines, 'line')})`;
    if (this.overBudget(id, label, lines, cells.reduce((n, c) => n + lengthOf(c.document), 0))) {
      this.notebooks.delete(id);
      return undefined;
    }
    const source: NotebookSource = notebookFromCells(cells.map((c) => ({ cell: c.index + 1, source: c.document.getText() })));
    const { analysis, findings } = this.analyze(id, label, source.text, 'python');
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
    this.costs.clear();
  }
}
