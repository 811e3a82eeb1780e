import { notFound } from 'next/navigation';
import { requirePageUser, type SessionUser } from '@/lib/auth/session';
import { getProject, type ProjectSummary } from '@/lib/data/projects';
import { isAppError } from '@/lib/errors';

/** A positive integer id from a route segment, or null. */
export function routeId(value: string): number | null {
  if (!/^\d{1,15}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}

/** Runs a lib/data read, turning its 404 (unknown, or not a member) into the 404 page. */
export async function orNotFound<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isAppError(error) && error.status === 404) notFound();
    throw error;
  }
}

export interface ProjectPageContext {
  user: SessionUser;
  project: ProjectSummary;
  projectId: number;
}

/**
 * The common start of every project page: sign-in (coming back to `/projects/ID<suffix>`),
 * then the project as the user may see it, or the 404 page for non-members.
 */
export async function loadProjectPage(params: Promise<{ projectId: string }>, suffix = ''): Promise<ProjectPageContext> {
  const { projectId: raw } = await params;
  const user = await requirePageUser(`/projects/${raw}${suffix}`);
  const projectId = routeId(raw);
  if (projectId === null) notFound();
  const project = await orNotFound(async () => await getProject({ actor: { userId: user.id }, projectId }));
  return { user, project, projectId };
}
