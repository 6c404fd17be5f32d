import { strict as assert } from 'node:assert';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { eventually, expectDiagnostics, openFile, TORCH_MLP, waitFor } from './host';

const text = (h: vscode.Hover) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');

describe('hovers, inlay hints and code lenses', () => {
  it('hover on an initializer gives the formula, the numbers for the known shape and an inline histogram', async () => {
    const doc = await openFile('hover.py', TORCH_MLP);
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(9, 20));
    const md = hovers.map(text).join('\n');
    assert.match(md, /\*\*xavier_uniform_\*\* · PyTorch · self\.fc2 → relu/);
    assert.match(md, /\| fan_in \| fan_out \| gain \| mean \| std \| bound \|/);
    // Xavier on [256, 256]: bound √(6/512) = 0.108, std = bound/√3 = 0.0625
    assert.match(md, /\| 256 \| 256 \| 1 \| 0 \| 0\.0625 \| ±0\.108 \|/);
    assert.match(md, /!\[sampled weights and their density\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
    assert.match(md, /\[Preview distribution\]\(command:initlens\.previewDistribution\?/);
  });

  it('hover on a layer that keeps its default shows the default and PyTorch\'s quirk', async () => {
    const doc = await openFile('hover_layer.py', TORCH_MLP);
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(7, 22));
    const md = hovers.map(text).join('\n');
    assert.match(md, /\*\*Linear default\*\* · PyTorch · self\.fc1 → relu/);
    // kaiming_uniform_(a=√5) on fan_in 256: U(±1/16)
    assert.match(md, /±0\.0625/);
    assert.match(md, /a sixth of what ReLU needs/);
  });

  it('inlay hints show σ or ± after sites and default layers, and the setting turns them off', async () => {
    const doc = await openFile('hints.py', TORCH_MLP);
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all);
    const labels = hints.map((h) => `${h.position.line + 1}:${typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')}`);
    assert.deepEqual(labels.sort(), ['10:±0.108', '11:±0.0625', '8:±0.0625']);
    await vscode.workspace.getConfiguration('initlens').update('inlayHints.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await eventually(async () => (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all)).length === 0, 'no inlay hints');
    } finally {
      await vscode.workspace.getConfiguration('initlens').update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('code lenses: "Signal through N layers" above the model, "Preview distribution" above sites and default layers; they open the preview', async () => {
    const doc = await openFile('lenses.py', TORCH_MLP);
    await expectDiagnostics(doc.uri, ['INIT001@10', 'INIT009@8']);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const titles = lenses.map((l) => `${l.range.start.line + 1}:${l.command?.title}`).sort();
    assert.deepEqual(titles, ['10:Preview distribution', '11:Preview distribution', '8:Preview distribution', '8:Signal through 3 layers']);
    const preview = lenses.find((l) => l.range.start.line === 9)!;
    await vscode.commands.executeCommand(preview.command!.command, ...(preview.command!.arguments ?? []));
    const isPreview = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.label === 'InitLens Preview';
    await waitFor(() => vscode.window.tabGroups.all.some((g) => g.tabs.some(isPreview)), 'the preview panel');
    const signal = lenses.find((l) => l.command?.title.startsWith('Signal'))!;
    await vscode.commands.executeCommand(signal.command!.command, ...(signal.command!.arguments ?? []));
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isPreview).length, 1, 'one preview panel, reused');
    await vscode.workspace.getConfiguration('initlens').update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await eventually(async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)).length === 0, 'no code lenses');
    } finally {
      await vscode.workspace.getConfiguration('initlens').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('"Preview Signal Propagation" in a file with no model still opens the panel, on a generic stack', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const doc = await openFile('nomodel.py', 'import torch\n\nx = torch.zeros(3)\n');
    await expectDiagnostics(doc.uri, []);
    await vscode.commands.executeCommand('initlens.previewSignal');
    const isPreview = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.label === 'InitLens Preview';
    await waitFor(() => vscode.window.tabGroups.all.some((g) => g.tabs.some(isPreview)), 'the preview panel on a generic stack');
  });
});
