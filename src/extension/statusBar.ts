import * as vscode from 'vscode';
import type { Diagnostics } from './diagnostics';
import { grammarOf } from './documentStore';

/** "InitLens: 3" for the active file; hidden for files InitLens does not read. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('initlens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly diagnostics: Diagnostics) {
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

  update(): void {
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
