/**
 * Smoke test in the real extension host: InitLens is installed, and opening a PyTorch file
 * activates it and gives the file's INIT001 diagnostic. It runs first (index.ts orders it so).
 *
 * The workspace is assembled fresh for each run by test/integration/workspace.js (tests may edit it):
 *   mlp.py                       PyTorch (examples/mlp.py): INIT001 on line 11, xavier_uniform_ before relu
 *   keras_cnn.py                 Keras (examples/): INIT001 line 9, INIT002 line 12
 *   flax_mlp.py                  Flax (examples/): INIT009 line 8, INIT004 line 12
 *   tfjs_model.ts                TF.js (examples/): INIT001 line 6, INIT009 line 9
 *   clean_torchvision_resnet.py  clean (test/fixtures/python/): no findings
 *   mlp_cells_split.ipynb        notebook (test/fixtures/notebooks/): INIT009 in cell 3, INIT001 and INIT011 in cell 6
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'initlens.initlens';

/** Polls until `get` returns something truthy, or fails with `what` after `ms`. */
async function waitFor<T>(what: string, get: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

describe('smoke', () => {
  it('InitLens is installed', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    assert.equal(ext.packageJSON.name, 'initlens');
  });

  it('opening the PyTorch file activates InitLens and reports INIT001 within 20 s', async () => {
    // As a user does it: nothing activates InitLens but the Python file (onLanguage:python)
    const uri = workspaceFile('mlp.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const found = await waitFor('an InitLens INIT001 diagnostic on mlp.py', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source === 'InitLens' && codeOf(d) === 'INIT001'));
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true, 'InitLens is active');
    assert.equal(found.range.start.line, 10, 'on line 11, the xavier_uniform_ call');
    assert.equal(found.severity, vscode.DiagnosticSeverity.Warning);
  });
});
