/**
 * A bug in InitLens rather than a problem with the user's input: one line that says so, or with
 * `--debug` the stack trace too, which is what a bug report needs.
 */
export function internalError(e: unknown, debug: boolean): string {
  const error = e instanceof Error ? e : new Error(String(e));
  if (debug) return `internal error: ${error.stack ?? `${error.name}: ${error.message}`}`;
  return `internal error: ${error.name}: ${error.message} (a bug in InitLens; --debug shows the stack trace)`;
}

/** `--debug` anywhere before a `--`: known even when the arguments themselves are wrong. */
export function debugRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--debug');
}
