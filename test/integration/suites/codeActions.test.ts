import { strict as assert } from 'node:assert';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, expectDiagnostics, initlensDiagnostics, openFile, TORCH_MLP } from './host';

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

describe('code actions', () => {
  it('offers the preferred quick fix, and applying it fixes the line in the file\'s style', async () => {
    const doc = await openFile('quickfix.py', TORCH_MLP);
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
    const d = initlensDiagnostics(doc.uri).find((x) => codeOf(x) === 'INIT001')!;
    const actions = await actionsAt(doc.uri, d.range);
    const titles = actions.map((a) => a.title);
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.match(preferred.title, /^Use He init: kaiming_uniform_/);
    assert.ok(titles.includes('Ignore INIT001 on this line'));
    assert.ok(titles.includes('Fix all InitLens problems in this file'));
    assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
    assert.equal(doc.lineAt(9).text, "        nn.init.kaiming_uniform_(self.fc2.weight, nonlinearity='relu')");
    await expectDiagnostics(doc.uri, ['INIT009@8']);
  });

  it('"Ignore INIT001 on this line" adds the suppression comment and the finding goes', async () => {
    const doc = await openFile('ignore.py', TORCH_MLP);
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
    const d = initlensDiagnostics(doc.uri).find((x) => codeOf(x) === 'INIT001')!;
    const ignore = (await actionsAt(doc.uri, d.range)).find((a) => a.title === 'Ignore INIT001 on this line')!;
    assert.ok(await vscode.workspace.applyEdit(ignore.edit!));
    assert.match(doc.lineAt(9).text, /# initlens: ignore\[INIT001\]$/);
    await expectDiagnostics(doc.uri, ['INIT009@8']);
  });

  it('source.fixAll.initlens fixes the whole file, so editor.codeActionsOnSave can run it', async () => {
    const doc = await openFile('fixall.py', TORCH_MLP);
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
    const [fixAll] = await actionsAt(doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.initlens');
    assert.ok(fixAll, 'a source.fixAll.initlens action');
    assert.equal(fixAll.kind?.value, 'source.fixAll.initlens');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit!));
    assert.match(doc.getText(), /nn\.init\.kaiming_normal_\(self\.fc1\.weight, nonlinearity='relu'\)/);
    await expectDiagnostics(doc.uri, []);
  });

  it('the InitLens: Fix All command fixes the active file', async () => {
    const doc = await openFile('fixall_command.ts', `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({units: 64, inputShape: [32], activation: 'relu', kernelInitializer: 'glorotNormal'}));
model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
`);
    await expectDiagnostics(doc.uri, ['INIT001@4']);
    await vscode.commands.executeCommand('initlens.fixAll');
    assert.match(doc.lineAt(3).text, /kernelInitializer: 'heUniform'/);
    await expectDiagnostics(doc.uri, []);
  });
});
