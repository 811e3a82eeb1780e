'use server';

import { redirect } from 'next/navigation';
import { createProject, setMember } from '@/lib/data/projects';
import { field, idField, type FormState } from '@/lib/forms/formState';
import { runAction } from '@/lib/forms/runAction';

/** Site admins create a project and land on it as its lead. */
export async function createProjectAction(_previous: FormState, form: FormData): Promise<FormState> {
  let createdId: number | null = null;
  const state = await runAction(async (actor) => {
    const slug = field(form, 'slug');
    const description = field(form, 'description');
    const project = await createProject({
      actor,
      input: { name: field(form, 'name'), ...(slug ? { slug } : {}), ...(description ? { description } : {}) },
    });
    createdId = project.id;
  }, ['/projects']);
  if (createdId !== null) redirect(`/projects/${createdId}`);
  return state;
}

/** A site admin joins a project they are not in (as lead) to manage it; recorded as an event. */
export async function joinProjectAction(_previous: FormState, form: FormData): Promise<FormState> {
  const projectId = idField(form, 'projectId');
  const state = await runAction(async (actor) => {
    if (!('userId' in actor)) return { error: 'Only a signed-in administrator can join a project.' };
    await setMember({ actor, projectId, input: { userId: actor.userId, role: 'lead' } });
  }, ['/projects']);
  if (!state.error) redirect(`/projects/${projectId}/members`);
  return state;
}
