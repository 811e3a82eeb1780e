'use server';

import { removeMember, setMember } from '@/lib/data/projects';
import { userIdByEmail } from '@/lib/data/users';
import { AppError, isAppError } from '@/lib/errors';
import { field, idField, type FormState } from '@/lib/forms/formState';
import { runAction } from '@/lib/forms/runAction';

const paths = (projectId: number) => [`/projects/${projectId}/members`];

/** Looks the email up; an unknown one gets a message that says what to do about it. */
function memberIdFor(email: string): number {
  if (!email) throw new AppError('bad_request', 'Enter the email address of the person to add.');
  try {
    return userIdByEmail(email);
  } catch (error) {
    if (isAppError(error) && error.status === 404) {
      throw new AppError('not_found', `No account uses ${email.toLowerCase()}. A site administrator can create one first.`);
    }
    throw error;
  }
}

/** A lead (or site admin) adds someone by email with a role. */
export async function addMemberAction(_previous: FormState, form: FormData): Promise<FormState> {
  const projectId = idField(form, 'projectId');
  return runAction((actor) => {
    const email = field(form, 'email');
    const userId = memberIdFor(email);
    setMember({ actor, projectId, input: { userId, role: field(form, 'role') } });
    return { message: `${email.toLowerCase()} is now a ${field(form, 'role')} of this project.` };
  }, paths(projectId));
}

/** A lead changes a member's role. */
export async function changeRoleAction(_previous: FormState, form: FormData): Promise<FormState> {
  const projectId = idField(form, 'projectId');
  return runAction((actor) => {
    setMember({ actor, projectId, input: { userId: idField(form, 'userId'), role: field(form, 'role') } });
  }, paths(projectId));
}

/** A lead removes a member, who is locked out of the project on their next request. */
export async function removeMemberAction(_previous: FormState, form: FormData): Promise<FormState> {
  const projectId = idField(form, 'projectId');
  return runAction((actor) => {
    removeMember({ actor, projectId, userId: idField(form, 'userId') });
  }, paths(projectId));
}
