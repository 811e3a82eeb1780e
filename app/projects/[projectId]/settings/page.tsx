import Link from 'next/link';
import { can } from '@/lib/auth/can';
import { getPublishingSettings } from '@/lib/data/publishing';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { loadProjectPage } from '../loadProject';
import { PublishingForm } from './PublishingForm';
import { savePublishingAction } from './actions';

export const metadata = { title: 'Publishing settings' };

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { user, project, projectId } = await loadProjectPage(params, '/settings');
  const settings = await getPublishingSettings({ actor: { userId: user.id }, projectId });
  const canEdit = can(project.role, 'project.export');
  return (
    <div className="container">
      <ProjectNav projectId={projectId} projectName={project.name} active="members" role={project.role} />
      <div className="page-header">
        <div>
          <h1>Publishing settings</h1>
          <p>
            Who publishes this project&apos;s fact-checks and where they live. The <Link href={`/projects/${projectId}/export`} style={{ textDecoration: 'underline' }}>ClaimReview export</Link> puts
            them in the markup search engines read; it cannot run without them.
          </p>
        </div>
      </div>
      {canEdit ? (
        <PublishingForm projectId={projectId} settings={settings} action={savePublishingAction} />
      ) : (
        <div className="card">
          {settings ? (
            <dl>
              <dt>Organization</dt><dd>{settings.organizationName} ({settings.organizationUrl})</dd>
              <dt>Fact-check address</dt><dd>{settings.factCheckUrlPattern}</dd>
            </dl>
          ) : (
            <p className="empty">Not set yet. A project lead sets them.</p>
          )}
        </div>
      )}
    </div>
  );
}
