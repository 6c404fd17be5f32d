import * as vscode from 'vscode';
import type { Distribution } from '../core';
import { fmt } from '../analysis/numberFormat';
import type { Config } from './config';
import type { DocumentStore } from './documentStore';
import { effectiveInit, explicitSite, resolveTarget } from './initTarget';

/** `±0.108` for a uniform, `σ=0.0625` otherwise: the number a reader wants next to an init. */
export function hintLabel(d: Distribution): string {
  if (d.family === 'uniform') return `±${fmt(Math.max(Math.abs(d.low), Math.abs(d.high)))}`;
  if (d.family === 'constant' && d.std === 0) return `=${fmt(d.mean)}`;
  return `σ=${fmt(d.std)}`;
}

/** Inlay hints after init sites and after layers that keep their default, where the shape is known. */
export class InitInlayHintsProvider implements vscode.InlayHintsProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly store: DocumentStore, private readonly config: () => Config) {}

  refresh(): void {
    this.changed.fire();
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token?: vscode.CancellationToken): vscode.InlayHint[] {
    if (!this.config().inlayHints) return [];
    const snapshot = this.store.get(document, token);
    if (!snapshot || token?.isCancellationRequested) return [];
    const hints: vscode.InlayHint[] = [];
    /** Where a hint after `end` goes, if that is in the requested range of this document (checked before resolving anything). */
    const place = (end: { row: number; column: number }) => {
      const at = snapshot.toDocument({ start: { line: end.row, character: end.column }, end: { line: end.row, character: end.column } });
      return at && at.document === document && range.contains(at.range.start) ? at.range.start : undefined;
    };
    const add = (at: vscode.Position, d: Distribution | undefined, tooltip: string) => {
      if (!d) return;
      const hint = new vscode.InlayHint(at, hintLabel(d), vscode.InlayHintKind.Parameter);
      hint.paddingLeft = true;
      hint.tooltip = tooltip;
      hints.push(hint);
    };
    const model = snapshot.analysis;
    for (const site of model.sites) {
      if (token?.isCancellationRequested) return [];
      const at = place(site.node.endPosition);
      if (!at) continue;
      const resolved = resolveTarget(model, { kind: 'site', site, layer: site.targets[0] });
      add(at, resolved?.distribution, `${resolved?.scheme.name}: mean ${fmt(resolved?.distribution?.mean ?? 0)}, std ${fmt(resolved?.distribution?.std ?? 0)}`);
    }
    for (const layer of model.layers) {
      if (token?.isCancellationRequested) return [];
      if (!layer.dense) continue;
      const at = place(layer.call.endPosition);
      if (!at || explicitSite(model, layer)) continue;
      const resolved = effectiveInit(model, layer);
      add(at, resolved?.distribution, `${resolved?.scheme.name} default: std ${fmt(resolved?.distribution?.std ?? 0)}`);
    }
    return hints;
  }
}
