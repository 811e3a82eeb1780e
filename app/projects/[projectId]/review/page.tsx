import { ProjectNav } from '@/components/projects/ProjectNav';
import { ReviewQueue } from '@/components/review/ReviewQueue';
import { ReviewQueueFilters } from '@/components/review/ReviewQueueFilters';
import { disputedItems, reviewQueue } from '@/lib/data/reviews';
import { DisputedList } from '@/components/review/DisputedList';
import { can } from '@/lib/auth/can';
import { isAppError } from '@/lib/errors';
import styles from '@/components/review/ReviewQueue.module.css';
import { loadProjectPage } from '../loadProject';
import { LiveChanges } from '@/components/live/LiveChanges';
import { currentCursor } from '@/lib/data/annotations';

export const metadata = { title: 'Review queue' };

const FILTERS = ['label', 'author', 'article', 'outlet'] as const;
/** Colleagues' changes that add to, take from or reorder the queue. */
const QUEUE_CHANGES = ['annotation', 'link', 'review'] as const;

type Search = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

/** Runs a read whose input came from the URL: a 400 becomes a message on the page. */
async function fromUrl<T>(read: () => Promise<T>): Promise<{ value: T | null; error: string | null }> {
  try {
    return { value: await read(), error: null };
  } catch (error) {
    if (isAppError(error) && error.status === 400) return { value: null, error: error.message };
    throw error;
  }
}

export default async function ReviewQueuePage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Search> }) {
  const { user, project, projectId } = await loadProjectPage(params, '/review');
  const search = await searchParams;
  const actor = { userId: user.id };
  const filters = Object.fromEntries(FILTERS.map((f) => [f, one(search[f])]));
  const filterQuery = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1])).toString();
  // The event id the page was read at: a refresh after live changes remounts the queue with them.
  const readAt = await currentCursor();
  const canReview = can(project.role, 'review.create');
  const queue = canReview ? await fromUrl(async () => await reviewQueue({ actor, projectId, query: filters })) : null;
  const disputed = can(project.role, 'review.settle') ? await fromUrl(async () => await disputedItems({ actor, projectId, query: { cursor: one(search.disputed) } })) : null;
  return (
    <div className="container">
      <ProjectNav projectId={projectId} projectName={project.name} active="review" role={project.role} />
      <div className="page-header">
        <div>
          <h1>Review queue</h1>
          <p>Colleagues’ tags and links you have not reviewed yet, article by article.</p>
        </div>
        {queue && (
          <p className={`muted small ${styles.keyHint}`}>
            <kbd>a</kbd> accept · <kbd>r</kbd> reject · <kbd>n</kbd> next · <kbd>o</kbd> open in the reader
          </p>
        )}
      </div>
      {(queue || disputed) && <LiveChanges projectId={projectId} kinds={QUEUE_CHANGES} what="the review queue" />}
      {disputed && <DisputedList projectId={projectId} page={disputed.value} error={disputed.error} />}
      {!queue ? (
        <div className="card empty">Your role in this project ({project.role}) lets you read annotations and their reviews, but not review them.</div>
      ) : queue.value ? (
        <>
          {disputed && <h2 className={styles.queueTitle}>Your queue</h2>}
          <ReviewQueueFilters counts={queue.value.counts} />
          <ReviewQueue key={`${filterQuery}@${readAt}`} projectId={projectId} initial={{ items: queue.value.items, nextCursor: queue.value.nextCursor, left: queue.value.left }} filterQuery={filterQuery} filtered={filterQuery !== ''} currentUserId={user.id} />
        </>
      ) : (
        <div className="alert alert-error" role="alert">
          {queue.error} <a href={`/projects/${projectId}/review`}>Show the whole queue</a>
        </div>
      )}
    </div>
  );
}
