// The test workspace every host run opens (runInHost.js, runElectron.js, the UI walk).
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');

/**
 * The test workspace, assembled fresh in a temp folder from the files it is made of (tests may edit
 * and add files): the example workspace, a clean fixture and a notebook fixture, and settings that
 * keep the workbench quiet without touching InitLens's defaults.
 */
const WORKSPACE_FILES = {
  'mlp.py': 'examples/mlp.py', // INIT001 on line 11
  'keras_cnn.py': 'examples/keras_cnn.py',
  'flax_mlp.py': 'examples/flax_mlp.py',
  'tfjs_model.ts': 'examples/tfjs_model.ts',
  'clean_torchvision_resnet.py': 'test/fixtures/python/clean_torchvision_resnet.py', // no findings
  'mlp_cells_split.ipynb': 'test/fixtures/notebooks/mlp_cells_split.ipynb',
};
const WORKSPACE_SETTINGS = { 'files.autoSave': 'off', 'workbench.editor.enablePreview': false, 'editor.codeLens': true };

function copyWorkspace(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'initlens-ws-'))) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, source] of Object.entries(WORKSPACE_FILES)) fs.copyFileSync(path.join(ROOT, source), path.join(dir, name));
  fs.mkdirSync(path.join(dir, '.vscode'));
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), `${JSON.stringify(WORKSPACE_SETTINGS, null, 2)}\n`);
  return dir;
}

module.exports = { copyWorkspace };
