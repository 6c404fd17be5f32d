import { initParsers, type Grammar } from '../../src/analysis/parser';
import { wasmPath } from '../../src/cli/wasmPath';

/** Loads the grammars from the installed @vscode/tree-sitter-wasm, once per test run. */
export function loadParsers(grammars: Grammar[] = ['python', 'typescript', 'tsx', 'javascript']): Promise<void> {
  return initParsers(wasmPath, grammars);
}
