import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

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

function describeError(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    default: return (e as Error).message;
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
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
      const stat = statOf(path); // follows links; a dangling one gives undefined and is passed over
      if (stat?.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(path, extensions, out, real);
      } else if (stat?.isFile() && hasExtension(path, extensions)) {
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
    if (!stat) out.problems.push({ path, message: 'no such file or directory' });
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
  } catch {
    return { path, message: 'not valid UTF-8, skipped' };
  }
}
