import * as TreeSitter from '@vscode/tree-sitter-wasm';
import type { Language, Parser } from '@vscode/tree-sitter-wasm';
import { Tree, type Node } from './syntaxTree';

export type { Node, Tree };

/** The grammars InitLens reads; each is a WASM file shipped by `@vscode/tree-sitter-wasm`. */
export type Grammar = 'python' | 'typescript' | 'tsx' | 'javascript';

/**
 * Where a WASM file lives: a path (Node) or a URL (browser). The analysis layer does not know
 * how it is packaged, so the CLI, the extension and the tests each pass their own locator.
 */
export type WasmLocator = (file: string) => string;

const parsers = new Map<Grammar, Parser>();
let ready: Promise<void> | undefined;

/**
 * Loads the tree-sitter runtime and the grammars once. Parsing itself is synchronous, so
 * everything after this await is plain data in, data out.
 */
export function initParsers(locate: WasmLocator, grammars: readonly Grammar[] = ['python']): Promise<void> {
  ready ??= TreeSitter.Parser.init({ locateFile: (file: string) => locate(file) });
  return ready.then(async () => {
    for (const grammar of grammars) {
      if (parsers.has(grammar)) continue;
      const language: Language = await TreeSitter.Language.load(locate(`tree-sitter-${grammar}.wasm`));
      const parser = new TreeSitter.Parser();
      parser.setLanguage(language);
      parsers.set(grammar, parser);
    }
  });
}

function parserFor(grammar: Grammar): Parser {
  const parser = parsers.get(grammar);
  if (!parser) throw new Error(`the ${grammar} grammar is not loaded: await initParsers(…, ['${grammar}']) first`);
  return parser;
}

/**
 * A lone CR ends a line for Python, JS, VS Code and SARIF alike, but tree-sitter counts rows at
 * LF only: a CR-only file would read as one line (no Python at all, TS/JS findings at line 0,
 * column 9000). Parsed as LF, the same length, offsets are unchanged and rows agree with LineIndex.
 */
const LONE_CR = /\r(?!\n)/g;

/**
 * Trees live in tree-sitter's WASM heap, which the garbage collector never frees: each one
 * kept ~35 bytes per source byte until the heap hit its limit and every later parse aborted.
 * A tree is deleted once its JS object (and every node of it, which holds it) is collected;
 * Tree.delete reads nothing but the tree's WASM address, so a stand-in holding it does the work.
 */
const finalizer = new FinalizationRegistry<number>((address) => {
  TreeSitter.Tree.prototype.delete.call({ 0: address } as unknown as TreeSitter.Tree);
});

/** Registers a tree (from `parse` or `Tree.copy`) to be freed with its JS object. */
export function track(tree: Tree): Tree {
  finalizer.register(tree, (tree.raw as unknown as { 0: number })[0], tree);
  return tree;
}

/** Frees a tree from `parse` now; neither it nor any node of it may be used after. */
export function dispose(tree: Tree): void {
  finalizer.unregister(tree);
  tree.delete();
}

function parseUntracked(grammar: Grammar, text: string, oldTree?: Tree): Tree {
  const parsed = text.includes('\r') ? text.replace(LONE_CR, '\n') : text;
  const tree = parserFor(grammar).parse(parsed, oldTree?.raw ?? null);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${grammar}`);
  return new Tree(tree, parsed);
}

/**
 * Parses `text`; with `oldTree` (already `edit`ed to match the text), tree-sitter reuses every
 * subtree the edit did not touch, which is what keeps re-analysis after a keystroke cheap.
 */
export function parse(grammar: Grammar, text: string, oldTree?: Tree): Tree {
  return track(parseUntracked(grammar, text, oldTree));
}

/** The syntax errors of `text`, its tree freed at once: fix-all parses a whole file for each check. */
export function countSyntaxErrors(grammar: Grammar, text: string): number {
  const tree = parseUntracked(grammar, text);
  try {
    return syntaxErrorCount(tree);
  } finally {
    tree.delete();
  }
}

/** Number of ERROR and MISSING nodes: a fix must never raise it. */
export function syntaxErrorCount(tree: Tree): number {
  if (!tree.rootNode.hasError) return 0;
  let count = 0;
  const cursor = tree.raw.walk();
  try {
    let descend = true;
    for (;;) {
      const node = cursor.currentNode;
      if (descend && (node.isError || node.isMissing)) count++;
      if (descend && node.hasError && cursor.gotoFirstChild()) continue;
      if (cursor.gotoNextSibling()) { descend = true; continue; }
      if (!cursor.gotoParent()) break;
      descend = false;
    }
  } finally {
    cursor.delete();
  }
  return count;
}
