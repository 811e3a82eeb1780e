/** `user add | disable | passwd`: account management for the operator, through lib/data/users. */
import { SYSTEM } from '../../lib/data/actor';
import { createUser, disableUser, resetPassword } from '../../lib/data/users';
import { expectPositionals, parseArgs, stringFlag } from '../args';
import type { Command, CommandContext } from '../registry';
import { findUser, passwordFromStdin, runSubcommand, yesNo } from '../support';

async function add(argv: string[], ctx: CommandContext): Promise<void> {
  const args = parseArgs(argv, { name: 'string', admin: 'boolean', 'password-stdin': 'boolean' });
  const [email] = expectPositionals(args.positionals, ['email']);
  const password = args.flags['password-stdin'] ? await passwordFromStdin(ctx) : undefined;
  const { user, password: generated } = await createUser({
    actor: SYSTEM,
    input: { email, name: stringFlag(args, 'name'), password, isAdmin: args.flags.admin === true },
  });
  ctx.out(`Created user ${user.email} (id ${user.id}, name "${user.name}", site admin: ${yesNo(user.isAdmin)}).`);
  if (generated) {
    ctx.out('Generated password (shown only this once):');
    ctx.out(generated);
  }
}

async function disable(argv: string[], ctx: CommandContext): Promise<void> {
  const args = parseArgs(argv, {});
  const [email] = expectPositionals(args.positionals, ['email']);
  const target = await findUser(email);
  const user = await disableUser({ actor: SYSTEM, input: { userId: target.id } });
  const already = target.disabledAt ? ' (it was already disabled)' : '';
  ctx.out(`Disabled user ${user.email} (id ${user.id})${already}; their sessions and API tokens no longer work.`);
}

async function passwd(argv: string[], ctx: CommandContext): Promise<void> {
  const args = parseArgs(argv, { 'password-stdin': 'boolean' });
  const [email] = expectPositionals(args.positionals, ['email']);
  const target = await findUser(email);
  const password = args.flags['password-stdin'] ? await passwordFromStdin(ctx) : undefined;
  const { user, password: generated } = await resetPassword({ actor: SYSTEM, input: { userId: target.id, password } });
  ctx.out(`Set a new password for ${user.email} (id ${user.id}); their other sessions are signed out.`);
  if (generated) {
    ctx.out('Generated password (shown only this once):');
    ctx.out(generated);
  }
}

const command: Command = {
  name: 'user',
  summary: 'add a user, disable one, set a password',
  usage: [
    'user add <email> [--name NAME] [--admin] [--password-stdin]',
    'user disable <email>',
    'user passwd <email> [--password-stdin]',
  ],
  details: [
    'Without --password-stdin a random password is generated and printed alone on the last line.',
    `With --password-stdin the password is read from standard input (at least 10 characters),`,
    "e.g. printf '%s' \"$PASSWORD\" | npm run cli -- user passwd alice@example.org --password-stdin",
    'A disabled user is signed out at once and their API tokens stop working.',
  ],
  run: (argv, ctx) => runSubcommand('user', { add, disable, passwd }, argv, ctx),
};

export default command;
