/** `project create` through the real command line: the same rules and messages as the UI and API. */
import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { memberships, projects } from '@/lib/db/tables';
import { SYSTEM } from '@/lib/data/actor';
import { disableUser } from '@/lib/data/users';
import { makeUser } from '../helpers';
import { cli } from './run';
import { all, first } from '@/lib/db/query';

let lead: Awaited<ReturnType<typeof makeUser>>['user'];
let retired: Awaited<ReturnType<typeof makeUser>>['user'];

beforeAll(async () => {
  lead = (await makeUser()).user;
  retired = (await makeUser()).user;
  await disableUser({ actor: SYSTEM, input: { userId: retired.id } });
});

const projectBySlug = async (slug: string) => await first(getDb().select().from(projects).where(eq(projects.slug, slug)));
const projectCount = async () => (await first(getDb().select({ n: count() }).from(projects)))!.n;

describe('cli project create', () => {
  it('creates a project led by --lead and prints its slug and id', async () => {
    const made = cli(['project', 'create', 'grain-deal', '--name', 'Grain deal, July', '--lead', lead.email.toUpperCase()]);
    expect(made.code).toBe(0);
    const project = (await projectBySlug('grain-deal'))!;
    expect(made.lines).toEqual([`Created project grain-deal (id ${project.id}): Grain deal, July.`, `${lead.email} leads it.`]);
    expect(made.stderr).toBe('');
    const members = await all(getDb().select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.projectId, project.id)));
    expect(members).toEqual([{ userId: lead.id, role: 'lead' }]);
  });

  it('creates a project without members when no --lead is given, and says how to add one', async () => {
    const made = cli(['project', 'create', 'port-strikes', '--name=Port strikes']);
    expect(made.code).toBe(0);
    expect(made.stderr).toBe('note: the project has no members yet; add a lead with: npm run cli -- member add port-strikes <email> --role lead\n');
    expect(await projectBySlug('port-strikes')).toMatchObject({ name: 'Port strikes', createdBy: null });
  });

  it.each([
    ['a taken slug', () => ['grain-deal', '--name', 'Again'], 'error: A project with the short name "grain-deal" already exists.\n'],
    ['a bad slug', () => ['Grain Deal', '--name', 'X'], /^error: Invalid input: slug: use 1-64 lowercase letters \(a-z\), digits and dashes/],
    ['an all-digit slug', () => ['2025', '--name', 'X'], /with at least one letter/],
    ['an unknown lead', () => ['nobody-leads', '--name', 'X', '--lead', 'nobody@example.test'], 'error: No user has the email nobody@example.test, so they cannot lead the project. Create the account first.\n'],
    ['a disabled lead', () => ['retired-leads', '--name', 'X', '--lead', retired.email], /^error: The account .* is disabled, so it cannot lead the project/],
  ])('fails with exit 1, a clear message and no project for %s', async (_what, args, message) => {
    const before = await projectCount();
    const result = cli(['project', 'create', ...args()]);
    expect(result.code).toBe(1);
    if (typeof message === 'string') expect(result.stderr).toBe(message);
    else expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(await projectCount()).toBe(before);
  });

  it.each([
    [['project', 'create', 'no-name'], 'error: --name is required.'],
    [['project', 'create', '--name', 'X'], 'error: Missing <slug>.'],
    [['project', 'create', 'a-b', 'c-d', '--name', 'X'], 'error: Unexpected argument "c-d".'],
    [['project', 'create', 'a-b', '--name', 'X', '--admin'], 'error: Unknown option --admin.'],
    [['project', 'rename'], 'error: Unknown subcommand "project rename".'],
  ])('refuses wrong usage %j with exit 2 and the synopsis', (args, first) => {
    const result = cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([first, 'usage: npm run cli -- project create <slug> --name NAME [--lead EMAIL]', '']);
  });

  it('is listed in help', () => {
    expect(cli(['help']).stdout).toMatch(/\n {2}project +create a project\n/);
  });
});
