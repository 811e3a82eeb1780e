import { authedRoute } from '@/lib/http/api';
import { listProjects } from '@/lib/data/projects';

export const GET = authedRoute(({ actor }) => ({ projects: listProjects({ actor }) }));
