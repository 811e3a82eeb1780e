/**
 * Helpers the commands share: naming projects and users the way an operator does (slug or id,
 * email) through lib/data, reading a password from standard input, and a plain failure type.
 */
import { SYSTEM } from '../lib/data/actor';
import { getProject, resolveProjectId, type ProjectSummary } from '../lib/data/projects';
import { listUsers, type PublicUser } from '../lib/data/users';
import { isAppError } from '../lib/errors';
import { UsageError } from './args';
import type { CommandContext } from './registry';

/** A failure that is not the caller's syntax: printed as "error: ..." with exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The project named by id or slug, or a CliError that repeats the name given. */
export async function findProject(ref: string): Promise<ProjectSummary> {
  try {
    return await getProject({ actor: SYSTEM, projectId: await resolveProjectId(ref.trim()) });
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') throw new CliError(`No project with id or slug "${ref}".`);
    throw error;
  }
}

/** How a project is named in output: slug and id. */
export function projectLabel(project: Pick<ProjectSummary, 'slug' | 'id'>): string {
  return `${project.slug} (id ${project.id})`;
}

/** The account with this email (case-insensitive), or a CliError naming it. */
export async function findUser(email: string): Promise<PublicUser> {
  const wanted = email.trim().toLowerCase();
  const user = (await listUsers({ actor: SYSTEM })).find((u) => u.email === wanted);
  if (!user) throw new CliError(`No user with the email ${wanted}.`);
  return user;
}

/**
 * The password piped on standard input, without its final line break. Refuses a terminal
 * (the password would be echoed) and empty input.
 */
export async function passwordFromStdin(ctx: CommandContext): Promise<string> {
  if (process.stdin.isTTY) {
    throw new CliError("--password-stdin reads a piped password, e.g. printf '%s' \"$PW\" | npm run cli -- ...");
  }
  const password = (await ctx.readStdin()).replace(/\r?\n$/, '');
  if (password === '') throw new CliError('No password on standard input.');
  return password;
}

/** "yes"/"no" for flags in output. */
export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

export type SubcommandHandler = (argv: string[], ctx: CommandContext) => Promise<void>;

/** Runs `<command> <sub> ...` by the name of `sub`, or explains which subcommands exist. */
export async function runSubcommand(
  command: string,
  handlers: Record<string, SubcommandHandler>,
  argv: string[],
  ctx: CommandContext,
): Promise<void> {
  const [sub, ...rest] = argv;
  const names = Object.keys(handlers);
  const handler = sub !== undefined && Object.hasOwn(handlers, sub) ? handlers[sub] : undefined;
  if (!handler) {
    const choices = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
    throw new UsageError(sub ? `Unknown subcommand "${command} ${sub}".` : `Missing subcommand: ${choices}.`);
  }
  await handler(rest, ctx);
}
