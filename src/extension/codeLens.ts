import * as vscode from 'vscode';
import type { Config } from './config';
import type { DocumentStore } from './documentStore';
import { explicitSite } from './initTarget';

/** "Preview distribution" above init sites and default-initialized layers; "Signal through N layers" above a model's first layer. */
export class InitCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: DocumentStore, private readonly config: () => Config) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument, token?: vscode.CancellationToken): vscode.CodeLens[] {
    if (!this.config().codeLens) return [];
    const snapshot = this.store.get(document, token);
    if (!snapshot || token?.isCancellationRequested) return [];
    const lenses: vscode.CodeLens[] = [];
    const lines = new Set<number>();
    const at = (start: { row: number; column: number }) => {
      const r = snapshot.toDocument({ start: { line: start.row, character: start.column }, end: { line: start.row, character: start.column } });
      return r && r.document === document ? r.range : undefined;
    };
    const preview = (range: vscode.Range) => {
      if (lines.has(range.start.line)) return;
      lines.add(range.start.line);
      lenses.push(new vscode.CodeLens(range, {
        title: 'Preview distribution', command: 'initlens.previewDistribution',
        arguments: [{ uri: document.uri.toString(), line: range.start.line, character: range.start.character }],
      }));
    };
    const model = snapshot.analysis;
    const dense = model.layers.filter((l) => l.dense);
    const stack = dense.filter((l) => l.fanIn);
    if (stack.length >= 2) {
      const r = at(stack[0].call.startPosition);
      if (r) {
        lenses.push(new vscode.CodeLens(r, {
          title: `Signal through ${stack.length} layers`, command: 'initlens.previewSignal', arguments: [{ uri: document.uri.toString() }],
        }));
      }
    }
    for (const site of model.sites) {
      const r = at(site.node.startPosition);
      if (r) preview(r);
    }
    for (const layer of dense) {
      if (token?.isCancellationRequested) return [];
      if (explicitSite(model, layer)) continue;
      const r = at(layer.call.startPosition);
      if (r) preview(r);
    }
    return lenses;
  }
}
