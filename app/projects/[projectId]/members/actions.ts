'use server';

import { memberIdByEmail, removeMember, setMember } from '@/lib/data/projects';
import { field, idField, type FormState } from '@/lib/forms/formState';
import { runAction } from '@/lib/forms/runAction';

const paths = (projectId: number) => [`/projects/${projectId}/members`];

/** A lead (or site admin) adds someone by email with a role. */
export async function addMemberAction(_previous: FormState, form: FormData): Promise<FormState> {
  const projectId = idField(form, 'projectId');
  return runAction(async (actor) => {
    const email = field(form, 'email');
    const userId = await memberIdByEmail({ actor, projectId, email });
    await setMember({ actor, projectId, input: { userId, role: field(form, 'role') } });
    return { message: `${email.toLowerCase()} is now a ${field(form, 'role')} of this project.` };
  }, paths(projectId));
}

/** A lead changes a member's role. */
export async function changeRoleAction(_previous: FormState, form: FormData): Promise<FormState> {
  const projectId = idField(form, 'projectId');
  return runAction(async (actor) => {
    await setMember({ actor, projectId, input: { userId: idField(form, 'userId'), role: field(form, 'role') } });
  }, paths(projectId));
}

/** A lead removes a member, who is locked out of the project on their next request. */
export async function removeMemberAction(_previous: FormState, form: FormData): Promise<FormState> {
  const projectId = idField(form, 'projectId');
  return runAction(async (actor) => {
    await removeMember({ actor, projectId, userId: idField(form, 'userId') });
  }, paths(projectId));
}
