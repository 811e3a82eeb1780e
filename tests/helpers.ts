/** Builders for unit and integration tests: real users, projects and memberships in SQLite. */
import { createUser } from '@/lib/data/users';
import { createProject, setMember } from '@/lib/data/projects';
import { SYSTEM, type Actor } from '@/lib/data/actor';
import type { Role } from '@/lib/db/tables';
import { AppError, isAppError } from '@/lib/errors';

let counter = 0;

/** A user with a known password; returns the actor to call lib/data as them. */
export async function makeUser(opts: { admin?: boolean; name?: string } = {}) {
  counter++;
  const email = `user${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const { user } = await createUser({
    actor: SYSTEM,
    input: { email, name: opts.name ?? `User ${counter}`, password: 'correct horse battery', isAdmin: opts.admin ?? false },
  });
  return { user, actor: { userId: user.id } as Actor };
}

/** A project with the given members (userId -> role). */
export async function makeProject(members: Array<[number, Role]>, name = `Project ${++counter}`) {
  const project = await createProject({ actor: SYSTEM, input: { name, slug: `p-${counter}-${Math.random().toString(36).slice(2, 8)}` } });
  for (const [userId, role] of members) await setMember({ actor: SYSTEM, projectId: project.id, input: { userId, role } });
  return project;
}

/** The AppError `call` throws (sync or async), for asserting code, status and message. */
export async function appError(call: () => unknown | Promise<unknown>): Promise<AppError> {
  try {
    await call();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError, but the call succeeded');
}
