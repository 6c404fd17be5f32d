import { strict as assert } from 'node:assert';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, expectDiagnostics, initlensDiagnostics, openFile, root, setting, TORCH_MLP, waitFor } from './host';

describe('settings', () => {
  it('per-rule severity and "off" apply without a reload', async () => {
    const doc = await openFile('severity.py', TORCH_MLP);
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
    try {
      await setting('severity', { INIT009: 'off', INIT001: 'error' });
      await expectDiagnostics(doc.uri, ['INIT001@10']);
      assert.equal(initlensDiagnostics(doc.uri)[0].severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await setting('severity', undefined);
    }
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
  });

  it('the frameworks setting leaves the others unchecked', async () => {
    const doc = await openFile('frameworks.py', TORCH_MLP);
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
    try {
      await setting('frameworks', ['tfjs', 'keras']);
      await expectDiagnostics(doc.uri, []);
    } finally {
      await setting('frameworks', undefined);
    }
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
  });
});

describe('notebooks', () => {
  it('analyses the code cells as one program: a layer in one cell, its init in another', async () => {
    const cell = (source: string[], type = 'code') => ({
      cell_type: type, metadata: {}, source, ...(type === 'code' ? { execution_count: null, outputs: [] } : {}),
    });
    const nb = {
      cells: [
        cell(['%matplotlib inline\n', 'import torch\n', 'import torch.nn as nn\n', 'import torch.nn.functional as F']),
        cell(['fc1 = nn.Linear(784, 256)\n', 'head = nn.Linear(256, 10)']),
        cell(['# Initialization'], 'markdown'),
        cell(['nn.init.xavier_uniform_(fc1.weight)']),
        cell(['def forward(x):\n', '    return head(F.relu(fc1(x)))']),
      ],
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
      nbformat: 4, nbformat_minor: 5,
    };
    const uri = vscode.Uri.joinPath(root(), 'generated', 'cells.ipynb');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(nb, null, 1)));
    const notebook = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(notebook);
    const initCell = notebook.cellAt(3).document;
    const found = await waitFor(() => initlensDiagnostics(initCell.uri).find((d) => codeOf(d) === 'INIT001'), 'INIT001 in the init cell');
    assert.deepEqual([found.range.start.line, found.range.start.character], [0, 0]);
    assert.deepEqual(initlensDiagnostics(notebook.cellAt(1).document.uri), []);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', initCell.uri, found.range);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(initCell.getText(), "nn.init.kaiming_uniform_(fc1.weight, nonlinearity='relu')");
    await waitFor(() => initlensDiagnostics(initCell.uri).length === 0, 'the fixed cell to be clean');
  });
});
