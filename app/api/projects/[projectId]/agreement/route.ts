import { authedRoute, pathId } from '@/lib/http/api';
import { projectAgreement } from '@/lib/data/agreement';

type Params = { projectId: string };

/** GET agreement between the project's reviewers: per pair, per article and pooled. */
export const GET = authedRoute<Params>(({ actor, params }) => projectAgreement({ actor, projectId: pathId(params.projectId, 'Project') }));
