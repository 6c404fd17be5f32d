import * as vscode from 'vscode';
import type { Finding, RuleCode, Severity } from '../analysis/finding';
import { SLOW_MS, type DocumentStore, type Snapshot } from './documentStore';
import type { Guard } from './guard';

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export const SOURCE = 'InitLens';

/**
 * How long typing must pause before a program is re-analysed, from what its last analysis cost:
 * 150 ms for most files; five times the analysis time for slow ones (at most 5 s), so that
 * analysing keeps the extension host busy for at most about a sixth of the time while editing.
 */
export function quietPeriod(debounce: number, cost: number | undefined): number {
  return cost === undefined || cost <= SLOW_MS ? debounce : Math.min(Math.max(debounce, 5 * cost), 5_000);
}

/** Diagnostics for every open Python/TS/JS document and notebook cell, refreshed on edit (debounced). */
export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('initlens');
  /** The pending analysis of each file or notebook: a newer request cancels it. */
  private readonly pending = new Map<string, { timer: ReturnType<typeof setTimeout>; cancel: vscode.CancellationTokenSource }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were replaced. */
  readonly onDidUpdate = this.changed.event;
  private readonly caughtUp = new vscode.EventEmitter<void>();
  /** Fires after a slow program was analysed: its providers answered nothing while it waited, so they should be asked again. */
  readonly onDidCatchUp = this.caughtUp.event;
  private readonly run: (document: vscode.TextDocument, token: vscode.CancellationToken) => void;
  /** The analysis whose diagnostics are shown, by file or notebook: a notebook's cells each ask, it is published once. */
  private readonly published = new Map<string, Snapshot>();

  constructor(
    private readonly store: DocumentStore,
    guard: Guard,
    private readonly ruleDocs: (code: RuleCode) => vscode.Uri,
    /** Resolves once the parsers are loaded; analysis waits for it. */
    private readonly ready: Promise<void>,
  ) {
    this.run = guard('diagnostics', (document: vscode.TextDocument, token: vscode.CancellationToken) => this.refresh(document, token));
  }

  /**
   * Analyses now (open, save, settings) or after `delay` ms of quiet (typing; longer for a slow
   * program, see `quietPeriod`). A newer request for the same file or notebook supersedes this one.
   */
  schedule(document: vscode.TextDocument, delay = 0): void {
    const key = (this.store.notebookOf(document)?.uri ?? document.uri).toString();
    this.cancel(key);
    const cancel = new vscode.CancellationTokenSource();
    const wait = delay > 0 ? quietPeriod(delay, this.store.cost(document)) : 0;
    const timer = setTimeout(() => {
      this.ready.then(() => {
        if (this.pending.get(key)?.cancel === cancel) this.pending.delete(key);
        this.run(document, cancel.token);
        cancel.dispose();
      }, () => undefined);
    }, wait);
    this.pending.set(key, { timer, cancel });
  }

  private cancel(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    clearTimeout(p.timer);
    p.cancel.cancel();
    this.pending.delete(key);
  }

  refresh(document: vscode.TextDocument, token?: vscode.CancellationToken): void {
    if (document.isClosed || token?.isCancellationRequested) return;
    const snapshot = this.store.analyse(document);
    if (token?.isCancellationRequested) return;
    const notebook = this.store.notebookOf(document);
    const key = (notebook?.uri ?? document.uri).toString();
    if (snapshot && this.published.get(key) === snapshot) return;
    this.published.delete(key);
    if (!snapshot) {
      // over the budget (or not a language InitLens reads): no findings rather than stale ones
      for (const d of notebook ? notebook.getCells().map((c) => c.document) : [document]) {
        if (this.collection.has(d.uri)) this.clear(d);
      }
      return;
    }
    const byDocument = new Map<vscode.TextDocument, vscode.Diagnostic[]>(snapshot.documents.map((d) => [d, []]));
    for (const f of snapshot.findings) {
      const at = snapshot.toDocument(f.range);
      if (at) byDocument.get(at.document)?.push(this.toDiagnostic(f, at.range));
    }
    for (const [d, diagnostics] of byDocument) {
      this.collection.set(d.uri, diagnostics);
      this.changed.fire(d.uri);
    }
    this.published.set(key, snapshot);
    if ((this.store.cost(document) ?? 0) > SLOW_MS) this.caughtUp.fire();
  }

  private toDiagnostic(f: Finding, range: vscode.Range): vscode.Diagnostic {
    const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
    d.source = SOURCE;
    d.code = { value: f.code, target: this.ruleDocs(f.code) };
    return d;
  }

  /** The findings count of a document (for the status bar). */
  count(uri: vscode.Uri): number {
    return this.collection.get(uri)?.length ?? 0;
  }

  clear(document: vscode.TextDocument): void {
    this.published.delete(document.uri.toString());
    this.collection.delete(document.uri);
    this.changed.fire(document.uri);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
    this.collection.dispose();
    this.changed.dispose();
    this.caughtUp.dispose();
  }
}
