export const USAGE = `Usage:
  initlens check    [--format text|json|sarif] [--select CODES] [--ignore CODES] [--fix] [--jobs N] [--debug] PATH...
  initlens describe --framework torch|keras|tfjs|jax --init NAME --shape A,B[,...] [--param k=v]... [--json]
  initlens sample   --framework ... --init NAME --shape A,B[,...] [--param k=v]... [--n N] [--seed S] [--bins B] [--json]

  check         find initializer problems (INIT001-INIT011) in Python, notebook and TS/JS files and folders
  --format      text (default), json (an array of findings, 1-based lines and columns) or sarif (2.1.0)
  --select      codes or prefixes to check, comma-separated (default: all; INIT00 = INIT001-INIT009)
  --ignore      codes or prefixes to skip
  --fix         apply every safe fix in place, then report what is left (a file with syntax
                errors is left as it is; each fixed file is replaced in one step)
  --jobs        files checked at once, on worker threads (default: one per CPU, or 1 for a small
                run; 1 = no worker threads); the output is the same whatever N is
  --debug       on an internal error, print its stack trace (every command takes it)

  --framework   whose initializer: torch, keras, tfjs or jax (Flax)
  --init        any name the framework accepts: kaiming_normal_, nn.init.xavier_uniform,
                he_normal, HeNormal, heNormal, variance_scaling, or a layer default (Linear, Dense, dense)
  --shape       the weight's shape in that framework's layout (torch [out, in, *k]; others [*k, in, out])
  --param k=v   an argument of the initializer, as written in code (nonlinearity=relu, a=0.2, scale=2)
  --n           how many values to sample (default 100000, at most 100000000)
  --seed        the seed (default 0): the same seed gives the same values on every machine
  --bins        histogram bins (default 40)
  --json        machine-readable output

Exit status: 0 ok; 1 check found a problem at warning or error level or could not read a file,
or describe/sample: the framework itself would reject the call; 2 wrong usage.`;

/** A mistake in how the CLI was called: reported with the usage text, exit 2. */
export class UsageError extends Error {}

/** A well-formed call with a value the command cannot take (`--param gain=relu`): the message alone, exit 2. */
export class InputError extends Error {}
