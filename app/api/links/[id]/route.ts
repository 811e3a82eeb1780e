import { authedRoute, pathId } from '@/lib/http/api';
import { deleteLink } from '@/lib/data/links';
import { getLink } from '@/lib/data/linkViews';

type Params = { id: string };

export const GET = authedRoute<Params>(({ actor, params }) => ({ link: getLink({ actor, linkId: pathId(params.id, 'Link') }) }));

/** Tombstones the link (its author only). */
export const DELETE = authedRoute<Params>(({ actor, params }) => {
  const link = deleteLink({ actor, linkId: pathId(params.id, 'Link') });
  return { link: { id: link.id, deletedAt: link.deletedAt?.toISOString() ?? null, version: link.version } };
});
