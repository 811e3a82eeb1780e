'use server';

import { redirect } from 'next/navigation';
import { createProject } from '@/lib/data/projects';
import { field, type FormState } from '@/components/projects/formState';
import { runAction } from './actionSupport';

/** Site admins create a project and land on it as its lead. */
export async function createProjectAction(_previous: FormState, form: FormData): Promise<FormState> {
  let createdId: number | null = null;
  const state = await runAction((actor) => {
    const slug = field(form, 'slug');
    const description = field(form, 'description');
    const project = createProject({
      actor,
      input: { name: field(form, 'name'), ...(slug ? { slug } : {}), ...(description ? { description } : {}) },
    });
    createdId = project.id;
  }, ['/projects']);
  if (createdId !== null) redirect(`/projects/${createdId}`);
  return state;
}
