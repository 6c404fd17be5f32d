import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { describeError } from './describeError';

export interface SourceFile {
  path: string;
  text: string;
}

export interface FileProblem {
  path: string;
  message: string;
}

/** Folders of dependencies, environments and build output: never the user's own models. */
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'venv', 'site-packages', 'dist', 'build']);

/** Follows links; a dangling one, or a link loop, gives the error instead. */
function statOf(path: string): Stats | NodeJS.ErrnoException {
  try {
    return statSync(path);
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

/** `extensions` are lowercase with their dot: ['.py', '.ipynb']. */
function hasExtension(path: string, extensions: readonly string[]): boolean {
  return extensions.includes(extname(path).toLowerCase());
}

interface Collected {
  /** Keyed by absolute path, so `a.py` and `./a.py` count once; the value is the path as first written. */
  files: Map<string, string>;
  problems: FileProblem[];
  /** Real paths of the folders walked, so a folder reached through a link as well is walked once. */
  walked: Set<string>;
}

function add(out: Collected, path: string): void {
  if (!out.files.has(resolve(path))) out.files.set(resolve(path), path);
}

/** A link to the folder itself or to a folder above it would walk the tree again. */
function isLoop(real: string, parentReal: string): boolean {
  return parentReal === real || parentReal.startsWith(real + sep);
}

function walk(dir: string, extensions: readonly string[], out: Collected, parentReal?: string): void {
  try {
    const real = realpathSync(dir);
    if (out.walked.has(real) || (parentReal !== undefined && isLoop(real, parentReal))) return;
    out.walked.add(real);
    const names = readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
    for (const name of names) {
      const path = join(dir, name);
      const stat = statOf(path); // a dangling link or a link loop inside a folder is passed over
      if (stat instanceof Error) continue;
      if (stat.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(path, extensions, out, real);
      } else if (stat.isFile() && hasExtension(path, extensions)) {
        add(out, path);
      }
    }
  } catch (e) {
    out.problems.push({ path: dir, message: describeError(e) });
  }
}

/** The files to check under `paths`, sorted; what cannot be checked is a problem, not an error. */
export function collectFiles(paths: string[], extensions: readonly string[]): { files: string[]; problems: FileProblem[] } {
  const out: Collected = { files: new Map(), problems: [], walked: new Set() };
  for (const path of paths) {
    const stat = statOf(path);
    if (stat instanceof Error) out.problems.push({ path, message: describeError(stat) });
    else if (stat.isDirectory()) walk(path, extensions, out);
    else if (!hasExtension(path, extensions)) out.problems.push({ path, message: 'unsupported file type' });
    else if (!stat.isFile()) out.problems.push({ path, message: 'not a regular file' });
    else add(out, path);
  }
  return { files: [...out.files.values()].sort(), problems: out.problems };
}

/** Fatal, so bad bytes are reported rather than replaced; it drops a leading BOM itself. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a source file, or why it is skipped. Never throws. */
export function readSource(path: string): SourceFile | FileProblem {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { path, message: describeError(e) };
  }
  // git's test for binary content
  if (bytes.subarray(0, 8000).includes(0)) return { path, message: 'binary file, skipped' };
  try {
    return { path, text: UTF8.decode(bytes) };
  } catch (e) {
    const invalid = (e as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA';
    return { path, message: invalid ? 'not valid UTF-8, skipped' : `${describeError(e)}, skipped` };
  }
}
