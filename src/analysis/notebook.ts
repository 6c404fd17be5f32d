import type { Range, TextEdit } from './finding';

/** Where one code cell sits in the notebook's program text. */
export interface CellSpan {
  /** 1-based index among all cells, markdown included, as Jupyter numbers them. */
  cell: number;
  /** 0-based line of the cell's first line in `text`. */
  startLine: number;
  lineCount: number;
}

export interface NotebookSource {
  /** The code cells in order, joined with '\n'; IPython-only lines masked as comments. */
  text: string;
  cells: CellSpan[];
}

/** The file is not an nbformat-4 notebook, or an edit does not fit it. */
export class NotebookError extends Error {}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseNotebook(json: string): Json & { cells: Json[] } {
  let nb: unknown;
  try {
    nb = JSON.parse(json);
  } catch (e) {
    throw new NotebookError(`not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(nb)) throw new NotebookError('not a Jupyter notebook: the top level is not a JSON object');
  if (typeof nb.nbformat === 'number' && nb.nbformat < 4) {
    throw new NotebookError(`nbformat ${nb.nbformat} is not supported; open and save it in Jupyter to convert it to nbformat 4`);
  }
  const cells = nb.cells;
  if (!Array.isArray(cells)) throw new NotebookError('not a Jupyter notebook: no "cells" list at the top level');
  const bad = cells.findIndex((c) => !isObject(c));
  if (bad >= 0) throw new NotebookError(`not a Jupyter notebook: cell ${bad + 1} is not an object`);
  return { ...nb, cells: cells as Json[] };
}

/** nbformat allows a string or a list of strings to be concatenated. */
function sourceOf(cell: Json, number: number): string {
  const s = cell.source;
  if (typeof s === 'string') return s;
  if (Array.isArray(s) && s.every((l) => typeof l === 'string')) return s.join('');
  throw new NotebookError(`cell ${number}: "source" is neither a string nor a list of strings`);
}

function isPython(metadata: unknown): boolean {
  const m = isObject(metadata) ? metadata : {};
  const languages = [
    isObject(m.kernelspec) ? m.kernelspec.language : undefined,
    isObject(m.language_info) ? m.language_info.name : undefined,
  ];
  return languages.every((l) => typeof l !== 'string' || l.toLowerCase() === 'python');
}

/** Same length, so text positions and cell positions map 1:1. */
function commentOut(line: string): string {
  return line.replace(/\S/, '#');
}

/** Python's lexical state at a line break. */
interface ScanState {
  /** The delimiter of the string still open ('', ', ", ''' or """). */
  quote: string;
  /** Open brackets. */
  depth: number;
  /** The line ended in a backslash. */
  continued: boolean;
}

function scanLine(raw: string, state: ScanState): ScanState {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  let { quote, depth } = state;
  let continued = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') continued = ++i === line.length;
      else if (line.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = '';
      }
    } else if (c === '#') break;
    else if (c === '"' || c === "'") {
      quote = line.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    else if (c === '\\') continued = i === line.length - 1;
  }
  // a one-quote string ends with its line unless a backslash carries it on
  if (quote.length === 1 && !continued) quote = '';
  return { quote, depth, continued };
}

const IPYTHON_LINES = [
  /^\s*[%!?]/, // %magic, !shell, ?help
  /^\s*[\w.*]+\?\??\s*$/, // obj? and obj.attr?? help
  /^\s*[\w.,[\]\s]+=\s*[%!]/, // x = !ls, t = %timeit -o f()
];

/**
 * Comments out IPython-only lines, but only where a statement starts: `% b` continuing an
 * expression in brackets is Python's modulo, and `!` inside a docstring is text.
 */
function maskLineMagics(lines: string[]): string[] {
  let state: ScanState = { quote: '', depth: 0, continued: false };
  return lines.map((line) => {
    const atStatement = state.quote === '' && state.depth === 0 && !state.continued;
    if (atStatement && IPYTHON_LINES.some((re) => re.test(line))) return commentOut(line);
    state = scanLine(line, state);
    return line;
  });
}

/** Cell magics whose body is still Python. */
const PYTHON_BODY_MAGICS = new Set(['time', 'timeit', 'capture']);

function maskCell(lines: string[]): string[] {
  // IPython drops leading blank lines before looking for a cell magic
  const first = lines.findIndex((l) => l.trim() !== '');
  const magic = first < 0 ? null : /^\s*%%(\S*)/.exec(lines[first]);
  if (!magic) return maskLineMagics(lines);
  if (!PYTHON_BODY_MAGICS.has(magic[1])) return lines.map(commentOut);
  return [...lines.slice(0, first + 1).map(commentOut), ...maskLineMagics(lines.slice(first + 1))];
}

/** LF, or a lone CR (a CRLF's CR stays at the end of its line): one character, so offsets agree with the cell's. */
const LINE_BREAK = /\n|\r(?!\n)/;

/** Code cells (1-based cell number and source) as one Python program, magics masked in place. */
export function notebookFromCells(cells: readonly { cell: number; source: string }[]): NotebookSource {
  const spans: CellSpan[] = [];
  const texts: string[] = [];
  let line = 0;
  for (const { cell, source } of cells) {
    const lines = maskCell(source.split(LINE_BREAK));
    spans.push({ cell, startLine: line, lineCount: lines.length });
    texts.push(lines.join('\n'));
    line += lines.length;
  }
  return { text: texts.join('\n'), cells: spans };
}

/** The code cells of a notebook as one Python program; non-Python notebooks give no cells. */
export function readNotebook(json: string): NotebookSource {
  const nb = parseNotebook(json);
  if (!isPython(nb.metadata)) return { text: '', cells: [] };
  return notebookFromCells(nb.cells.flatMap((c, i) => (c.cell_type === 'code' ? [{ cell: i + 1, source: sourceOf(c, i + 1) }] : [])));
}

function cellAt(nb: NotebookSource, line: number): CellSpan {
  const span = nb.cells.find((c) => line >= c.startLine && line < c.startLine + c.lineCount);
  if (!span) throw new NotebookError(`line ${line + 1} of the notebook text is in no code cell`);
  return span;
}

/** Text coordinates to cell-relative ones; a range must stay within one cell. */
export function toCellRange(nb: NotebookSource, range: Range): { cell: number; range: Range } {
  const span = cellAt(nb, range.start.line);
  const end = cellAt(nb, range.end.line);
  if (end !== span) throw new NotebookError(`a range runs from cell ${span.cell} into cell ${end.cell}; it must stay within one cell`);
  const shift = (p: Range['start']) => ({ line: p.line - span.startLine, character: p.character });
  return { cell: span.cell, range: { start: shift(range.start), end: shift(range.end) } };
}

/** Applies edits with positions within `text`; later edits at the same point land after earlier ones. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (const l of text.split(LINE_BREAK)) starts.push(starts[starts.length - 1] + l.length + 1);
  const offset = (p: Range['start']) => starts[p.line] + p.character;
  const spans = edits
    .map((e, i) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  spans.forEach((s, k) => {
    if (k > 0 && s.end > spans[k - 1].start) throw new NotebookError('two edits overlap');
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
  });
  return out;
}

// A minimal scanner over text already known to be valid JSON, to find where each cell's
// "source" value is: only those bytes are rewritten, so numbers such as 1.0 or 1e-05 in
// outputs and metadata, which JSON.stringify would respell, stay exactly as written.

function skipSpace(t: string, i: number): number {
  while (i < t.length && ' \t\r\n'.includes(t[i])) i++;
  return i;
}

function skipString(t: string, i: number): number {
  for (let j = i + 1; ; j++) {
    if (t[j] === '\\') j++;
    else if (t[j] === '"') return j + 1;
  }
}

function skipValue(t: string, i: number): number {
  if (t[i] === '"') return skipString(t, i);
  if (t[i] !== '{' && t[i] !== '[') {
    let j = i;
    while (j < t.length && !',]} \t\r\n'.includes(t[j])) j++;
    return j;
  }
  let depth = 0;
  for (let j = i; ; j++) {
    if (t[j] === '"') j = skipString(t, j) - 1;
    else if (t[j] === '{' || t[j] === '[') depth++;
    else if ((t[j] === '}' || t[j] === ']') && --depth === 0) return j + 1;
  }
}

interface Entry {
  /** The member's name; undefined for array items. */
  key?: string;
  start: number;
  end: number;
}

/** The members of the object, or the items of the array, that starts at `i`. */
function entries(t: string, i: number): Entry[] {
  const out: Entry[] = [];
  let j = skipSpace(t, i + 1);
  if (t[j] === '}' || t[j] === ']') return out;
  for (;;) {
    let key: string | undefined;
    if (t[i] === '{') {
      const end = skipString(t, j);
      key = JSON.parse(t.slice(j, end)) as string;
      j = skipSpace(t, skipSpace(t, end) + 1);
    }
    const end = skipValue(t, j);
    out.push({ key, start: j, end });
    j = skipSpace(t, end);
    if (t[j] !== ',') return out;
    j = skipSpace(t, j + 1);
  }
}

/** As JSON.parse, the last of duplicate keys wins. */
function member(t: string, i: number, key: string): Entry {
  return entries(t, i).filter((e) => e.key === key).pop()!;
}

/** Jupyter's form: a list of lines, each but the last ending in "\n", laid out as the file is. */
function formatSource(source: string, json: string, at: number): string {
  const lines = source.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  // the unit is the indent of the first member; Jupyter writes one space, a compact file none
  const unit = /^\{\r?\n([ \t]+)/.exec(json)?.[1] ?? '';
  const eol = json.includes('\r\n') ? '\r\n' : '\n';
  const lineStart = json.lastIndexOf('\n', at) + 1;
  const indent = /^[ \t]*/.exec(json.slice(lineStart, at))![0];
  return JSON.stringify(lines, null, unit).replace(/\n/g, eol + indent);
}

/** The notebook file after `edits` (in `nb.text` coordinates); only the edited cells' sources change. */
export function applyNotebookEdits(json: string, nb: NotebookSource, edits: TextEdit[]): string {
  const cells = parseNotebook(json).cells;
  const byCell = new Map<number, TextEdit[]>();
  for (const e of edits) {
    const { cell, range } = toCellRange(nb, e.range);
    byCell.set(cell, [...(byCell.get(cell) ?? []), { range, newText: e.newText }]);
  }
  const cellValues = entries(json, member(json, skipSpace(json, 0), 'cells').start);
  let out = json;
  // the last cell first, so the offsets of the earlier ones stay valid
  for (const [cell, cellEdits] of [...byCell].sort((a, b) => b[0] - a[0])) {
    const source = applyEdits(sourceOf(cells[cell - 1], cell), cellEdits);
    const value = member(json, cellValues[cell - 1].start, 'source');
    out = out.slice(0, value.start) + formatSource(source, json, value.start) + out.slice(value.end);
  }
  return out;
}
