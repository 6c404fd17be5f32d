import * as vscode from 'vscode';
import type { InitCodeActionProvider } from './codeActions';
import type { Config } from './config';
import type { DocumentStore } from './documentStore';
import type { EntryPoint, Guard } from './guard';
import type { ExtensionToWebview } from '../protocol';
import { distributionView, signalView, targetAt } from './initTarget';
import type { Output } from './output';
import { PreviewPanel } from './preview/previewPanel';

/** Where a command was invoked for: a code lens or hover link passes it; the palette uses the cursor. */
interface At {
  uri?: string;
  line?: number;
  character?: number;
}

async function documentAt(at: At | undefined): Promise<{ document: vscode.TextDocument; position: vscode.Position } | undefined> {
  if (at?.uri) {
    const uri = vscode.Uri.parse(at.uri);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? await vscode.workspace.openTextDocument(uri);
    return { document, position: new vscode.Position(at.line ?? 0, at.character ?? 0) };
  }
  const editor = vscode.window.activeTextEditor;
  return editor && { document: editor.document, position: editor.selection.active };
}

/** The preview message for the site or layer at a position, or why there is none. */
export function distributionMessage(store: DocumentStore, document: vscode.TextDocument, position: vscode.Position, config: Config): ExtensionToWebview | string {
  const snapshot = store.get(document);
  const p = snapshot?.toProgram(document, position);
  const target = snapshot && p ? targetAt(snapshot.analysis, p) : undefined;
  if (!snapshot || !target) return 'put the cursor on a layer or an initializer to preview its weights.';
  const view = distributionView(snapshot.analysis, target);
  return typeof view === 'string' ? view : { type: 'showDistribution', view, samples: config.samples, seed: config.seed };
}

/** The `InitLens: …` commands. */
export function registerCommands(extensionUri: vscode.Uri, store: DocumentStore, actions: InitCodeActionProvider, output: Output, config: () => Config, guard: Guard): vscode.Disposable[] {
  const tell = (message: string) => void vscode.window.showInformationMessage(`InitLens: ${message}`);
  // what a command throws goes to the output channel, under the command's id
  const register = <A extends unknown[]>(id: EntryPoint, run: (...args: A) => unknown) => vscode.commands.registerCommand(id, guard(id, run));
  return [
    register('initlens.previewDistribution', async (at?: At) => {
      const where = await documentAt(at);
      const message = where ? distributionMessage(store, where.document, where.position, config()) : 'open a Python, TS or JS file first.';
      if (typeof message === 'string') return tell(message);
      PreviewPanel.show(extensionUri, output, message);
    }),
    register('initlens.previewSignal', async (at?: At) => {
      // without a model (or a file) the panel still opens, on a generic stack with depth and width controls
      const where = await documentAt(at);
      const snapshot = where && store.get(where.document);
      const p = where && snapshot?.toProgram(where.document, where.position);
      const near = snapshot && p ? targetAt(snapshot.analysis, p) : undefined;
      const name = where?.document.uri.path.split('/').pop();
      const framework = where && /^(typescript|javascript)/.test(where.document.languageId) ? 'tfjs' : 'torch';
      const view = signalView(snapshot?.analysis, name, framework, near);
      const { samples, seed } = config();
      PreviewPanel.show(extensionUri, output, { type: 'showSignal', view, samples, seed });
    }),
    register('initlens.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      // an explicit request: a slow file is analysed for it even while it is being edited
      const snapshot = editor && store.analyse(editor.document);
      const edit = editor && snapshot && actions.fixAllEdit(editor.document, snapshot);
      if (!edit) return tell('nothing to fix in this file.');
      await vscode.workspace.applyEdit(edit);
    }),
    register('initlens.showOutput', () => output.show()),
  ];
}
