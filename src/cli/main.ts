import { parseArgs } from 'node:util';
import { InitError } from '../core';
import { check } from './check';
import { describeJson, describeText, resolveRequest } from './describe';
import { intOption } from './intOption';
import { debugRequested, internalError } from './internalError';
import { runSample, sampleJson, sampleText } from './sampleCommand';
import { InputError, USAGE, UsageError } from './usage';

const MAX_SAMPLES = 100_000_000;

/**
 * Wrong usage (exit 2) and framework errors (exit 1) as messages; anything else is a bug: one
 * line saying so (exit 1, as a crash would give), its stack only with `--debug`. Never throws.
 */
function failure(e: unknown, err: (s: string) => void, debug: boolean): number {
  if (e instanceof InitError) {
    err(`${e.errorType}: ${e.message}`);
    return 1;
  }
  if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
    err(`initlens: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (e instanceof InputError) {
    err(`initlens: ${e.message}`);
    return 2;
  }
  err(`initlens: ${internalError(e, debug)}`);
  return 1;
}

/** Runs any command; `check` reads files, so it is asynchronous. */
export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (argv[0] !== 'check') return main(argv, out, err);
  try {
    return await check(argv.slice(1), out, err);
  } catch (e) {
    return failure(e, err, debugRequested(argv));
  }
}

/** Runs `describe`, `sample` or help with `argv` (without node and script); returns the exit status. */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'check') throw new UsageError("'check' runs through run(), not main()");
    if (command !== 'describe' && command !== 'sample') throw new UsageError(`unknown command '${command}'`);
    const { values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        framework: { type: 'string' },
        init: { type: 'string' },
        shape: { type: 'string' },
        param: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        n: { type: 'string' },
        seed: { type: 'string' },
        bins: { type: 'string' },
        debug: { type: 'boolean' },
      },
    });
    if (command === 'describe') {
      for (const opt of ['n', 'seed', 'bins'] as const) if (values[opt] !== undefined) throw new UsageError(`--${opt} belongs to 'sample'`);
    }
    const request = resolveRequest(values);
    if (command === 'describe') {
      out(values.json ? JSON.stringify(describeJson(request), null, 2) : describeText(request));
      return 0;
    }
    const n = intOption(values.n, 'n', 100_000, 1, MAX_SAMPLES);
    const seed = intOption(values.seed, 'seed', 0, 0, 2 ** 32 - 1);
    const bins = intOption(values.bins, 'bins', 40, 1, 10_000);
    const result = runSample(request, n, seed);
    out(values.json ? JSON.stringify(sampleJson(request, result, seed, bins)) : sampleText(request, result, seed, bins));
    return 0;
  } catch (e) {
    return failure(e, err, debugRequested(argv));
  }
}
