import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a tree-sitter WASM file is: next to the bundle (esbuild copies them into dist/),
 * or, when running from source, in the installed @vscode/tree-sitter-wasm package.
 */
export function wasmPath(file: string): string {
  const bundled = join(__dirname, file);
  return existsSync(bundled) ? bundled : require.resolve(`@vscode/tree-sitter-wasm/wasm/${file}`);
}
