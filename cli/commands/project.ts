/** `project create`: a new project for the operator, through lib/data/projects (the UI's rules). */
import { SYSTEM } from '../../lib/data/actor';
import { createProject } from '../../lib/data/projects';
import { expectPositionals, parseArgs, requiredFlag, stringFlag } from '../args';
import type { Command, CommandContext } from '../registry';
import { projectLabel, runSubcommand } from '../support';

async function create(argv: string[], ctx: CommandContext): Promise<void> {
  const args = parseArgs(argv, { name: 'string', lead: 'string' });
  const [slug] = expectPositionals(args.positionals, ['slug']);
  const name = requiredFlag(args, 'name');
  const leadEmail = stringFlag(args, 'lead');
  const project = await createProject({ actor: SYSTEM, input: { slug, name, ...(leadEmail === undefined ? {} : { leadEmail }) } });
  ctx.out(`Created project ${projectLabel(project)}: ${project.name}.`);
  if (leadEmail === undefined) {
    ctx.note(`note: the project has no members yet; add a lead with: npm run cli -- member add ${project.slug} <email> --role lead`);
  } else {
    ctx.out(`${leadEmail.trim().toLowerCase()} leads it.`);
  }
}

const command: Command = {
  name: 'project',
  summary: 'create a project',
  usage: ['project create <slug> --name NAME [--lead EMAIL]'],
  details: [
    '<slug> is the short name the CLI and URLs use: lowercase letters, digits and dashes, with at least one letter.',
    '--lead names an existing, enabled user who becomes the project\'s lead; without it the project starts with no members.',
  ],
  run: (argv, ctx) => runSubcommand('project', { create }, argv, ctx),
};

export default command;
