// The same integration suites through @vscode/test-electron, for machines that can download
// VS Code (it fetches a build from update.code.visualstudio.com; offline it fails at once, use
// `npm run test:integration` there). Same entry (out/integration/index.js), the same fresh test
// workspace (workspace.js), a throwaway user-data and extensions folder.
//
//   npm run test:electron          (VSCODE_VERSION=stable|insiders|1.90.0 picks the build)
const { runTests } = require('@vscode/test-electron');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const { copyWorkspace } = require('./workspace');

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'initlens-electron-'));
  const workspace = copyWorkspace(path.join(tmp, 'workspace'));
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  // The settings code-server gets from scripts/vscode-host.sh: no welcome page, trust prompt or updates
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'chat.disableAIFeatures': true,
  }, null, 2));
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      // The download stays under node_modules/.cache (ignored by git), not in ./.vscode-test
      cachePath: path.join(ROOT, 'node_modules/.cache/initlens-host/vscode-test'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out/integration/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
        '--skip-release-notes', '--user-data-dir', userData, '--extensions-dir', path.join(tmp, 'extensions')],
    });
    return 0;
  } catch (e) {
    console.error(`[electron] ${e && e.message ? e.message : e}`);
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
