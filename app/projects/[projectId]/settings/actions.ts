'use server';

import { updatePublishingSettings } from '@/lib/data/publishing';
import { AppError } from '@/lib/errors';
import { field, idField, type FormState } from '@/lib/forms/formState';
import { runAction } from '@/lib/forms/runAction';

/** The per-claim addresses box: one "claimId address" per line; blank lines are skipped. */
function claimUrlsFrom(text: string): Record<string, string> {
  const urls: Record<string, string> = {};
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const match = /^#?(\d+)\s+(\S+)$/.exec(line);
    if (!match) throw new AppError('unprocessable', `Per-claim addresses, line ${index + 1}: write the claim's id, a space and its address, e.g. "12 https://desk.example/checks/12".`);
    urls[match[1]] = match[2];
  });
  return urls;
}

/** A lead saves how the project publishes fact-checks (ClaimReview). */
export async function savePublishingAction(_previous: FormState, form: FormData): Promise<FormState> {
  const projectId = idField(form, 'projectId');
  return runAction(async (actor) => {
    await updatePublishingSettings({
      actor,
      projectId,
      input: {
        organizationName: field(form, 'organizationName'),
        organizationUrl: field(form, 'organizationUrl'),
        logoUrl: field(form, 'logoUrl'),
        factCheckUrlPattern: field(form, 'factCheckUrlPattern'),
        claimUrls: claimUrlsFrom(field(form, 'claimUrls')),
      },
    });
    return { message: 'Publishing settings saved. ClaimReview exports now use them.' };
  }, [`/projects/${projectId}/settings`, `/projects/${projectId}/export`]);
}
