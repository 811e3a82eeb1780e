/** `member add | remove`: project membership for the operator, through lib/data/projects. */
import { SYSTEM } from '../../lib/data/actor';
import { listMembers, removeMember, setMember } from '../../lib/data/projects';
import { ROLES, type Role } from '../../lib/db/tables';
import { expectPositionals, parseArgs, requiredFlag, UsageError } from '../args';
import type { Command, CommandContext } from '../registry';
import { CliError, findProject, findUser, projectLabel, runSubcommand } from '../support';

function parseRole(value: string): Role {
  const role = ROLES.find((r) => r === value.trim().toLowerCase());
  if (!role) throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${value}").`);
  return role;
}

async function add(argv: string[], ctx: CommandContext): Promise<void> {
  const args = parseArgs(argv, { role: 'string' });
  const [projectRef, email] = expectPositionals(args.positionals, ['project', 'email']);
  const role = parseRole(requiredFlag(args, 'role'));
  const project = await findProject(projectRef);
  const user = await findUser(email);
  const before = (await listMembers({ actor: SYSTEM, projectId: project.id })).find((m) => m.userId === user.id);
  await setMember({ actor: SYSTEM, projectId: project.id, input: { userId: user.id, role } });
  const where = `project ${projectLabel(project)}`;
  if (!before) ctx.out(`Added ${user.email} to ${where} as ${role}.`);
  else if (before.role === role) ctx.out(`${user.email} already is ${role} in ${where}; nothing changed.`);
  else ctx.out(`Changed the role of ${user.email} in ${where} from ${before.role} to ${role}.`);
  if (user.disabledAt) ctx.note(`warning: ${user.email} is disabled and cannot sign in.`);
}

async function remove(argv: string[], ctx: CommandContext): Promise<void> {
  const args = parseArgs(argv, {});
  const [projectRef, email] = expectPositionals(args.positionals, ['project', 'email']);
  const project = await findProject(projectRef);
  const user = await findUser(email);
  const member = (await listMembers({ actor: SYSTEM, projectId: project.id })).find((m) => m.userId === user.id);
  if (!member) throw new CliError(`${user.email} is not a member of project ${projectLabel(project)}.`);
  await removeMember({ actor: SYSTEM, projectId: project.id, userId: user.id });
  ctx.out(`Removed ${user.email} (${member.role}) from project ${projectLabel(project)}.`);
}

const command: Command = {
  name: 'member',
  summary: "add a user to a project, change their role, or remove them",
  usage: ['member add <project> <email> --role lead|reviewer|viewer', 'member remove <project> <email>'],
  details: [
    '<project> is the project\'s id or its short name (slug), e.g. zelenskyy-territories.',
    'member add on an existing member changes their role. A project always keeps at least one lead.',
  ],
  run: (argv, ctx) => runSubcommand('member', { add, remove }, argv, ctx),
};

export default command;
