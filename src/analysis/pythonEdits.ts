import type { TextEdit } from './finding';
import type { PythonSource } from './pythonAnalysis';
import type { Node } from './parser';
import { spellingOf } from './pythonImports';
import { quoteOf } from './pythonLiteral';
import { namedChildren, rangeOf } from './syntax';

/** Text edits in the file's own style: its aliases, its quotes, its indentation. */

export function replaceNode(node: Node, newText: string): TextEdit {
  return { range: rangeOf(node), newText };
}

const fileQuotes = new WeakMap<PythonSource, string>();

/**
 * The quote most of the file's one-line strings open with, read off the text by a small lexer
 * (comments and string bodies skipped): walking the tree for every string cost 30 ms in 10,000 lines.
 */
function mostUsedQuote(text: string): string {
  let single = 0;
  let double = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c + c + c, i);
      const close = triple ? c + c + c : c;
      if (!triple) { if (c === '"') double++; else single++; }
      // skip the body, honouring backslash escapes; a one-line string also ends at a newline
      let j = i + close.length;
      while (j < text.length && !text.startsWith(close, j) && (triple || text[j] !== '\n')) j += text[j] === '\\' ? 2 : 1;
      i = j + close.length - 1;
    }
  }
  return double > single ? '"' : "'";
}

/** The quote character the file uses most (strings inside `near` first). */
export function quoteStyle(a: PythonSource, near?: Node): string {
  // the text first: most calls near a fix hold no string, and the search runs per fix
  const strings = near && /["']/.test(near.text) ? near.descendantsOfType('string') : [];
  if (strings.length) return quoteOf(strings[0]);
  let quote = fileQuotes.get(a);
  if (quote === undefined) fileQuotes.set(a, (quote = mostUsedQuote(a.text)));
  return quote;
}

export const quoted = (q: string, s: string) => `${q}${s}${q}`;

/** Inserts `, text` as the last argument of `call`, before its closing parenthesis. */
export function addArgument(call: Node, text: string): TextEdit {
  const list = call.childForFieldName('arguments') ?? call;
  const args = namedChildren(list).filter((n) => n.type !== 'comment');
  const close = list.lastChild;
  if (!args.length || !close) {
    const at = close?.type === ')' ? close.startPosition : list.endPosition;
    return { range: { start: { line: at.row, character: at.column }, end: { line: at.row, character: at.column } }, newText: text };
  }
  const last = args[args.length - 1];
  const at = last.endPosition;
  return { range: { start: { line: at.row, character: at.column }, end: { line: at.row, character: at.column } }, newText: `, ${text}` };
}

/** A new line after `statement`, at its indentation; a comment after the statement stays on its line (a `# noqa` keeps its place). */
export function insertLineAfter(a: PythonSource, statement: Node, line: string): TextEdit {
  const end = statement.endPosition;
  const at = (column: number, newText: string): TextEdit => ({ range: { start: { line: end.row, character: column }, end: { line: end.row, character: column } }, newText });
  // After a header or a `;` on its line (`def __init__(self): self.fc = …`) the statement is in a one-line
  // suite: a new line at that line's indentation would leave the suite (for `self.fc`, to the class body)
  if (a.lines.lineText(statement.startPosition.row).slice(0, statement.startPosition.column).trim() !== '') return at(end.column, `; ${line}`);
  const rest = a.lines.lineText(end.row).slice(end.column);
  return at(/^\s*#/.test(rest) ? end.column + rest.length : end.column, `\n${a.lines.indentOf(statement.startPosition.row)}${line}`);
}

interface TopLevelImports {
  /** Every top-level `import`/`from … import`. */
  statements: Node[];
  /** The last statement of the leading import block, where a new import goes. */
  last?: Node;
}

const topLevel = new WeakMap<PythonSource, TopLevelImports>();

/** The module's top-level imports, read once per analysis; no other statement is kept alive. */
function topLevelImports(a: PythonSource): TopLevelImports {
  let found = topLevel.get(a);
  if (found) return found;
  found = { statements: [] };
  let leading = true;
  for (const stmt of namedChildren(a.tree.rootNode)) {
    const isImport = stmt.type === 'import_statement' || stmt.type === 'import_from_statement';
    if (isImport) found.statements.push(stmt);
    if (!leading) continue;
    if (isImport || stmt.type === 'future_import_statement') found.last = stmt;
    else if (found.last || !['expression_statement', 'comment'].includes(stmt.type)) leading = false;
  }
  topLevel.set(a, found);
  return found;
}

/** The `import`/`from … import` statement that binds `local`, if any. */
function importBinding(a: PythonSource, local: string): Node | undefined {
  for (const stmt of topLevelImports(a).statements) {
    for (const child of namedChildren(stmt).slice(stmt.type === 'import_from_statement' ? 1 : 0)) {
      const bound = child.type === 'aliased_import' ? child.childForFieldName('alias')?.text : child.text.split('.')[0];
      if (bound === local) return stmt;
    }
  }
  return undefined;
}

/**
 * How to write a canonical name (`torch.nn.init.kaiming_normal_`, `jax.nn.initializers.he_normal`)
 * in this file. `like` is the name it replaces, so a new import goes next to the one that brought it.
 * When no import reaches it, one is added (`from torch.nn.init import kaiming_normal_`).
 */
export function spell(a: PythonSource, qualified: string, like?: Node): { text: string; edits: TextEdit[] } {
  const known = spellingOf(qualified, a.imports);
  if (known) return { text: known, edits: [] };
  const dot = qualified.lastIndexOf('.');
  const module = qualified.slice(0, dot);
  const name = qualified.slice(dot + 1);
  const anchor = (like?.type === 'identifier' ? importBinding(a, like.text) : undefined) ?? topLevelImports(a).last;
  const rawModule = anchor?.type === 'import_from_statement' && like?.type === 'identifier'
    ? anchor.childForFieldName('module_name')?.text ?? module
    : module;
  const line = `from ${rawModule} import ${name}`;
  if (anchor) return { text: name, edits: [insertLineAfter(a, anchor, line)] };
  return { text: name, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${line}\n` }] };
}

/** Replaces the last name of a callee (`nn.init.xavier_uniform_` → `nn.init.kaiming_uniform_`) keeping its prefix. */
export function renameCallee(a: PythonSource, callee: Node, qualified: string): { text: string; edits: TextEdit[] } {
  const name = qualified.slice(qualified.lastIndexOf('.') + 1);
  if (callee.type === 'attribute') {
    const prefix = callee.childForFieldName('object')!.text;
    return { text: `${prefix}.${name}`, edits: [] };
  }
  return spell(a, qualified, callee);
}
