/**
 * A tiny argument parser for the command line: positionals, `--flag`, `--flag value` and
 * `--flag=value`. Each command declares its flags; anything else is a usage error, so a typo
 * never silently changes what a command does.
 */

/** A mistake in how the command was called: printed with a hint and exit code 2. */
export class UsageError extends Error {
  /** The synopsis of the command that was misused, printed after the message. */
  usage?: string[];
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** For each accepted flag (without the dashes): whether it is a switch or takes a value. */
export type FlagSpec = Record<string, 'boolean' | 'string'>;

export interface ParsedArgs {
  positionals: string[];
  /** Switches are `true` when given; valued flags hold their value; absent flags are missing. */
  flags: Record<string, string | true>;
}

function takeValue(name: string, inline: string | undefined, argv: string[], index: number): [string, number] {
  if (inline !== undefined) return [inline, index];
  const next = argv[index + 1];
  if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value.`);
  return [next, index + 1];
}

/**
 * Parses `argv` against `spec`. `--` ends the flags (everything after it is positional),
 * and a lone `-` is a positional. Repeating a flag is refused rather than guessed at.
 */
export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const kind = spec[name];
    if (!kind) throw new UsageError(`Unknown option --${name}.`);
    if (name in flags) throw new UsageError(`--${name} is given more than once.`);
    if (kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value.`);
      flags[name] = true;
    } else {
      const [value, next] = takeValue(name, inline, argv, i);
      flags[name] = value;
      i = next;
    }
  }
  return { positionals, flags };
}

/** Checks the number of positionals, naming the missing or extra ones in the error. */
export function expectPositionals(positionals: string[], names: string[], opts: { rest?: boolean } = {}): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(`Missing ${names.slice(positionals.length).map((n) => `<${n}>`).join(' ')}.`);
  }
  if (!opts.rest && positionals.length > names.length) {
    throw new UsageError(`Unexpected argument "${positionals[names.length]}".`);
  }
  return positionals;
}

/** The value of a valued flag, or undefined when absent. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** The value of a flag the command cannot do without. */
export function requiredFlag(args: ParsedArgs, name: string): string {
  const value = stringFlag(args, name);
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required.`);
  return value;
}
