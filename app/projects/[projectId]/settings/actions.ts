'use server';

import { updatePublishingSettings } from '@/lib/data/publishing';
import { field, idField, type FormState } from '@/components/projects/formState';
import { runAction } from '../../actionSupport';

/** A lead saves how the project publishes fact-checks (ClaimReview). */
export async function savePublishingAction(_previous: FormState, form: FormData): Promise<FormState> {
  const projectId = idField(form, 'projectId');
  return runAction((actor) => {
    updatePublishingSettings({
      actor,
      projectId,
      input: {
        organizationName: field(form, 'organizationName'),
        organizationUrl: field(form, 'organizationUrl'),
        logoUrl: field(form, 'logoUrl'),
        factCheckUrlPattern: field(form, 'factCheckUrlPattern'),
      },
    });
    return { message: 'Publishing settings saved. ClaimReview exports now use them.' };
  }, [`/projects/${projectId}/settings`, `/projects/${projectId}/export`]);
}
