import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

/** Helpers for the suites that run inside the real extension host. */

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return folder.uri;
}

/** Writes a file into the (throwaway) test workspace and opens it in an editor. */
export async function openFile(name: string, content: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(root(), 'generated', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** Polls until `probe` returns something truthy (the extension debounces and analyses asynchronously). */
export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Polls an asynchronous check (a provider command) until it holds. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function initlensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'InitLens');
}

export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** `CODE@line` (1-based) of a document's InitLens diagnostics, sorted. */
export function summary(uri: vscode.Uri): string[] {
  return initlensDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line + 1}`).sort();
}

/** Waits until the document's InitLens diagnostics are exactly `expected`. */
export async function expectDiagnostics(uri: vscode.Uri, expected: string[]): Promise<void> {
  const want = [...expected].sort().join(',');
  try {
    await waitFor(() => summary(uri).join(',') === want, `diagnostics ${want}`);
  } catch {
    assert.deepEqual(summary(uri), [...expected].sort());
  }
}

export async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('initlens').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** A PyTorch MLP: a default layer before ReLU (INIT009, line 8) and Xavier before ReLU (INIT001, line 10). */
export const TORCH_MLP = `import torch.nn as nn
import torch.nn.functional as F


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(256, 256)
        self.fc2 = nn.Linear(256, 256)
        nn.init.xavier_uniform_(self.fc2.weight)
        self.out = nn.Linear(256, 10)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.out(x)
`;

/** What InitLens's `activate` returns for these tests: its output channel's latest lines and its live providers. */
export type InitLensTestApi = import('../../../src/extension/extension').InitLensTestApi;

/** The running InitLens's test API (activating it if a suite runs alone). */
export async function initlens(): Promise<InitLensTestApi> {
  const ext = vscode.extensions.getExtension<InitLensTestApi>('initlens.initlens');
  assert.ok(ext, 'InitLens is installed');
  return ext.isActive ? ext.exports : ext.activate();
}

/** The InitLens output channel's lines (as `[level] message`) that match `pattern`. */
export async function logLines(pattern: RegExp): Promise<string[]> {
  return (await initlens()).log().filter((l) => pattern.test(l));
}

/** Waits until the InitLens output channel has a line matching `pattern`, and returns it. */
export async function waitForLog(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const api = await initlens();
  return waitFor(() => api.log().find((l) => pattern.test(l)), `a log line matching ${pattern}`, timeoutMs);
}

/** Writes a Jupyter notebook of the given code cells into the test workspace and opens it in an editor. */
export async function openNotebook(name: string, cells: string[]): Promise<vscode.NotebookDocument> {
  const nb = {
    cells: cells.map((source) => ({ cell_type: 'code', metadata: {}, source, execution_count: null, outputs: [] })),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4, nbformat_minor: 5,
  };
  const uri = vscode.Uri.joinPath(root(), 'generated', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(nb)));
  const notebook = await vscode.workspace.openNotebookDocument(uri);
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}
