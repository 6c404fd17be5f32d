import type { Output } from './output';

/**
 * The names of the extension's entry points, as the output channel and `initlens.debug.throwIn`
 * know them: the providers, the listeners, and each command by its id.
 */
export const ENTRY_POINTS = [
  'diagnostics', 'codeActions', 'hover', 'inlayHints', 'codeLens', 'statusBar', 'followCursor',
  'initlens.previewDistribution', 'initlens.previewSignal', 'initlens.fixAll', 'initlens.showOutput',
] as const;
/** `settings` (the configuration listener) is guarded too, but never thrown in: it is what turns the hook off. */
export type EntryPoint = (typeof ENTRY_POINTS)[number] | 'settings';

/** Wraps an entry point so that what it throws (or rejects with) is logged and answered with nothing. */
export type Guard = <A extends unknown[], R>(name: EntryPoint, fn: (...args: A) => R) => (...args: A) => R | undefined;

/**
 * The one wrapper around every entry point VS Code calls: an exception in one provider is logged
 * to the output channel under the provider's name and answered with `undefined` (VS Code's "no
 * result"), so it never breaks the others or opens a dialog. `throwIn()` names an entry point that
 * throws on every call: the hook behind `initlens.debug.throwIn`, for the extension's own tests.
 */
export function makeGuard(output: Output, throwIn: () => string): Guard {
  return <A extends unknown[], R>(name: EntryPoint, fn: (...args: A) => R) => (...args: A): R | undefined => {
    const failed = (e: unknown): undefined => {
      output.error(`${name} failed`, e);
      return undefined;
    };
    try {
      if (name !== 'settings' && throwIn() === name) throw new Error(`thrown on purpose in ${name} (initlens.debug.throwIn)`);
      const result = fn(...args);
      // an async entry point (a command) rejects rather than throws
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        return Promise.resolve(result).catch(failed) as R;
      }
      return result;
    } catch (e) {
      return failed(e);
    }
  };
}
