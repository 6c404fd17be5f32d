import * as vscode from 'vscode';
import type { Diagnostics } from './diagnostics';
import { grammarOf } from './documentStore';
import type { Guard } from './guard';

/** "InitLens: 3" for the active file; hidden for files InitLens does not read. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('initlens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];

  /** Refreshes the item for the active editor (guarded: a failure is logged, the rest goes on). */
  readonly update: () => void;

  constructor(private readonly diagnostics: Diagnostics, guard: Guard) {
    this.update = guard('statusBar', () => this.render());
    this.item.name = 'InitLens';
    this.item.command = 'initlens.showOutput';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      diagnostics.onDidUpdate((uri) => {
        if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
    );
    this.update();
  }

  private render(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !grammarOf(document)) {
      this.item.hide();
      return;
    }
    const n = this.diagnostics.count(document.uri);
    this.item.text = n ? `$(pulse) InitLens: ${n}` : '$(pass) InitLens';
    this.item.tooltip = n ? `${n} initializer finding${n === 1 ? '' : 's'} in this file` : 'No initializer findings in this file';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
