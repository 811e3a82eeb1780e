import { authedRoute, pathId } from '@/lib/http/api';
import { reviewQueue } from '@/lib/data/reviews';

type Params = { projectId: string };

/** GET what the caller still has to review in the project, by article, with the count left. */
export const GET = authedRoute<Params>(({ actor, params }) => reviewQueue({ actor, projectId: pathId(params.projectId, 'Project') }));
