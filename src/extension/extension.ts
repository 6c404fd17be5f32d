import * as vscode from 'vscode';
import type { RuleCode } from '../analysis/finding';
import { initParsers } from '../analysis/parser';
import { InitCodeActionProvider } from './codeActions';
import { InitCodeLensProvider } from './codeLens';
import { distributionMessage, registerCommands } from './commands';
import { readConfig } from './config';
import { Diagnostics } from './diagnostics';
import { DocumentStore, grammarOf, SELECTOR } from './documentStore';
import { makeGuard } from './guard';
import { InitHoverProvider } from './hover';
import { InitInlayHintsProvider } from './inlayHints';
import { Output } from './output';
import { signalView } from './initTarget';
import { PreviewPanel } from './preview/previewPanel';
import { StatusBar } from './statusBar';

/** Typing waits this long before re-analysing. */
const DEBOUNCE_MS = 150;

/** The README line of each rule's section, so a diagnostic's code opens its documentation. */
async function ruleDocs(extensionUri: vscode.Uri): Promise<(code: RuleCode) => vscode.Uri> {
  // the source tree has README.md; vsce packs it as readme.md
  let readme = vscode.Uri.joinPath(extensionUri, 'README.md');
  let lines: string[] = [];
  for (const name of ['README.md', 'readme.md']) {
    try {
      const uri = vscode.Uri.joinPath(extensionUri, name);
      lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).split('\n');
      readme = uri;
      break;
    } catch {
      // try the other spelling
    }
  }
  return (code) => {
    const line = lines.findIndex((l) => l.startsWith(`**${code}`));
    return readme.with({ fragment: line >= 0 ? `L${line + 1}` : '' });
  };
}

/**
 * What `activate` returns, for InitLens's own integration tests (no other extension should rely
 * on it): the output channel's latest lines, and the live providers, to call with a token.
 */
export interface InitLensTestApi {
  log(): readonly string[];
  providers: { actions: InitCodeActionProvider; hover: InitHoverProvider; hints: InitInlayHintsProvider; lenses: InitCodeLensProvider };
}

export async function activate(context: vscode.ExtensionContext): Promise<InitLensTestApi> {
  const started = performance.now();
  const output = new Output();
  context.subscriptions.push(output);
  // tree-sitter's WASM files ship next to the bundle; a web extension host fetches them by URL
  const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
  const locate = (file: string) => {
    const uri = vscode.Uri.joinPath(dist, file);
    return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
  };
  let config = readConfig();
  // every entry point VS Code calls goes through this: a failure is logged and answered with nothing
  const guard = makeGuard(output, () => config.throwIn);
  const store = new DocumentStore(output, config);
  // the parsers load while the listeners are already in place: a file opened meanwhile waits for them
  const parsers = initParsers(locate, ['python', 'typescript', 'tsx', 'javascript']).then(() => store.setReady());
  const diagnostics = new Diagnostics(store, guard, await ruleDocs(context.extensionUri), parsers);
  const actions = new InitCodeActionProvider(store, () => config);
  const hover = new InitHoverProvider(store, () => config);
  const hints = new InitInlayHintsProvider(store, () => config);
  const lenses = new InitCodeLensProvider(store, () => config);
  const status = new StatusBar(diagnostics, guard);
  context.subscriptions.push(
    store, diagnostics, status,
    vscode.languages.registerCodeActionsProvider(SELECTOR, {
      provideCodeActions: guard('codeActions', (d: vscode.TextDocument, r: vscode.Range | vscode.Selection, c: vscode.CodeActionContext, t: vscode.CancellationToken) => actions.provideCodeActions(d, r, c, t)),
      resolveCodeAction: guard('codeActions', (a: vscode.CodeAction, t: vscode.CancellationToken) => actions.resolveCodeAction(a, t)),
    }, InitCodeActionProvider.metadata),
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover: guard('hover', (d: vscode.TextDocument, p: vscode.Position, t: vscode.CancellationToken) => hover.provideHover(d, p, t)),
    }),
    vscode.languages.registerInlayHintsProvider(SELECTOR, {
      onDidChangeInlayHints: hints.onDidChangeInlayHints,
      provideInlayHints: guard('inlayHints', (d: vscode.TextDocument, r: vscode.Range, t: vscode.CancellationToken) => hints.provideInlayHints(d, r, t)),
    }),
    vscode.languages.registerCodeLensProvider(SELECTOR, {
      onDidChangeCodeLenses: lenses.onDidChangeCodeLenses,
      provideCodeLenses: guard('codeLens', (d: vscode.TextDocument, t: vscode.CancellationToken) => lenses.provideCodeLenses(d, t)),
    }),
    ...registerCommands(context.extensionUri, store, actions, output, () => config, guard),
    vscode.window.registerWebviewPanelSerializer('initlens.preview', {
      // VS Code saves a webview's state a few seconds after it changes: a panel restored before
      // that has none, and opens on the generic stack rather than stay empty
      deserializeWebviewPanel: async (panel, state) => PreviewPanel.revive(panel, context.extensionUri, output, state,
        { type: 'showSignal', view: signalView(undefined, undefined, 'torch'), samples: config.samples, seed: config.seed }),
    }),
    // a slow program's hints and lenses were withheld while it waited for its analysis
    diagnostics.onDidCatchUp(() => {
      hints.refresh();
      lenses.refresh();
    }),
  );

  const analyse = (document: vscode.TextDocument, delay = 0) => {
    if (grammarOf(document)) diagnostics.schedule(document, delay);
  };
  // an open distribution preview follows the cursor onto another initializer or layer (unless the
  // setting pins it); a signal preview stays on its stack
  let followTimer: ReturnType<typeof setTimeout> | undefined;
  let lastShown = '';
  const follow = guard('followCursor', (e: vscode.TextEditorSelectionChangeEvent) => {
    const message = distributionMessage(store, e.textEditor.document, e.selections[0].active, config);
    if (typeof message === 'string' || message.type !== 'showDistribution') return;
    const key = `${e.textEditor.document.uri.toString()}|${message.view.title}|${message.view.scheme}`;
    if (key === lastShown) return;
    lastShown = key;
    PreviewPanel.show(context.extensionUri, output, message);
  });
  context.subscriptions.push(vscode.window.onDidChangeTextEditorSelection(guard('followCursor', (e: vscode.TextEditorSelectionChangeEvent) => {
    if (!config.followCursor || PreviewPanel.showing() !== 'showDistribution' || !grammarOf(e.textEditor.document)) return;
    clearTimeout(followTimer);
    followTimer = setTimeout(() => follow(e), 250);
  })), { dispose: () => clearTimeout(followTimer) });

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(guard('diagnostics', (d: vscode.TextDocument) => analyse(d))),
    vscode.workspace.onDidChangeTextDocument(guard('diagnostics', (e: vscode.TextDocumentChangeEvent) => {
      if (!grammarOf(e.document)) return;
      store.noteChange(e);
      analyse(e.document, DEBOUNCE_MS);
    })),
    // a slow program waits for a pause in the typing; saving analyses it at once
    vscode.workspace.onDidSaveTextDocument(guard('diagnostics', (d: vscode.TextDocument) => analyse(d))),
    vscode.workspace.onDidSaveNotebookDocument(guard('diagnostics', (nb: vscode.NotebookDocument) => {
      const cell = nb.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code && grammarOf(c.document));
      if (cell) analyse(cell.document);
    })),
    vscode.workspace.onDidCloseTextDocument(guard('diagnostics', (d: vscode.TextDocument) => {
      if (store.notebookOf(d)) return;
      store.forget(d);
      diagnostics.clear(d);
    })),
    vscode.workspace.onDidChangeNotebookDocument(guard('diagnostics', (e: vscode.NotebookDocumentChangeEvent) => {
      // one analysis per notebook: its cells share the schedule
      const cell = e.notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code && grammarOf(c.document));
      if (cell) analyse(cell.document, DEBOUNCE_MS);
    })),
    vscode.workspace.onDidChangeConfiguration(guard('settings', (e: vscode.ConfigurationChangeEvent) => {
      if (!e.affectsConfiguration('initlens')) return;
      config = readConfig();
      store.setConfig(config);
      for (const d of vscode.workspace.textDocuments) analyse(d);
      hints.refresh();
      lenses.refresh();
    })),
  );
  // only what is visible now; the rest is analysed when it opens
  for (const e of vscode.window.visibleTextEditors) analyse(e.document);
  for (const e of vscode.window.visibleNotebookEditors) for (const c of e.notebook.getCells()) analyse(c.document);
  output.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  // activation does not wait for the parsers; providers asked before they were ready answered nothing, so ask again
  parsers.then(() => {
    output.info(`parsers loaded ${(performance.now() - started).toFixed(1)} ms after activation began`);
    hints.refresh();
    lenses.refresh();
  }, (e) => output.error('loading the tree-sitter parsers', e));
  return { log: () => output.recent(), providers: { actions, hover, hints, lenses } };
}

export function deactivate(): void {
  // every disposable is in context.subscriptions
}
