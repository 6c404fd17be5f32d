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

/** The quote character the file uses most (strings inside `near` first). */
export function quoteStyle(a: PythonSource, near?: Node): string {
  const strings = near?.descendantsOfType('string').filter((n): n is Node => !!n) ?? [];
  if (strings.length) return quoteOf(strings[0]);
  let quote = fileQuotes.get(a);
  if (quote === undefined) {
    let single = 0;
    let double = 0;
    for (const s of a.tree.rootNode.descendantsOfType('string')) {
      if (!s || s.text.startsWith('"""') || s.text.startsWith("'''")) continue;
      if (quoteOf(s) === '"') double++; else single++;
    }
    quote = double > single ? '"' : "'";
    fileQuotes.set(a, quote);
  }
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

const topLevel = new WeakMap<PythonSource, Node[]>();

/** The module's top-level statements, read once per analysis. */
export function topLevelStatements(a: PythonSource): Node[] {
  let statements = topLevel.get(a);
  if (!statements) topLevel.set(a, (statements = namedChildren(a.tree.rootNode)));
  return statements;
}

/** The `import`/`from … import` statement that binds `local`, if any. */
function importBinding(a: PythonSource, local: string): Node | undefined {
  for (const stmt of topLevelStatements(a)) {
    if (stmt.type !== 'import_from_statement' && stmt.type !== 'import_statement') continue;
    for (const child of namedChildren(stmt).slice(stmt.type === 'import_from_statement' ? 1 : 0)) {
      const bound = child.type === 'aliased_import' ? child.childForFieldName('alias')?.text : child.text.split('.')[0];
      if (bound === local) return stmt;
    }
  }
  return undefined;
}

function lastImport(a: PythonSource): Node | undefined {
  let last: Node | undefined;
  for (const stmt of topLevelStatements(a)) {
    if (stmt.type === 'import_statement' || stmt.type === 'import_from_statement' || stmt.type === 'future_import_statement') last = stmt;
    else if (last || !['expression_statement', 'comment'].includes(stmt.type)) break;
  }
  return last;
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
  const anchor = (like?.type === 'identifier' ? importBinding(a, like.text) : undefined) ?? lastImport(a);
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
