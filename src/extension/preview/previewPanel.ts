import * as vscode from 'vscode';
import type { ExtensionToWebview, WebviewToExtension } from '../../protocol';
import type { Output } from '../output';

function nonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The preview: one webview panel, reused while open. It loads only the extension's own bundle
 * and stylesheet under a nonce CSP, and gets its data by message once it says it is ready.
 */
export class PreviewPanel implements vscode.Disposable {
  private static current: PreviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private pending: ExtensionToWebview | undefined;
  private shown: ExtensionToWebview['type'] | undefined;

  /** What the open panel shows (a distribution or a signal), or undefined when it is closed. */
  static showing(): ExtensionToWebview['type'] | undefined {
    return PreviewPanel.current?.shown;
  }

  /** Brings back a panel VS Code restored after a window reload, with the view it last showed, else `fallback`. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, output: Output, state: unknown, fallback: ExtensionToWebview): void {
    panel.webview.options = PreviewPanel.options(extensionUri);
    PreviewPanel.current?.dispose();
    PreviewPanel.current = new PreviewPanel(panel, extensionUri, output);
    // the webview validates whatever it gets back: a stale or damaged state shows its error, not a blank panel
    PreviewPanel.current.post(state && typeof state === 'object' ? state as ExtensionToWebview : fallback);
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  static show(extensionUri: vscode.Uri, output: Output, message: ExtensionToWebview): void {
    if (!PreviewPanel.current) {
      const panel = vscode.window.createWebviewPanel('initlens.preview', 'InitLens Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, PreviewPanel.options(extensionUri));
      PreviewPanel.current = new PreviewPanel(panel, extensionUri, output);
    }
    PreviewPanel.current.post(message);
    PreviewPanel.current.panel.reveal(undefined, true);
  }

  private constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly output: Output) {
    panel.webview.html = this.html(panel.webview, extensionUri);
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((m: WebviewToExtension) => this.receive(m), undefined, this.disposables);
  }

  private post(message: ExtensionToWebview): void {
    this.shown = message.type;
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.pending = message;
  }

  private receive(message: WebviewToExtension): void {
    if (message?.type === 'ready') {
      this.ready = true;
      if (this.pending) void this.panel.webview.postMessage(this.pending);
      this.pending = undefined;
    } else if (message?.type === 'error') {
      this.output.error('preview', message.message);
    } else if (message?.type === 'export') {
      void this.save(message);
    }
  }

  /** Saves an exported chart or table where the user says, through the editor's own dialog. */
  private async save(message: Extract<WebviewToExtension, { type: 'export' }>): Promise<void> {
    const png = message.format === 'png';
    if ((!png && message.format !== 'csv') || typeof message.data !== 'string' || message.data.length > 50_000_000) return;
    const name = `${String(message.name).replace(/[^\w.-]+/g, '_').slice(0, 80) || 'initlens'}.${message.format}`;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: png ? { 'PNG image': ['png'] } : { 'CSV table': ['csv'] },
      title: png ? 'Save the chart' : 'Save the table',
    });
    if (!target) return;
    const bytes = png ? Uint8Array.from(atob(message.data), (c) => c.charCodeAt(0)) : new TextEncoder().encode(message.data);
    await vscode.workspace.fs.writeFile(target, bytes);
    this.output.info(`saved ${target.toString()}`);
  }

  private html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
    const n = nonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
    const worker = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webviewWorker.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'preview.css'));
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource}; script-src 'wasm-unsafe-eval' 'nonce-${n}'; connect-src ${webview.cspSource}; worker-src blob:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>InitLens Preview</title>
</head>
<body>
<main id="initlens-preview" data-ready="false"><p class="muted">Loading…</p></main>
<script nonce="${n}" src="${script}" data-worker="${worker}"></script>
</body>
</html>`;
  }

  dispose(): void {
    PreviewPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
