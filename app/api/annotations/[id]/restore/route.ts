import { authedRoute, pathId } from '@/lib/http/api';
import { restoreAnnotation } from '@/lib/data/annotations';

/** POST: undo the caller's own recent delete (see RESTORE_WINDOW_MS). */
export const POST = authedRoute<{ id: string }>(({ actor, params }) => ({
  annotation: restoreAnnotation({ actor, annotationId: pathId(params.id, 'Annotation') }),
}));
