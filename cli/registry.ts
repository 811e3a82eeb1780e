/**
 * The table of command-line commands. To add one, write cli/commands/<name>.ts whose default
 * export is a `Command`, and add one line to COMMANDS below. Modules load lazily, so a
 * command only pays for what it imports.
 */

/** What a command gets besides its arguments. */
export interface CommandContext {
  /** Prints one line of normal output on stdout. */
  out(line?: string): void;
  /** Prints one line of diagnostics (warnings, progress) on stderr. */
  note(line: string): void;
  /** Reads standard input to its end (for --password-stdin). */
  readStdin(): Promise<string>;
}

export interface Command {
  /** The first word on the command line, e.g. "user". */
  name: string;
  /** One line for the overview printed by `help`. */
  summary: string;
  /** Synopsis lines, e.g. "user add <email> [--name NAME] [--admin] [--password-stdin]". */
  usage: string[];
  /** Further explanation printed by `<command> --help`. */
  details?: string[];
  /**
   * Runs with the arguments after the command name. Throw UsageError (exit 2) for a wrong
   * call, AppError or CliError (exit 1) for a failure; return 1 to fail without a message of
   * its own (e.g. `check` after printing its FAIL lines).
   */
  run(argv: string[], ctx: CommandContext): Promise<number | void>;
}

type Loader = () => Promise<{ default: Command }>;

/** One line per command, in the order `help` lists them. */
export const COMMANDS: Record<string, Loader> = {
  user: () => import('./commands/user'),
  project: () => import('./commands/project'),
  member: () => import('./commands/member'),
  token: () => import('./commands/token'),
  import: () => import('./commands/import'),
  backup: () => import('./commands/backup'),
  restore: () => import('./commands/restore'),
  check: () => import('./commands/check'),
  export: () => import('./commands/export'),
};

/** The command called `name`, or null when there is none. */
export async function loadCommand(name: string): Promise<Command | null> {
  const loader = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  return loader ? (await loader()).default : null;
}

/** Every command, for the overview. */
export async function loadAllCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMANDS).map(async (load) => (await load()).default));
}
