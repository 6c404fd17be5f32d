import * as vscode from 'vscode';
import type { Finding, RuleCode, Severity } from '../analysis/finding';
import type { DocumentStore, Snapshot } from './documentStore';
import type { Output } from './output';

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export const SOURCE = 'InitLens';

/** Diagnostics for every open Python/TS/JS document and notebook cell, refreshed on edit (debounced). */
export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('initlens');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were replaced. */
  readonly onDidUpdate = this.changed.event;

  constructor(
    private readonly store: DocumentStore,
    private readonly output: Output,
    private readonly ruleDocs: (code: RuleCode) => vscode.Uri,
    /** Resolves once the parsers are loaded; analysis waits for it. */
    private readonly ready: Promise<void>,
  ) {}

  /** Analyses now (open, save, settings) or after `delay` ms of quiet (typing). */
  schedule(document: vscode.TextDocument, delay = 0): void {
    const key = (this.store.notebookOf(document)?.uri ?? document.uri).toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.ready.then(() => this.refresh(document), () => undefined);
    }, delay));
  }

  refresh(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    let snapshot: Snapshot | undefined;
    try {
      snapshot = this.store.get(document);
    } catch (e) {
      this.output.error(`analysing ${document.uri.toString()}`, e);
      return;
    }
    if (!snapshot) return;
    const byDocument = new Map<vscode.TextDocument, vscode.Diagnostic[]>(snapshot.documents.map((d) => [d, []]));
    for (const f of snapshot.findings) {
      const at = snapshot.toDocument(f.range);
      if (at) byDocument.get(at.document)?.push(this.toDiagnostic(f, at.range));
    }
    for (const [d, diagnostics] of byDocument) {
      this.collection.set(d.uri, diagnostics);
      this.changed.fire(d.uri);
    }
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
    this.collection.delete(document.uri);
    this.changed.fire(document.uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.collection.dispose();
    this.changed.dispose();
  }
}
