/** `token create`: a personal API token for a user, through lib/data/tokens. */
import { SYSTEM } from '../../lib/data/actor';
import { createToken } from '../../lib/data/tokens';
import { expectPositionals, parseArgs, stringFlag } from '../args';
import type { Command, CommandContext } from '../registry';
import { findUser, runSubcommand } from '../support';

async function create(argv: string[], ctx: CommandContext): Promise<void> {
  const args = parseArgs(argv, { name: 'string' });
  const [email] = expectPositionals(args.positionals, ['email']);
  const user = await findUser(email);
  const name = stringFlag(args, 'name') ?? `command line ${new Date().toISOString().slice(0, 10)}`;
  const token = await createToken({ actor: SYSTEM, input: { name, userId: user.id } });
  if (user.disabledAt) ctx.note(`warning: ${user.email} is disabled; the token will not work until the account is enabled.`);
  ctx.out(`Created API token "${token.name}" (id ${token.id}) for ${user.email}. It is shown only this once:`);
  ctx.out(token.token);
}

const command: Command = {
  name: 'token',
  summary: 'create a personal API token for a user',
  usage: ['token create <email> [--name NAME]'],
  details: [
    'The token is printed alone on the last line, so a script can take it with `tail -n 1`.',
    'Use it as "Authorization: Bearer <token>"; it acts with that user\'s permissions.',
    'Only its hash is stored; the user can see and revoke it on their settings page.',
  ],
  run: (argv, ctx) => runSubcommand('token', { create }, argv, ctx),
};

export default command;
