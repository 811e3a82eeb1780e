import { authedRoute, pathId } from '@/lib/http/api';
import { suggestions } from '@/lib/data/linkSuggestions';

type Params = { id: string };

/** Statements of the project's other articles to link to: similar ones, or matching ?q=. */
export const GET = authedRoute<Params>(({ actor, params, request }) => {
  const q = new URL(request.url).searchParams.get('q') ?? '';
  return suggestions({ actor, annotationId: pathId(params.id, 'Annotation'), q });
});
