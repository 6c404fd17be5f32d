import * as vscode from 'vscode';
import { applyEdits, fixAll } from '../analysis/applyFixes';
import { pythonDocument, tfjsDocument } from '../analysis/documents';
import type { Finding, Fix, TextEdit } from '../analysis/finding';
import { parse, syntaxErrorCount } from '../analysis/parser';
import type { Config } from './config';
import { SOURCE } from './diagnostics';
import type { DocumentStore, Snapshot } from './documentStore';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('initlens');
const FIX_ALL_TITLE = 'Fix all InitLens problems in this file';

/** Program edits → a workspace edit on the file or the notebook's cells; undefined if one falls outside them. */
function workspaceEdit(snapshot: Snapshot, edits: readonly TextEdit[]): vscode.WorkspaceEdit | undefined {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    const at = snapshot.toDocument(e.range);
    if (!at) return undefined;
    edit.replace(at.document.uri, at.range, e.newText);
  }
  return edit;
}

/** The whole-file fix as one edit over the span that changed (keeps the cursor and folding elsewhere). */
function spanEdit(document: vscode.TextDocument, before: string, after: string): vscode.WorkspaceEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(before.length - end)), after.slice(start, after.length - end));
  return edit;
}

/** Quick fixes, "Fix all InitLens problems in this file", `source.fixAll.initlens`, and "Ignore … on this line". */
export class InitCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly store: DocumentStore, private readonly config: () => Config) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token?: vscode.CancellationToken): vscode.CodeAction[] {
    const fixAllOnly = !!context.only && FIX_ALL_KIND.contains(context.only) && !vscode.CodeActionKind.QuickFix.contains(context.only);
    // `source.fixAll.initlens` on save is an explicit request: a slow file is analysed for it
    const snapshot = fixAllOnly && !token?.isCancellationRequested ? this.store.analyse(document) : this.store.get(document, token);
    if (!snapshot || token?.isCancellationRequested) return [];
    if (fixAllOnly) {
      const all = this.fixAllAction(document, snapshot, FIX_ALL_KIND);
      return all && !token?.isCancellationRequested ? [all] : [];
    }
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (token?.isCancellationRequested) return [];
      if (diagnostic.source !== SOURCE) continue;
      const finding = this.findingOf(snapshot, document, diagnostic);
      if (!finding) continue;
      finding.fixes.forEach((fix, i) => {
        const edit = workspaceEdit(snapshot, fix.edits);
        // each check re-parses the whole program once: not for a request already given up
        if (!edit || token?.isCancellationRequested || !this.fixKeepsParsing(snapshot, fix)) return;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = [diagnostic];
        action.isPreferred = i === 0;
        actions.push(action);
      });
      const ignore = this.ignoreAction(document, snapshot, diagnostic, finding);
      if (ignore) actions.push(ignore);
    }
    if (snapshot.findings.some((f) => f.fixes.length) && (!context.only || vscode.CodeActionKind.QuickFix.contains(context.only))) {
      // VS Code asks for quick fixes on every cursor move; the whole-file fix (several analyses of
      // the file) is computed only when it is picked, in resolveCodeAction
      const all = new vscode.CodeAction(FIX_ALL_TITLE, vscode.CodeActionKind.QuickFix);
      this.unresolved.set(all, document);
      actions.push(all);
    }
    return token?.isCancellationRequested ? [] : actions;
  }

  private readonly unresolved = new WeakMap<vscode.CodeAction, vscode.TextDocument>();

  resolveCodeAction(action: vscode.CodeAction, token?: vscode.CancellationToken): vscode.CodeAction {
    const document = this.unresolved.get(action);
    if (!document || token?.isCancellationRequested) return action;
    const snapshot = this.store.analyse(document);
    if (!snapshot || token?.isCancellationRequested) return action;
    action.edit = this.fixAllEdit(document, snapshot);
    return action;
  }

  private findingOf(snapshot: Snapshot, document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    return snapshot.findings.find((f) => {
      const at = snapshot.toDocument(f.range);
      return f.code === code && at?.document === document && at.range.isEqual(diagnostic.range);
    });
  }

  /**
   * A fix is offered only when the program has no more syntax errors after it than before. VS Code
   * asks for code actions on every cursor move, so each fix is checked once per analysis.
   */
  private readonly checked = new WeakMap<Fix, boolean>();

  private fixKeepsParsing(snapshot: Snapshot, fix: Fix): boolean {
    let ok = this.checked.get(fix);
    if (ok === undefined) this.checked.set(fix, (ok = this.keepsParsing(snapshot, fix.edits)));
    return ok;
  }

  private keepsParsing(snapshot: Snapshot, edits: readonly TextEdit[]): boolean {
    const before = syntaxErrorCount(snapshot.analysis.tree);
    return syntaxErrorCount(parse(snapshot.grammar, applyEdits(snapshot.analysis.text, edits))) <= before;
  }

  private ignoreAction(document: vscode.TextDocument, snapshot: Snapshot, diagnostic: vscode.Diagnostic, finding: Finding): vscode.CodeAction | undefined {
    const line = document.lineAt(diagnostic.range.start.line);
    const mark = snapshot.grammar === 'python' ? '#' : '//';
    const existing = /initlens:\s*ignore\[([^\]]*)\]/.exec(line.text);
    const edit = new vscode.WorkspaceEdit();
    if (existing) {
      const at = line.range.start.translate(0, existing.index + existing[0].length - 1);
      edit.insert(document.uri, at, `, ${finding.code}`);
    } else {
      edit.insert(document.uri, line.range.end, `  ${mark} initlens: ignore[${finding.code}]`);
    }
    const action = new vscode.CodeAction(`Ignore ${finding.code} on this line`, vscode.CodeActionKind.QuickFix);
    action.edit = edit;
    action.diagnostics = [diagnostic];
    return action;
  }

  fixAllAction(document: vscode.TextDocument, snapshot: Snapshot, kind: vscode.CodeActionKind): vscode.CodeAction | undefined {
    const edit = this.fixAllEdit(document, snapshot);
    if (!edit) return undefined;
    const action = new vscode.CodeAction(FIX_ALL_TITLE, kind);
    action.edit = edit;
    return action;
  }

  /** Every fix, in passes as `initlens check --fix` does; a notebook gets one pass of non-overlapping fixes. */
  fixAllEdit(document: vscode.TextDocument, snapshot: Snapshot): vscode.WorkspaceEdit | undefined {
    const options = this.config().options;
    if (snapshot.documents.length === 1 && snapshot.documents[0] === document) {
      const text = document.getText();
      const doc = snapshot.grammar === 'python' ? pythonDocument(text, options) : tfjsDocument(text, snapshot.grammar, options);
      return spanEdit(document, text, fixAll(doc).document.text);
    }
    const taken: TextEdit[] = [];
    for (const f of snapshot.findings) {
      const fix = f.fixes[0];
      if (!fix || fix.edits.some((e) => taken.some((t) => !(e.range.end.line < t.range.start.line || e.range.start.line > t.range.end.line)))) continue;
      if (!this.keepsParsing(snapshot, [...taken, ...fix.edits])) continue;
      taken.push(...fix.edits);
    }
    return taken.length ? workspaceEdit(snapshot, taken) : undefined;
  }
}
