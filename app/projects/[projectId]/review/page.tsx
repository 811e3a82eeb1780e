import { ProjectNav } from '@/components/projects/ProjectNav';
import { ReviewQueue } from '@/components/review/ReviewQueue';
import { disputedItems, reviewQueue } from '@/lib/data/reviews';
import { DisputedList } from '@/components/review/DisputedList';
import { can } from '@/lib/auth/can';
import { loadProjectPage } from '../loadProject';

export const metadata = { title: 'Review queue' };

export default async function ReviewQueuePage({ params }: { params: Promise<{ projectId: string }> }) {
  const { user, project, projectId } = await loadProjectPage(params, '/review');
  const canReview = can(project.role, 'review.create');
  const queue = canReview ? reviewQueue({ actor: { userId: user.id }, projectId }) : null;
  const disputed = can(project.role, 'review.settle') ? disputedItems({ actor: { userId: user.id }, projectId }) : null;
  return (
    <div className="container">
      <ProjectNav projectId={projectId} projectName={project.name} active="review" role={project.role} />
      <div className="page-header">
        <div>
          <h1>Review queue</h1>
          <p>Colleagues’ tags and links you have not reviewed yet, article by article.</p>
        </div>
        {queue && (
          <p className="muted small">
            <kbd>a</kbd> accept · <kbd>r</kbd> reject · <kbd>n</kbd> next · <kbd>o</kbd> open in the reader
          </p>
        )}
      </div>
      {queue ? (
        <ReviewQueue projectId={projectId} groups={queue.groups} currentUserId={user.id} />
      ) : (
        <div className="card empty">Your role in this project ({project.role}) lets you read annotations and their reviews, but not review them.</div>
      )}
      {disputed && <DisputedList projectId={projectId} groups={disputed} />}
    </div>
  );
}
