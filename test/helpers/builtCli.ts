import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The CLI bundle `npm run build` writes: the tests that run it as a user does spawn this file. */
export const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export interface Run { code: number | null; out: string; err: string }

/** Runs the built CLI in `cwd`, as a separate process. */
export function initlens(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  if (r.error) throw r.error; // a timeout: the CLI hung
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Fails the enclosing `describe` at once, with what to do, when the bundle has not been built. */
export function requireBuiltCli(): void {
  before(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  });
}
