import type { Framework } from './framework';

/**
 * An error the real framework raises for the same call, with the framework's own wording,
 * so a user reading InitLens sees the message they would get at run time.
 */
export class InitError extends Error {
  constructor(
    readonly framework: Framework,
    /** The framework's exception class (`ValueError`, `NotImplementedError`, …). */
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'InitError';
  }
}

/** Python's `repr` of a list of strings, as it appears inside PyTorch's messages. */
export function pyList(items: readonly string[]): string {
  return `[${items.map((s) => `'${s}'`).join(', ')}]`;
}
