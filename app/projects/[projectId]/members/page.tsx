import Link from 'next/link';
import { listMembers } from '@/lib/data/projects';
import { can } from '@/lib/auth/can';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { AddMemberForm, MembersTable } from '@/components/projects/Members';
import { loadProjectPage } from '../loadProject';
import { addMemberAction, changeRoleAction, removeMemberAction } from './actions';

export const metadata = { title: 'Members' };

export default async function MembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { user, project, projectId } = await loadProjectPage(params, '/members');
  const members = await listMembers({ actor: { userId: user.id }, projectId });
  const canManage = user.isAdmin || can(project.role, 'member.manage');
  return (
    <div className="container">
      <ProjectNav projectId={projectId} projectName={project.name} active="members" role={project.role} />
      <div className="page-header">
        <div>
          <h1>Members</h1>
          <p>
            Leads manage members, articles and exports; reviewers annotate, link and review; viewers read.
          </p>
          <p><Link href={`/projects/${projectId}/settings`} style={{ textDecoration: 'underline' }}>Publishing settings</Link> (the organization and fact-check addresses of ClaimReview exports)</p>
        </div>
      </div>
      {canManage && <AddMemberForm action={addMemberAction} projectId={projectId} />}
      <MembersTable
        projectId={projectId}
        members={members}
        currentUserId={user.id}
        canManage={canManage}
        changeRole={changeRoleAction}
        remove={removeMemberAction}
      />
    </div>
  );
}
