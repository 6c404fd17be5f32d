import { strict as assert } from 'node:assert';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, expectDiagnostics, initlensDiagnostics, openFile, TORCH_MLP, waitFor } from './host';

describe('diagnostics', () => {
  it('reports PyTorch findings with their exact range, severity, source and a documentation link', async () => {
    const doc = await openFile('mlp.py', TORCH_MLP);
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
    const init001 = initlensDiagnostics(doc.uri).find((d) => codeOf(d) === 'INIT001')!;
    assert.deepEqual([init001.range.start.line, init001.range.start.character, init001.range.end.line, init001.range.end.character], [9, 8, 9, 48]);
    assert.equal(init001.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(init001.message, /Xavier\/Glorot scaling before relu \(self\.fc2\)/);
    const target = (init001.code as { target: vscode.Uri }).target;
    assert.match(target.path, /README\.md$/);
    assert.match(target.fragment, /^L\d+$/);
    const hint = initlensDiagnostics(doc.uri).find((d) => codeOf(d) === 'INIT009')!;
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
  });

  it('reports Keras, Flax and TF.js findings', async () => {
    const keras = await openFile('cnn.py', `import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64,)),
    layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform"),
    layers.Dense(10, activation="softmax"),
])
`);
    await expectDiagnostics(keras.uri, ['INIT001@6']);
    const flax = await openFile('mlp_flax.py', `import flax.linen as nn


class MLP(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = nn.Dense(128, kernel_init=nn.initializers.he_normal())(x)
        x = nn.tanh(x)
        return nn.Dense(10)(x)
`);
    await expectDiagnostics(flax.uri, ['INIT002@7']);
    const tfjs = await openFile('model.ts', `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({units: 64, inputShape: [32], activation: 'relu'}));
model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
`);
    await expectDiagnostics(tfjs.uri, ['INIT009@4']);
  });

  it('updates on edit, and a half-typed function does not hide the other findings', async () => {
    const doc = await openFile('edited.py', TORCH_MLP);
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
    const editor = await vscode.window.showTextDocument(doc);
    // fix line 10 by hand, then break the forward method
    await editor.edit((e) => e.replace(new vscode.Range(9, 16, 9, 31), 'kaiming_uniform_'));
    await waitFor(() => !initlensDiagnostics(doc.uri).some((d) => codeOf(d) === 'INIT001') && initlensDiagnostics(doc.uri), 'INIT001 to go away');
    await editor.edit((e) => e.insert(new vscode.Position(16, 0), '\n    def broken(self, x:\n        return (x\n'));
    await expectDiagnostics(doc.uri, ['INIT009@8']);
  });
});
