'use client';

import { ActionForm, type FormAction } from '@/components/projects/ActionForm';
import type { PublishingSettings } from '@/lib/export/types';

interface Props {
  projectId: number;
  settings: PublishingSettings | null;
  action: FormAction;
}

/** The publishing organization and the public address of each fact-check, edited by a lead. */
export function PublishingForm({ projectId, settings, action }: Props) {
  return (
    <ActionForm action={action} resetOnSuccess={false} className="card stack" aria-label="Publishing settings">
      <input type="hidden" name="projectId" value={projectId} />
      <label className="field">
        Organization name
        <input type="text" name="organizationName" required maxLength={200} defaultValue={settings?.organizationName ?? ''} placeholder="Desk Fact Check" />
      </label>
      <label className="field">
        Organization address (URL)
        <input type="url" name="organizationUrl" required defaultValue={settings?.organizationUrl ?? ''} placeholder="https://desk.example/" />
      </label>
      <label className="field">
        Logo address (URL, optional)
        <input type="url" name="logoUrl" defaultValue={settings?.logoUrl ?? ''} placeholder="https://desk.example/logo.png" />
      </label>
      <label className="field">
        Public address of a fact-check
        <input type="text" name="factCheckUrlPattern" required defaultValue={settings?.factCheckUrlPattern ?? ''} placeholder="https://desk.example/fact-checks/{claimId}" aria-describedby="pattern-help" />
        <span id="pattern-help" className="muted">
          Where each published fact-check lives. Use {'{claimId}'} (required), and if you like {'{articleId}'} or {'{project}'}; they are filled in per claim.
        </span>
      </label>
      <label className="field">
        Per-claim addresses (optional)
        <textarea name="claimUrls" rows={3} defaultValue={Object.entries(settings?.claimUrls ?? {}).map(([id, url]) => `${id} ${url}`).join('\n')} placeholder="12 https://desk.example/2025/04/zelenskyy-territories" aria-describedby="claim-urls-help" />
        <span id="claim-urls-help" className="muted">
          For fact-checks that live elsewhere than the pattern says: one line per claim, its id (shown in the ClaimReview report), a space and its address.
        </span>
      </label>
      <div>
        <button type="submit" className="btn btn-primary">Save publishing settings</button>
      </div>
    </ActionForm>
  );
}
